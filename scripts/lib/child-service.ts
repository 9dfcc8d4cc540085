import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export type RunningService = { process: ChildProcess; stop: () => Promise<void> };

/** Generous, because a busy two-core machine (tests, builds) can take many seconds to start a Node server. */
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts a local helper server (soketi, MailDev) as a child Node process and waits until `readyUrl`
 * answers 200; stops it with SIGTERM, then SIGKILL after 3 s. Quiet services keep their stderr for
 * the error raised when they die during start-up.
 */
export async function startService(options: {
  name: string;
  script: string;
  args?: string[];
  env?: Record<string, string>;
  readyUrl: string;
  quiet?: boolean;
}): Promise<RunningService> {
  const child = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: options.quiet ? ["ignore", "ignore", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));

  const stop = async () => {
    if (exited) return;
    const done = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([done, sleep(3000)]);
    if (!exited) child.kill("SIGKILL");
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name} exited during start-up (${options.readyUrl}).\n${stderr}`);
    try {
      const response = await fetch(options.readyUrl);
      if (response.ok) return { process: child, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`${options.name} did not answer at ${options.readyUrl} within ${STARTUP_TIMEOUT_MS / 1000} s.\n${stderr}`);
}

/** A package's file inside this project's node_modules. */
export function moduleFile(path: string): string {
  return new URL(`../../node_modules/${path}`, import.meta.url).pathname;
}
