// Types of build-if-needed.mjs (plain JS so that `npm run demo` needs no TypeScript loader).
export function needsBuild(root?: string): boolean;
export function buildIfNeeded(env?: Record<string, string | undefined>, root?: string): void;
