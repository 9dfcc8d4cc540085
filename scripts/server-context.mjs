/**
 * Server code outside Next: scripts, benchmarks and the e2e tests import lib/ and db/ from plain Node,
 * where `server-only` (the marker every module that reaches the database carries) throws unless it
 * resolves as in Next's server bundles, under React's "react-server" condition. Loaded first with
 * `node --import ./scripts/server-context.mjs` (or `tsx --import …`); registers the hook below for
 * that one package, so nothing else resolves differently. Vitest aliases the package instead.
 */
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

export async function resolve(specifier, context, next) {
  if (specifier !== "server-only") return next(specifier, context);
  return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}

// Hooks run on a thread of their own, which loads this file again: only the main thread registers.
if (isMainThread) register(import.meta.url);
