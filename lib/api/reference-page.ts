import "server-only";
import { escapeHtml as h } from "../reports/escape";
import { BEARER_SCHEME, type OpenApiDocument, type OpenApiOperation, type OpenApiParameter } from "./openapi";

/**
 * The OpenAPI document as a page for people (GET /api/docs): operations grouped by tag, with who
 * may call them, their parameters, bodies and answers. Plain HTML and one inline style sheet: no
 * script, nothing fetched from elsewhere.
 */

type JsonSchema = Record<string, unknown>;

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin:1.6rem 0 .3rem}
code,.sig{font-family:ui-monospace,monospace;font-size:.9em}.method{font-weight:700;display:inline-block;min-width:4.2rem}
.auth{color:#444;font-size:.9em}table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
ul.schema{margin:.2rem 0;padding-left:1.2rem}details{margin:.2rem 0}summary{cursor:pointer}nav a{margin-right:.8rem}
`;

/** Escaped text with `code` spans, as the document's descriptions write them. */
const prose = (text: string) => h(text).replace(/`([^`]+)`/g, "<code>$1</code>");

const refName = (schema: JsonSchema) =>
  typeof schema.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : undefined;

/** Names are written in escaped HTML: a named shape links to its entry under "Shapes". */
function typeOf(schema: JsonSchema): string {
  const ref = refName(schema);
  if (ref) return `<a href="#schema-${h(ref)}">${h(ref)}</a>`;
  if (Array.isArray(schema.enum)) return h((schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | "));
  if ("const" in schema) return h(JSON.stringify(schema.const));
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf((schema.items as JsonSchema | undefined) ?? {})}[]`;
  if (Array.isArray(schema.type)) return h(schema.type.join(" | "));
  if (
    schema.type === "object" &&
    !schema.properties &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === "object"
  ) {
    return `{ [key]: ${typeOf(schema.additionalProperties as JsonSchema)} }`;
  }
  if (typeof schema.type === "string") return h(schema.format ? `${schema.type} (${String(schema.format)})` : schema.type);
  return "any";
}

/**
 * The fields of an object schema (through arrays and unions), as a nested list. A named shape is
 * expanded only at the top (`expandRef`); inside, it is a link to its entry.
 */
function fieldsOf(components: Record<string, JsonSchema>, schema: JsonSchema, depth = 0, expandRef = depth === 0): string {
  if (depth > 6) return "";
  const ref = refName(schema);
  if (ref) return expandRef && components[ref] ? fieldsOf(components, components[ref], depth, false) : "";
  if (schema.type === "array") return fieldsOf(components, (schema.items as JsonSchema | undefined) ?? {}, depth, false);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) {
    const shapes = union.filter((s) => s.properties);
    if (shapes.length === 1) return fieldsOf(components, shapes[0]!, depth, false);
    return shapes.length
      ? `<ul class="schema">${shapes.map((s) => `<li>one of:${fieldsOf(components, s, depth + 1, false)}</li>`).join("")}</ul>`
      : "";
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return "";
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const items = Object.entries(properties).map(([name, property]) => {
    const note = property.description ? ` — ${prose(String(property.description))}` : "";
    const dflt = property.default !== undefined ? ` (default ${h(JSON.stringify(property.default))})` : "";
    const nested = fieldsOf(components, property, depth + 1, false);
    return `<li><code>${h(name)}${required.has(name) ? "" : "?"}</code>: <code>${typeOf(property)}</code>${dflt}${note}${nested}</li>`;
  });
  return `<ul class="schema">${items.join("")}</ul>`;
}

function parametersTable(parameters: OpenApiParameter[]): string {
  const rows = parameters.map(
    (p) =>
      `<tr><td><code>${h(p.name)}</code></td><td>${p.in}${p.required ? ", required" : ""}</td><td><code>${typeOf(p.schema)}</code></td><td>${prose(p.description ?? "")}</td></tr>`,
  );
  return `<table><tr><th>parameter</th><th>in</th><th>type</th><th></th></tr>${rows.join("")}</table>`;
}

function authLine(op: OpenApiOperation): string {
  if (op.security.length === 0) return "Public: no sign-in.";
  const roles = (op["x-roles"] ?? []).join(", ");
  const token = op.security.some((s) => BEARER_SCHEME in s)
    ? `, or an API token with the <code>${h(op["x-token-scope"] ?? "")}</code> scope`
    : "; a signed-in session only (API tokens are refused)";
  return `Roles: ${h(roles)} (<code>${h(op["x-permission"] ?? "")}</code>): a session${token}.`;
}

function operationHtml(components: Record<string, JsonSchema>, path: string, method: string, op: OpenApiOperation): string {
  const parts = [
    `<h3 id="${h(op.operationId)}"><span class="method">${method.toUpperCase()}</span><span class="sig">${h(path)}</span></h3>`,
    `<p><strong>${h(op.summary)}</strong>${op.description ? ` ${prose(op.description)}` : ""}</p>`,
    `<p class="auth">${authLine(op)}</p>`,
  ];
  if (op.parameters?.length) parts.push(parametersTable(op.parameters));
  if (op.requestBody) {
    const schema = op.requestBody.content["application/json"].schema;
    parts.push(
      `<p>Body (JSON${op.requestBody.required ? "" : ", may be left out"}):</p>${fieldsOf(components, schema) || `<code>${typeOf(schema)}</code>`}`,
    );
  }
  const answers = Object.entries(op.responses).map(([status, response]) => {
    const types = Object.keys(response.content ?? {});
    const json = response.content?.["application/json"]?.schema;
    const fields = json ? fieldsOf(components, json) : "";
    const typeNote = types.length && !json ? ` <code>${h(types.join(", "))}</code>` : "";
    const head = `<code>${status}</code> ${prose(response.description)}${typeNote}`;
    return fields && Number(status) < 400
      ? `<li><details><summary>${head}</summary>${fields}</details></li>`
      : `<li>${head}</li>`;
  });
  parts.push(`<p>Answers:</p><ul>${answers.join("")}</ul>`);
  return parts.join("\n");
}

export function renderReferencePage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(doc.components.schemas, path, method, op)]);
    }
  }
  const tags = doc.tags.map((t) => t.name).filter((t) => byTag.has(t));
  const anchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const sections = tags.map((tag) => `<h2 id="${anchor(tag)}">${h(tag)}</h2>\n${byTag.get(tag)!.join("\n")}`);
  // The shapes several answers share (a route's own answer is named after its operation).
  const shapes = Object.entries(doc.components.schemas)
    .filter(([name]) => !/^(Get|Post|Patch|Delete)[A-Z]/.test(name))
    .map(([name, schema]) => `<h3 id="schema-${h(name)}">${h(name)}</h3>${fieldsOf(doc.components.schemas, schema, 0, false)}`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(doc.info.title)}</title><style>${STYLE}</style></head>
<body><h1>${h(doc.info.title)}</h1>
<p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${h(doc.openapi)}).</p>
<nav>${tags.map((t) => `<a href="#${anchor(t)}">${h(t)}</a>`).join("")}<a href="#shapes">Shapes</a></nav>
${sections.join("\n")}
<h2 id="shapes">Shapes</h2>
${shapes.join("\n")}
</body></html>`;
}
