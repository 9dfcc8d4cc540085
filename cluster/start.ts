import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { openPostgres } from "@/db/client";
import { buildIfMissing, layOutStandalone, standaloneServer, untilAnswers } from "@/e2e/support/web-server";
import { startMailDev } from "@/scripts/lib/maildev";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { type RunningSoketi, startSoketi } from "@/scripts/lib/soketi";
import { CLUSTER, clusterAppUrl, clusterEnv, type ClusterNodeName } from "./topology";

/** Debian's nginx; `.ci/run` installs it when missing. */
const NGINX = "/usr/sbin/nginx";
const NGINX_CONF = new URL("./nginx.conf", import.meta.url).pathname;
const START_TIMEOUT_MS = 120_000;

/** One node of the cluster: an app instance and a soketi node, each of which a spec may kill and start again. */
export type ClusterNode = {
  name: ClusterNodeName;
  /** The instance itself, past the balancer. */
  appUrl: string;
  /** Ends the instance at once (SIGKILL), as a crashed machine would: no request it holds is finished. */
  killApp: () => Promise<void>;
  startApp: () => Promise<void>;
  /** Ends the soketi node at once (SIGKILL): its WebSockets drop without a goodbye. */
  killRealtime: () => Promise<void>;
  startRealtime: () => Promise<void>;
};

export type RunningCluster = {
  /** The balancer: what a browser opens. */
  url: string;
  databaseUrl: string;
  /** MailDev's REST API, where the mail the instances sent is read. */
  mailApiUrl: string;
  nodes: Record<ClusterNodeName, ClusterNode>;
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  /** The cluster's own database (created when missing); `fresh` drops it first. */
  databaseUrl: string;
  fresh?: boolean;
  log?: (line: string) => void;
  /** The instances' and helpers' output goes to this process's terminal (`npm run cluster`), else only their errors. */
  verbose?: boolean;
};

/**
 * Two app instances (the standalone server, as the Docker image runs it) and two soketi nodes joined
 * by the Redis adapter, behind nginx (`cluster/nginx.conf`), on one PostgreSQL database and one
 * MailDev. Nothing is shared between the instances but those services: rate limits, idempotency,
 * sessions and the outbox are rows in the database. Started in dependency order, stopped together.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const log = options.log ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    stops.length = 0;
  };
  try {
    await createDatabase(options.databaseUrl, options.fresh ?? false);
    const handle = openPostgres(options.databaseUrl, { max: 2, connectAs: "owner" });
    await prepareDatabase(handle, log).finally(() => handle.close());

    stops.push(await ensureRedis(log));
    const mail = await startMailDev({ smtpPort: CLUSTER.mail.smtp, webPort: CLUSTER.mail.web, quiet: !options.verbose });
    stops.push(() => mail.stop());

    const realtime = new Map<ClusterNodeName, RunningSoketi | null>();
    const startRealtime = async (name: ClusterNodeName) => {
      const node = CLUSTER.nodes.find((n) => n.name === name)!;
      realtime.set(name, await startSoketi({ ...soketiOptions(node), quiet: !options.verbose }));
    };
    for (const node of CLUSTER.nodes) await startRealtime(node.name);
    stops.push(async () => void (await Promise.all([...realtime.values()].map((soketi) => soketi?.stop()))));

    stops.push(await startBalancer(options.verbose ?? false));

    await buildIfMissing({ ...process.env, NODE_ENV: "production" });
    layOutStandalone();
    const apps = new Map<ClusterNodeName, ChildProcess | null>();
    const startApp = async (name: ClusterNodeName) => {
      const node = CLUSTER.nodes.find((n) => n.name === name)!;
      const app = spawn(process.execPath, standaloneServer, {
        env: { ...process.env, ...clusterEnv(options.databaseUrl), NODE_ENV: "production", PORT: String(node.app), HOSTNAME: "127.0.0.1" },
        stdio: ["ignore", options.verbose ? "inherit" : "ignore", "inherit"],
      });
      apps.set(name, app);
      await untilAnswers(`http://127.0.0.1:${node.app}`, START_TIMEOUT_MS);
    };
    await Promise.all(CLUSTER.nodes.map((node) => startApp(node.name)));
    stops.push(async () => void (await Promise.all([...apps.values()].map((app) => app && ended(app, "SIGTERM")))));
    await untilAnswers(clusterAppUrl, START_TIMEOUT_MS);

    const nodes = Object.fromEntries(
      CLUSTER.nodes.map((node): [ClusterNodeName, ClusterNode] => [
        node.name,
        {
          name: node.name,
          appUrl: `http://127.0.0.1:${node.app}`,
          killApp: async () => {
            const app = apps.get(node.name);
            apps.set(node.name, null);
            if (app) await ended(app, "SIGKILL");
          },
          startApp: () => startApp(node.name),
          killRealtime: async () => {
            const soketi = realtime.get(node.name);
            realtime.set(node.name, null);
            if (soketi) await ended(soketi.process, "SIGKILL");
          },
          startRealtime: () => startRealtime(node.name),
        },
      ]),
    ) as Record<ClusterNodeName, ClusterNode>;
    return { url: clusterAppUrl, databaseUrl: options.databaseUrl, mailApiUrl: `${mail.inboxUrl}/api`, nodes, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function soketiOptions(node: (typeof CLUSTER.nodes)[number]) {
  return {
    port: node.realtime,
    metricsPort: node.realtimeMetrics,
    ...CLUSTER.pusher,
    redis: CLUSTER.redis,
    // Its connection gauge tells the cluster spec which node a browser is on.
    metrics: true,
  };
}

/** Sends `signal` and waits for the process to end. */
async function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** Creates the database when it does not exist (dropping it first when `fresh`), through the server's `postgres` database. */
async function createDatabase(databaseUrl: string, fresh: boolean): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`The cluster's database name "${name}" must be a plain identifier.`);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    if (fresh) await admin.query(`drop database if exists "${name}" with (force)`);
    const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Whether a Redis server answers PING at the cluster's address. */
