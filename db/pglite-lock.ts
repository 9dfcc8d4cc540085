import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * PGlite takes no lock of its own and two processes on one data directory corrupt it. Our
 * commands that open it (dev server, migrate, seed) take this lock and fail fast when a live
 * process holds it.
 */
export function acquirePgliteLock(dataDir: string, holder: string): () => void {
  const file = `${resolve(dataDir)}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify({ pid: process.pid, holder }), { flag: "wx" });
  } catch {
    const owner = readOwner(file);
    if (owner && isAlive(owner.pid)) {
      throw new Error(
        `The embedded database ${dataDir} is in use by "${owner.holder}" (pid ${owner.pid}). Stop it first: PGlite serves one process only.`,
      );
    }
    writeFileSync(file, JSON.stringify({ pid: process.pid, holder }));
  }
  return () => rmSync(file, { force: true });
}

function readOwner(file: string): { pid: number; holder: string } | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { pid: number; holder: string };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
