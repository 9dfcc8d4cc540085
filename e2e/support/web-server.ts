import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export const nextBin = new URL("../../node_modules/next/dist/bin/next", import.meta.url).pathname;

/** Stamps each request with its socket's address, as in production (see the file). */
export const peerAddressPreload = ["--require", new URL("../../server/peer-address.cjs", import.meta.url).pathname];

/**
 * `npm test` builds in its build tier; a bare `playwright test` on a fresh checkout builds here
 * (servers.ts, before it starts the servers, so two never build at once).
 */
export async function buildIfMissing(appEnv: NodeJS.ProcessEnv): Promise<void> {
  if (existsSync(".next/BUILD_ID") && existsSync(".next/standalone/server.js")) return;
  const build = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: appEnv });
  const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (code !== 0) throw new Error("next build failed");
}

/** The standalone server's command line, as the Dockerfile runs it (after `layOutStandalone`). */
export const standaloneServer = [...peerAddressPreload, ".next/standalone/server.js"];

/** The standalone output leaves the browser assets out; they are laid in as the Dockerfile does. */
export function layOutStandalone(): void {
  rmSync(".next/standalone/.next/static", { recursive: true, force: true });
  cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
}

/** Ends the app and its helpers (soketi, MailDev, the identity provider) together, whichever of Playwright's signal or the app's exit comes first. */
export function stopTogether(app: ChildProcess, ...services: { stop: () => Promise<void> }[]): void {
  const stop = async () => {
    app.kill("SIGTERM");
    await Promise.all(services.map((service) => service.stop()));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  app.on("exit", () => void stop());
}

/**
 * The server's health answer, once it gives one that is ok: servers.ts starts the dev and smoke
 * servers beside the tests, so their specs wait for them here. Fails after `timeoutMs`.
 */
export async function untilAnswers(baseUrl: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (response?.ok) return response;
    if (Date.now() > deadline) throw new Error(`${baseUrl} did not answer within ${timeoutMs} ms (${response?.status ?? "no answer"})`);
    await sleep(200);
  }
}
