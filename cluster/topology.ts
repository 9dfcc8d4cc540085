/**
 * The local cluster's addresses: what `cluster/nginx.conf` balances (a unit test holds the two
 * together). Beside the test tiers' ports (tests/ports.ts), the bench's and `npm run dev`'s.
 */
export const CLUSTER = {
  /** The balancer: the app's one address, and the realtime nodes' one address. */
  balancer: { app: 3500, realtime: 6500 },
  /** Each node is an app instance and a soketi node; the `cohort_node` cookie pins a browser to one. */
  nodes: [
    { name: "a", app: 3501, realtime: 6501, realtimeMetrics: 9511 },
    { name: "b", app: 3502, realtime: 6502, realtimeMetrics: 9512 },
  ],
  /** The soketi nodes' adapter: this Redis database, keys under this prefix (the machine's Redis is shared). */
  redis: { host: "127.0.0.1", port: 6379, db: 7, prefix: "cohort-cluster" },
  /** MailDev: the instances' SMTP server and the REST API where the spec reads their mail. */
  mail: { smtp: 2525, web: 2580 },
  pusher: { appId: "cohort-cluster", key: "cohort-cluster-key", secret: "cohort-cluster-secret-0123456789" },
  /** The cluster spec's control endpoint (its global set-up kills and starts nodes on request). */
  control: 7500,
  authSecret: "cohort-cluster-auth-secret-0123456789abcdef",
  cronSecret: "cohort-cluster-cron-secret-0123456789",
} as const;

export type ClusterNodeName = (typeof CLUSTER.nodes)[number]["name"];

export const clusterAppUrl = `http://127.0.0.1:${CLUSTER.balancer.app}`;

/**
 * The cluster's environment: what each instance runs with besides its port, and what a test worker
 * needs to reach the same database and realtime nodes in-process.
 */
export function clusterEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    APP_URL: clusterAppUrl,
    AUTH_SECRET: CLUSTER.authSecret,
    CRON_SECRET: CLUSTER.cronSecret,
    // The instances publish through the balancer too: to whichever node is up.
    PUSHER_APP_ID: CLUSTER.pusher.appId,
    PUSHER_KEY: CLUSTER.pusher.key,
    PUSHER_SECRET: CLUSTER.pusher.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(CLUSTER.balancer.realtime),
    PUSHER_USE_TLS: "false",
    // The balancer's X-Forwarded-For names the browser (the sign-in limits count it).
    TRUSTED_PROXY_CIDRS: "127.0.0.1/32",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(CLUSTER.mail.smtp),
    SMTP_REQUIRE_TLS: "false",
    LOG_LEVEL: "warn",
  };
}