function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(CLUSTER.redis.port, CLUSTER.redis.host);
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

/** The machine's Redis when it answers; otherwise one started here for the cluster's lifetime. */
async function ensureRedis(log: (line: string) => void): Promise<() => Promise<void>> {
  if (await redisAnswers()) return async () => {};
  const binary = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((path) => existsSync(path));
  if (!binary)
    throw new Error(
      `No Redis answers at ${CLUSTER.redis.host}:${CLUSTER.redis.port} and redis-server is not installed (apt-get install redis-server).`,
    );
  log(`Starting Redis on ${CLUSTER.redis.host}:${CLUSTER.redis.port} (none was running)…`);
  const redis = spawn(binary, ["--bind", CLUSTER.redis.host, "--port", String(CLUSTER.redis.port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  for (let tries = 0; !(await redisAnswers()); tries++) {
    if (redis.exitCode !== null || tries > 100) throw new Error("redis-server did not start.");
    await sleep(100);
  }
  return () => ended(redis, "SIGTERM");
}

/** nginx with the cluster's config, in a temporary folder of its own (its pid and buffers). */
async function startBalancer(verbose: boolean): Promise<() => Promise<void>> {
  if (!existsSync(NGINX)) throw new Error("nginx is not installed (apt-get install nginx); the cluster's balancer is nginx.");
  const prefix = mkdtempSync(join(tmpdir(), "cohort-cluster-nginx-"));
  // Started as root, nginx's workers run as another user: they buffer request bodies in here.
  chmodSync(prefix, 0o755);
  for (const folder of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(prefix, folder), { mode: 0o777 });
  const nginx = spawn(NGINX, ["-p", prefix, "-c", NGINX_CONF], { stdio: ["ignore", verbose ? "inherit" : "ignore", "inherit"] });
  const stop = async () => {
    await ended(nginx, "SIGTERM");
    rmSync(prefix, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (nginx.exitCode !== null)
      throw new Error(`nginx exited at start (${nginx.exitCode}); is ${CLUSTER.balancer.app} or ${CLUSTER.balancer.realtime} taken?`);
    const answered = await fetch(`http://127.0.0.1:${CLUSTER.balancer.realtime}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return stop;
    if (Date.now() > deadline) {
      await stop();
      throw new Error("nginx did not answer within 10 s.");
    }
    await sleep(100);
  }
}
