import { type RunningService, moduleFile, startService } from "./child-service";

export type SoketiOptions = {
  port: number;
  metricsPort: number;
  appId: string;
  key: string;
  secret: string;
  /** How long a connection may stay without `pusher.signin()` before soketi closes it with 4009. */
  userAuthenticationTimeoutMs?: number;
  /** Prometheus figures on `metricsPort` (`/metrics`): the bench counts the HTTP calls soketi received. */
  metrics?: boolean;
  quiet?: boolean;
  /**
   * Joins the nodes that share this Redis (database and key prefix) into one cluster (soketi's Redis
   * adapter): an event published on any node reaches subscribers on every node.
   */
  redis?: { host: string; port: number; db: number; prefix: string };
};

export type RunningSoketi = RunningService;

/**
 * Starts soketi on loopback with Pusher's own limits, so what fails in production fails here
 * (10 KB payloads, 164-character channel names, 100 channels per trigger, 10 events per batch),
 * and with user authentication on, which `terminateUserConnections` needs.
 */
export function startSoketi(options: SoketiOptions): Promise<RunningSoketi> {
  return startService({
    name: "soketi",
    script: moduleFile("@soketi/soketi/bin/server.js"),
    args: ["start"],
    readyUrl: `http://127.0.0.1:${options.port}/`,
    quiet: options.quiet,
    env: {
      SOKETI_HOST: "127.0.0.1",
      SOKETI_PORT: String(options.port),
      SOKETI_METRICS_HOST: "127.0.0.1",
      SOKETI_METRICS_SERVER_PORT: String(options.metricsPort),
      SOKETI_METRICS_ENABLED: options.metrics ? "true" : "false",
      SOKETI_DEFAULT_APP_ID: options.appId,
      SOKETI_DEFAULT_APP_KEY: options.key,
      SOKETI_DEFAULT_APP_SECRET: options.secret,
      SOKETI_DEFAULT_APP_USER_AUTHENTICATION: "true",
      SOKETI_USER_AUTHENTICATION_TIMEOUT: String(options.userAuthenticationTimeoutMs ?? 30000),
      SOKETI_EVENT_MAX_SIZE_IN_KB: "10",
      SOKETI_CHANNEL_LIMITS_MAX_NAME_LENGTH: "164",
      SOKETI_EVENT_MAX_CHANNELS_AT_ONCE: "100",
      SOKETI_EVENT_MAX_BATCH_SIZE: "10",
      ...(options.redis
        ? {
            SOKETI_ADAPTER_DRIVER: "redis",
            SOKETI_ADAPTER_REDIS_PREFIX: options.redis.prefix,
            SOKETI_DB_REDIS_HOST: options.redis.host,
            SOKETI_DB_REDIS_PORT: String(options.redis.port),
            SOKETI_DB_REDIS_DB: String(options.redis.db),
          }
        : {}),
    },
  });
}
