import "server-only";
import { z } from "zod";
import { articleSummarySchema } from "../articles/article-view";
import { articleDetailSchema } from "../articles/read-articles";
import { PERMISSION_SCOPE, PERMISSIONS } from "../auth/permissions";
import { claimViewSchema, sourceViewSchema } from "../claims/claim-view";
import { errorBodySchema } from "../errors";
import { matchGroupViewSchema } from "../matching/match-group";
import { apiTokenViewSchema } from "../tokens/token-view";
import { userViewSchema } from "../users/user-view";
import { commentViewSchema } from "../workflow/comment-view";
import { queueItemSchema } from "../workflow/list-queue";
import { reviewViewSchema } from "../workflow/review-claim";
import { API_ROUTES, type ResponseSpec, type RouteSpec, SHARED_ANSWERS } from "./routes";

/**
 * The OpenAPI 3.1 document of the JSON API, generated from lib/api/routes.ts: request schemas are
 * the zod schemas the use cases validate with, response schemas those of the view types (zod 4's
 * `z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses). Served at /api/openapi.json and
 * rendered at /api/docs.
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

/** The headers of a 429 (lib/http/rate-limit.ts). */
const RATE_LIMITED_HEADERS: OpenApiResponse["headers"] = {
  "Retry-After": { description: "Seconds until the limit's window ends.", schema: { type: "integer", minimum: 1 } },
  "RateLimit-Limit": { description: "Requests allowed in each window by the limit that refused.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window (0).", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window ends.", schema: { type: "integer" } },
};

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, OpenApiResponse>;
  /** Who may call it: the permission, the roles that have it, the API token scope it needs. */
  "x-permission"?: string;
  "x-roles"?: string[];
  "x-token-scope"?: string;
  "x-session-only"?: boolean;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, string>> };
}

/** Response shapes named in components.schemas (each route's whole answer is named after it too). */
const NAMED_SCHEMAS: [z.ZodType, string][] = [
  [errorBodySchema, "Error"],
  [claimViewSchema, "Claim"],
  [sourceViewSchema, "Source"],
  [articleSummarySchema, "ArticleSummary"],
  [articleDetailSchema, "Article"],
  [commentViewSchema, "Comment"],
  [reviewViewSchema, "Review"],
  [queueItemSchema, "QueueItem"],
  [matchGroupViewSchema, "MatchGroup"],
  [apiTokenViewSchema, "ApiToken"],
  [userViewSchema, "User"],
];

export const SESSION_SCHEME = "sessionCookie";
export const BEARER_SCHEME = "bearerToken";

function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return rest;
}

/**
 * Every response schema converted in one pass, so that the named shapes (a claim, an article…) are
 * written once in components.schemas and referred to everywhere else.
 */
function responseComponents(routes: readonly RouteSpec[]): {
  schemas: Record<string, JsonSchema>;
  refOf: (s: z.ZodType) => JsonSchema;
} {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, id: string) => {
    if (ids.has(schema)) return;
    ids.set(schema, id);
    registry.add(schema, { id });
  };
  for (const [schema, id] of [...NAMED_SCHEMAS, ...SHARED_ANSWERS]) name(schema, id);
  for (const route of routes) {
    for (const [status, spec] of Object.entries(responsesOf(route))) {
      if (spec.schema) name(spec.schema, `${pascal(operationId(route))}${status}`);
    }
  }
  const converted = z.toJSONSchema(registry, {
    io: "output",
    unrepresentable: "any",
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas;
  const schemas: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(converted)) {
    const { $schema: _dialect, $id: _id, id: _name, ...rest } = schema as JsonSchema;
    schemas[id] = rest;
  }
  return { schemas, refOf: (schema) => ({ $ref: `#/components/schemas/${ids.get(schema)!}` }) };
}

const pascal = (word: string) => word[0]!.toUpperCase() + word.slice(1);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The body is not JSON, or is larger than 3 MB.",
  401: "No valid session or API token (`WWW-Authenticate: Bearer` for a token that is unknown, expired or revoked).",
  403: "The role, or the API token's scopes, may not do this (or a cross-site browser request).",
  404: "No such item.",
  422: "Field-level problems (`error.fields`).",
  429: "Over a rate limit (per API token, per user or per client address; `error.limit` says which): nothing was done. `Retry-After` gives the seconds until the window ends; every answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.",
  503: "The database is unavailable; nothing was changed (`Retry-After`).",
};

