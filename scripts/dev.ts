import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openFromEnv } from "@/db/client";
import { acquirePgliteLock } from "@/db/pglite-lock";
import { DEMO_PASSWORD, demoAccounts } from "@/scripts/seed/accounts";
import { env } from "@/base/env";
import { prepareDatabase } from "./lib/prepare-database";
import { startMailDev } from "./lib/maildev";
import { devUrl, nextDevArgs } from "./lib/next-dev";
import { startSoketi } from "./lib/soketi";

/**
 * `npm run dev`: migrate and seed the database (PGlite under .data/ unless DATABASE_URL is set),
 * start soketi, MailDev (when mail goes to this machine) and Next together, and stop them all on Ctrl-C.
 */
const config = env();
const release = config.databaseUrl ? () => {} : acquirePgliteLock(config.pgliteDataDir, "npm run dev");

const handle = openFromEnv("owner");
await prepareDatabase(handle, console.log);
// Closed before Next starts: PGlite serves one process, and Next opens it lazily on first request.
await handle.close();

const { pusher, mail } = config;
const isLocal = (host: string | undefined) => host === "127.0.0.1" || host === "localhost";
// Started together; when one fails, the other is stopped rather than left running without us.
const [soketiStart, mailDevStart] = await Promise.allSettled([
  isLocal(pusher.host) && pusher.port
    ? startSoketi({ port: pusher.port, metricsPort: pusher.port + 3600, appId: pusher.appId, key: pusher.key, secret: pusher.secret })
    : null,
  isLocal(mail.host) ? startMailDev({ smtpPort: mail.port, webPort: mail.devInboxPort }) : null,
]);
if (soketiStart.status === "rejected" || mailDevStart.status === "rejected") {
  for (const started of [soketiStart, mailDevStart]) if (started.status === "fulfilled") await started.value?.stop();
  release();
  throw soketiStart.status === "rejected" ? soketiStart.reason : (mailDevStart as PromiseRejectedResult).reason;
}
const soketi = soketiStart.value;
const mailDev = mailDevStart.value;

const port = process.argv[2] ?? "3000";
// Next inherits the secret, so the dev timer below passes the route's check without any set-up.
const cronSecret = config.cronSecret ?? randomBytes(24).toString("hex");
process.env.CRON_SECRET = cronSecret;
// The preload stamps each request with its socket's address, as in production (server/peer-address.cjs).
const preload = new URL("../server/peer-address.cjs", import.meta.url).pathname;
const next = spawn(
  process.execPath,
  ["--require", preload, new URL("../node_modules/next/dist/bin/next", import.meta.url).pathname, ...nextDevArgs(port)],
  {
    stdio: "inherit",
  },
);

console.log(`
  Cohort is starting on ${devUrl(port)} (this machine only)
  Database: ${config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.pgliteDataDir}`}
  Realtime: ${soketi ? `soketi on 127.0.0.1:${pusher.port}` : `Pusher Channels (${pusher.cluster})`}
  Mail:     ${mailDev ? `MailDev, SMTP on 127.0.0.1:${mail.port}; read what the app sends at ${mailDev.inboxUrl}` : `SMTP server ${mail.host}:${mail.port}`}
  Demo logins (password "${DEMO_PASSWORD}"):
${demoAccounts.map((account) => `    ${account.email.padEnd(30)} ${account.description}`).join("\n")}
`);

/**
 * The platform cron's stand-in, calling the cron routes over HTTP inside Next's own process (never a
 * second process opening the embedded database): the daily rollup once Next answers, then hourly (it is
 * idempotent, and catches up the days a stopped dev server missed); reminders and the mail outbox every
 * minute; the clean-up of ended sessions and old sign-in records hourly; HR imports a restart cut off,
 * marked failed, every minute.
 */
const MINUTE_MS = 60_000;
const cronTimers = new Map<string, NodeJS.Timeout>();
function scheduleCron(path: string, everyMs: number, firstInMs: number): void {
  const run = async () => {
    try {
      const response = await fetch(`${devUrl(port)}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${cronSecret}` },
      });
      if (!response.ok) console.error(`${path} answered ${response.status}.`);
      cronTimers.set(
        path,
        setTimeout(() => void run(), everyMs),
      );
    } catch {
      // Next is still starting.
      cronTimers.set(
        path,
        setTimeout(() => void run(), 10_000),
      );
    }
  };
  cronTimers.set(
    path,
    setTimeout(() => void run(), firstInMs),
  );
}
scheduleCron("/api/cron/rollup", 60 * MINUTE_MS, 5_000);
scheduleCron("/api/cron/reminders", MINUTE_MS, 15_000);
scheduleCron("/api/cron/sign-ins", 60 * MINUTE_MS, 25_000);
scheduleCron("/api/cron/imports", MINUTE_MS, 35_000);
scheduleCron("/api/cron/retention", 60 * MINUTE_MS, 45_000);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const timer of cronTimers.values()) clearTimeout(timer);
  next.kill("SIGTERM");
  await Promise.all([soketi?.stop(), mailDev?.stop()]);
  release();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 0));
soketi?.process.on("exit", () => {
  if (!stopping) console.error("soketi stopped unexpectedly; live updates are unavailable.");
});
mailDev?.process.on("exit", () => {
  if (!stopping) console.error("MailDev stopped unexpectedly; mail the app sends is lost.");
});
