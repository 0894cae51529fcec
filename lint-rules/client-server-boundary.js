// @ts-check
// ESLint rule `local/no-server-only-in-client`: a client component ("use client") must not import,
// directly or through other project modules, a module marked `import "server-only"`. Next.js would
// refuse such a build anyway, but only at build time and with the whole chain to untangle; this
// names the import in the editor. A "use server" module is a boundary: the client receives
// references to its actions, never its code, so the walk stops there.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];
// Value imports and re-exports only: `import type` / `export type` never reach the bundle.
const IMPORT_RE = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;

/** @param {string} specifier @param {string} fromFile @returns {string | undefined} a project file */
function resolveProjectModule(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return undefined; // a package: not ours to walk
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return undefined;
}

/** @type {Map<string, { serverOnly: boolean; useServer: boolean; imports: string[] }>} */
const cache = new Map();
function readModule(/** @type {string} */ file) {
  let info = cache.get(file);
  if (!info) {
    const source = fs.readFileSync(file, "utf8");
    const imports = [...source.matchAll(IMPORT_RE)].map((m) => m[1] ?? "");
    info = {
      serverOnly: imports.includes("server-only"),
      useServer: /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source),
      imports,
    };
    cache.set(file, info);
  }
  return info;
}

/** The chain of project files from `file` to a server-only module, or undefined. */
function serverOnlyChain(/** @type {string} */ file, /** @type {Set<string>} */ seen = new Set()) {
  if (seen.has(file)) return undefined;
  seen.add(file);
  const info = readModule(file);
  if (info.useServer) return undefined;
  if (info.serverOnly) return [file];
  for (const specifier of info.imports) {
    const next = resolveProjectModule(specifier, file);
    const chain = next && serverOnlyChain(next, seen);
    if (chain) return [file, ...chain];
  }
  return undefined;
}

/** @type {import("eslint").Rule.RuleModule} */
const noServerOnlyInClient = {
  meta: {
    type: "problem",
    docs: { description: 'Client components ("use client") never import server-only modules.' },
    schema: [],
    messages: {
      serverOnly: "A client component may not import {{chain}}: it ends in a server-only module. Call a server action instead.",
    },
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const first = body[0];
    const isClient =
      first?.type === "ExpressionStatement" && first.expression.type === "Literal" && first.expression.value === "use client";
    if (!isClient) return {};
    cache.clear(); // files change between runs of a long-lived editor server
    const filename = context.filename;
    return {
      ImportDeclaration(node) {
        if (/** @type {{ importKind?: string }} */ (node).importKind === "type") return;
        const specifier = String(node.source.value);
        if (specifier === "server-only") {
          context.report({ node, messageId: "serverOnly", data: { chain: specifier } });
          return;
        }
        const target = resolveProjectModule(specifier, filename);
        const chain = target && serverOnlyChain(target);
        if (chain) {
          context.report({
            node,
            messageId: "serverOnly",
            data: { chain: chain.map((f) => path.relative(ROOT, f)).join(" → ") },
          });
        }
      },
    };
  },
};

export default { rules: { "no-server-only-in-client": noServerOnlyInClient } };