/** The error answers a route gives by what it is: signed-in, with path parameters, a body, a query. */
function errorStatuses(route: RouteSpec): number[] {
  const statuses: number[] = [];
  if (route.body) statuses.push(400);
  if (route.permission) statuses.push(401, 403);
  if (route.pathParams) statuses.push(404);
  if (route.body || route.query) statuses.push(422);
  if (route.permission) statuses.push(429, 503);
  return statuses;
}

/** Every status a route may answer, with its schema: the route's own answers, then the shared errors. */
export function responsesOf(route: RouteSpec): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = {};
  for (const status of errorStatuses(route)) {
    responses[status] = { description: ERROR_DESCRIPTIONS[status]!, schema: errorBodySchema };
  }
  for (const [status, spec] of Object.entries(route.responses)) {
    const code = Number(status);
    responses[code] = code >= 400 && !spec.schema && !spec.contentTypes ? { ...spec, schema: errorBodySchema } : spec;
  }
  return responses;
}

function operationId(route: RouteSpec): string {
  const words = route.path
    .replace(/^\/api\//, "")
    .split(/[/.-]/)
    .map((w) => w.replace(/[{}]/g, ""))
    .filter(Boolean);
  return [route.method.toLowerCase(), ...words.map(pascal)].join("");
}

function parametersOf(route: RouteSpec): OpenApiParameter[] {
  const params: OpenApiParameter[] = Object.entries(route.pathParams ?? {}).map(([name, description]) => ({
    name,
    in: "path",
    required: true,
    description,
    schema: { type: "string" },
  }));
  if (route.query) {
    const schema = toJsonSchema(route.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property as JsonSchema & { description?: string };
      params.push({
        name,
        in: "query",
        required: schema.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return params;
}

function operationOf(route: RouteSpec, refOf: (s: z.ZodType) => JsonSchema): OpenApiOperation {
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, spec] of Object.entries(responsesOf(route))) {
    const content: Record<string, { schema: JsonSchema }> = {};
    if (spec.schema) content["application/json"] = { schema: refOf(spec.schema) };
    for (const type of spec.contentTypes ?? []) content[type] = { schema: { type: "string" } };
    responses[status] = {
      description: spec.description,
      ...(status === "429" ? { headers: RATE_LIMITED_HEADERS } : {}),
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  const scope = route.permission ? PERMISSION_SCOPE[route.permission] : undefined;
  const security: Record<string, string[]>[] = !route.permission
    ? []
    : route.sessionOnly
      ? [{ [SESSION_SCHEME]: [] }]
      : [{ [SESSION_SCHEME]: [] }, { [BEARER_SCHEME]: [scope!] }];
  const parameters = parametersOf(route);
  return {
    operationId: operationId(route),
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            // A body that may be left out entirely (every field optional): the route reads none as {}.
            required: !route.body.safeParse({}).success,
            content: { "application/json": { schema: toJsonSchema(route.body, "input") } },
          },
        }
      : {}),
    responses,
    ...(route.permission
      ? {
          "x-permission": route.permission,
          "x-roles": [...PERMISSIONS[route.permission]],
          "x-token-scope": scope!,
          ...(route.sessionOnly ? { "x-session-only": true } : {}),
        }
      : {}),
  };
}

export function buildOpenApiDocument(routes: readonly RouteSpec[] = API_ROUTES): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const { schemas, refOf } = responseComponents(routes);
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method.toLowerCase()]) throw new Error(`${route.method} ${route.path} is listed twice`);
    item[route.method.toLowerCase()] = operationOf(route, refOf);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Fact-check Desk JSON API",
      version: "1",
      description:
        "Every route except the public ones needs a signed-in session cookie or an API token (`Authorization: Bearer fcd_…`, made on the Tokens page). A token acts as its user, narrowed to its scopes: each operation names the permission it needs (`x-permission`), the roles that have it (`x-roles`) and the token scope (`x-token-scope`). Bodies are JSON; unknown fields are refused. Errors: `{error: {code, message, fields?}}`. Requests are rate-limited per API token, per user and per client address (429 with `Retry-After`). See docs/api.md.",
    },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        [SESSION_SCHEME]: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser session (`__Secure-authjs.session-token` over HTTPS).",
        },
        [BEARER_SCHEME]: {
          type: "http",
          scheme: "bearer",
          description: "An API token; the scopes listed per operation are the token scope it needs.",
        },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The document of API_ROUTES, built once per process. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument());
}
