import { type ChildProcess, spawn } from "node:child_process";
import { e2eAppEnv, e2eBaseUrl } from "./env";
import { buildIfMissing, untilAnswers } from "./web-server";

/**
 * Playwright's web server: the e2e tier's three servers, started side by side rather than one after
 * the other (Playwright waits for each of its web servers before it starts the next: about 25 s on two
 * cores with nothing else running, a minute under load, during which no test runs). The PostgreSQL
 * projects' server (server.ts) and the PGlite smoke project's (pglite-server.ts) start at once; the
 * dev project's (dev-server.ts) once the first answers, since it opens the database that one prepares.
 * The line below tells Playwright that the first answers: the setup and desktop specs start then, while
 * the other two finish starting (the dev server compiles its first route); the dev and smoke specs,
 * which run later, wait for theirs (`untilAnswers`). Built first when the build is missing, so no two
 * builds run at once.
 */
const READY = "e2e servers are ready";

await buildIfMissing({ ...process.env, ...e2eAppEnv() });

const tsx = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  void Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null))).then(
    () => process.exit(code),
  );
}
process.on("SIGTERM", () => stopAll(0));
process.on("SIGINT", () => stopAll(0));

function start(script: string): void {
  const child = spawn(tsx, ["--import", "./scripts/server-context.mjs", `e2e/support/${script}`], { stdio: "inherit" });
  children.push(child);
  // A server that ends on its own takes the others with it, and Playwright sees the exit.
  child.on("exit", (code) => {
    if (!stopping) console.error(`${script} exited (${code}): stopping the other e2e servers.`);
    stopAll(1);
  });
}

start("server.ts");
start("pglite-server.ts");
await untilAnswers(e2eBaseUrl, 240_000);
start("dev-server.ts");
console.log(READY);
