import fc from "fast-check";

// Property tests explore new random inputs on every developer run; in CI (which cannot retry) they
// replay a fixed seed so that a green build stays green. FC_SEED=… reproduces any reported run.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
