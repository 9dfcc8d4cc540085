import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export type SoketiOptions = {
  port: number;
  metricsPort: number;
  appId: string;
  key: string;
  secret: string;
  /** How long a connection may stay without `pusher.signin()` before soketi closes it with 4009. */
  userAuthenticationTimeoutMs?: number;
  quiet?: boolean;
};

export type RunningSoketi = { process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts soketi on loopback with Pusher's own limits, so what fails in production fails here
 * (10 KB payloads, 164-character channel names, 100 channels per trigger, 10 events per batch),
 * and with user authentication on, which `terminateUserConnections` needs.
 */
export async function startSoketi(options: SoketiOptions): Promise<RunningSoketi> {
  const child = spawn(process.execPath, [soketiBin(), "start"], {
    env: {
      ...process.env,
      SOKETI_HOST: "127.0.0.1",
      SOKETI_PORT: String(options.port),
      SOKETI_METRICS_HOST: "127.0.0.1",
      SOKETI_METRICS_SERVER_PORT: String(options.metricsPort),
      SOKETI_DEFAULT_APP_ID: options.appId,
      SOKETI_DEFAULT_APP_KEY: options.key,
      SOKETI_DEFAULT_APP_SECRET: options.secret,
      SOKETI_DEFAULT_APP_USER_AUTHENTICATION: "true",
      SOKETI_USER_AUTHENTICATION_TIMEOUT: String(options.userAuthenticationTimeoutMs ?? 30000),
      SOKETI_EVENT_MAX_SIZE_IN_KB: "10",
      SOKETI_CHANNEL_LIMITS_MAX_NAME_LENGTH: "164",
      SOKETI_EVENT_MAX_CHANNELS_AT_ONCE: "100",
      SOKETI_EVENT_MAX_BATCH_SIZE: "10",
    },
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

  for (let attempt = 0; attempt < 100; attempt++) {
    if (exited) throw new Error(`soketi exited during start-up on port ${options.port}.\n${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/`);
      if (response.ok) return { process: child, stop };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`soketi did not answer on port ${options.port} within 10 s.\n${stderr}`);
}

function soketiBin(): string {
  return new URL("../../node_modules/@soketi/soketi/bin/server.js", import.meta.url).pathname;
}
