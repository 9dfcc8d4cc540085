import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import Pusher from "pusher";
import { env } from "@/base/env";
import { startSoketi } from "@/scripts/lib/soketi";
import { layOutStandalone, nextBin, standaloneServer } from "@/e2e/support/web-server";
import { within } from "./clients";
import { BENCH_AUTH_SECRET } from "./sessions";

const offset = env().testPortOffset;
/** The bench's own ports, beside the test tiers' (tests/ports.ts) and `npm run dev`'s. */
const ports = { app: 3400 + offset, soketi: 6401 + offset, soketiMetrics: 10001 + offset };
const pusherApp = { appId: "cohort-bench", key: "cohort-bench-key", secret: "cohort-bench-secret" } as const;
const STARTUP_TIMEOUT_MS = 60_000;

export type RunningRealtime = {
  /** A server-side client of the bench's soketi: the bare publish, or an in-process case's own. */
  publisher: Pusher;
  /** How many HTTP calls (publishes, channel queries) soketi has received so far. */
  realtimeCalls: () => Promise<number>;
  stop: () => Promise<void>;
  /** Ends soketi at once, for a bench that is itself being ended. */
  kill: () => void;
};

export type RunningApp = RunningRealtime & {
  baseUrl: string;
  /** The pusher-js options of a client of this app's soketi (as the browser gets them). */
  pusher: { key: string; host: string; port: number };
};

/** soketi alone on the bench's ports, for a case that publishes in-process. */
export async function startRealtime(): Promise<RunningRealtime> {
  const soketi = await startSoketi({ port: ports.soketi, metricsPort: ports.soketiMetrics, ...pusherApp, metrics: true, quiet: true });
  const publisher = new Pusher({ ...pusherApp, host: "127.0.0.1", port: String(ports.soketi), useTLS: false });
  return { publisher, realtimeCalls, stop: () => soketi.stop(), kill: () => soketi.process.kill("SIGKILL") };
}

/** soketi's count of the HTTP calls it received, summed over its labels. */
async function realtimeCalls(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ports.soketiMetrics}/metrics`)).text();
  const lines = text.split("\n").filter((line) => line.startsWith("soketi_http_calls_received_total"));
  if (lines.length === 0) throw new Error("soketi's metrics have no soketi_http_calls_received_total.");
  return lines.reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

/** Source the build depends on: tracked files outside the bench, tests and docs. */
function newestSourceMtime(): number {
  const files = execFileSync("git", ["ls-files", "app", "lib", "components", "db", "proxy.ts", "next.config.ts", "package-lock.json"], {
    encoding: "utf8",
  })
    .split("\n")
    .filter((file) => file && existsSync(file));
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

/**
 * Reuses `.next` when its BUILD_ID is newer than every source file it was built from, else runs
 * `next build`. Returns the build's seconds, or null when the existing build was current.
 */
export async function ensureBuild(log: (line: string) => void): Promise<number | null> {
  if (existsSync(".next/BUILD_ID") && statSync(".next/BUILD_ID").mtimeMs > newestSourceMtime()) return null;
  log("Building the app (next build)…");
  const started = performance.now();
  const build = spawn(process.execPath, [nextBin, "build"], { stdio: ["ignore", "ignore", "inherit"] });
  const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  const seconds = (performance.now() - started) / 1000;
  log(`Built the app in ${seconds.toFixed(0)} s.`);
  return seconds;
}

/** Signals the server and anything it spawned: it runs in its own process group. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  signalGroup(child, "SIGTERM");
  if (!(await within(exited, 5000))) signalGroup(child, "SIGKILL");
}

/**
 * soketi on the bench's ports and the production build's standalone server (as the Dockerfile runs
 * it, the client address stamped) against `databaseUrl`,
 * ready when `/api/health` answers 200 (database and soketi reachable). `stop` ends both; on a
 * failed start they are stopped before the error is thrown.
 */
export async function startApp(databaseUrl: string): Promise<RunningApp> {
  const baseUrl = `http://127.0.0.1:${ports.app}`;
  const realtime = await startRealtime();
  layOutStandalone();
  // BENCH_SERVER_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (where a case's time goes).
  const profile = process.env.BENCH_SERVER_PROFILE;
  const next = spawn(process.execPath, [...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []), ...standaloneServer], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(ports.app),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      APP_URL: baseUrl,
      AUTH_SECRET: BENCH_AUTH_SECRET,
      PUSHER_APP_ID: pusherApp.appId,
      PUSHER_KEY: pusherApp.key,
      PUSHER_SECRET: pusherApp.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(ports.soketi),
      PUSHER_USE_TLS: "false",
      LOG_LEVEL: "warn",
    },
  });
  // Its own process group keeps the server out of the terminal's Ctrl-C, so an interrupted or
  // killed bench ends it (and soketi) here rather than leaving them running.
  const abandon = (signal: NodeJS.Signals) => {
    signalGroup(next, "SIGKILL");
    realtime.kill();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", abandon);
  process.once("SIGTERM", abandon);
  const stop = async () => {
    process.off("SIGINT", abandon);
    process.off("SIGTERM", abandon);
    await stopGroup(next);
    await realtime.stop();
  };
  try {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (next.exitCode !== null) throw new Error(`the server exited during start-up (${next.exitCode}).`);
      if (Date.now() > deadline) throw new Error(`the server did not answer within ${STARTUP_TIMEOUT_MS / 1000} s.`);
      const response = await fetch(`${baseUrl}/api/health`).catch(() => null);
      if (response?.ok) break;
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...realtime, baseUrl, pusher: { key: pusherApp.key, host: "127.0.0.1", port: ports.soketi }, stop };
}
