// @ts-check
"use strict";

/**
 * @template T
 * @typedef {{ name: string, load: () => T }} UwsCandidate
 */

/**
 * Loads the first build that works, in the order given. When none does, throws one error that
 * names every build and why it failed, since soketi would otherwise die with only the last reason.
 *
 * @template T
 * @param {ReadonlyArray<UwsCandidate<T>>} candidates
 * @returns {{ name: string, module: T }}
 */
function chooseUws(candidates) {
  /** @type {string[]} */
  const failures = [];
  for (const candidate of candidates) {
    try {
      return { name: candidate.name, module: candidate.load() };
    } catch (error) {
      failures.push(`${candidate.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(
    `No build of uWebSockets.js loads on Node ${process.version} (${process.platform}-${process.arch}), so soketi cannot start:\n` +
      failures.map((failure) => `  - ${failure}`).join("\n"),
  );
}

module.exports = { chooseUws };
