import { z } from "zod";

/**
 * The only reader of `process.env`. Parsed lazily so that `next build` (which
 * evaluates route modules) does not need production secrets.
 */
const booleanString = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const DEV_AUTH_SECRET = "cohort-development-secret-not-for-production";

/** soketi's built-in app: fine on a laptop, a published secret anywhere else. */
const SOKETI_DEFAULTS = { appId: "app-id", key: "app-key", secret: "app-secret" } as const;
/** The shortest realtime secret production accepts (it signs every channel authorization). */
const MIN_PUSHER_SECRET_LENGTH = 16;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url().optional(),
    DATABASE_DRIVER: z.enum(["pg", "neon"]).optional(),
    PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
    AUTH_SECRET: z.string().min(16).optional(),
    PUSHER_APP_ID: z.string().min(1).default(SOKETI_DEFAULTS.appId),
    PUSHER_KEY: z.string().min(1).default(SOKETI_DEFAULTS.key),
    PUSHER_SECRET: z.string().min(1).default(SOKETI_DEFAULTS.secret),
    PUSHER_CLUSTER: z.string().min(1).optional(),
    PUSHER_HOST: z.string().min(1).optional(),
    PUSHER_PORT: z.coerce.number().int().positive().optional(),
    PUSHER_USE_TLS: booleanString.optional(),
    PUSHER_PUBLIC_HOST: z.string().min(1).optional(),
    PUSHER_PUBLIC_PORT: z.coerce.number().int().positive().optional(),
    APP_URL: z.url().optional(),
    HSTS: z.enum(["on", "off"]).default("on"),
    SMTP_REQUIRE_TLS: booleanString.optional(),
    SMTP_HOST: z.string().min(1).default("127.0.0.1"),
    SMTP_PORT: z.coerce.number().int().positive().default(1025),
    SMTP_SECURE: booleanString.optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    MAIL_FROM: z.string().min(3).default("Cohort <no-reply@cohort.localhost>"),
    MAILDEV_WEB_PORT: z.coerce.number().int().positive().default(1080),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_DISPLAY_NAME: z.string().min(1).default("Single sign-on"),
    /** Replaced by TRUSTED_PROXY_CIDRS: a count of proxies cannot tell a proxy's entry from a client's. */
    TRUSTED_PROXIES: z
      .undefined({ error: "TRUSTED_PROXIES is replaced by TRUSTED_PROXY_CIDRS: list the proxies' addresses (CIDRs)" })
      .optional(),
    TRUSTED_PROXY_CIDRS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()], {
              error: "must be IPv4 or IPv6 addresses or CIDRs, separated by commas",
            }),
          )
          .max(100),
      ),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    SHOW_DEMO_ACCOUNTS: booleanString.optional(),
    TEST_DATABASE_URL: z.url().optional(),
    TEST_PORT_OFFSET: z.coerce.number().int().min(0).max(50000).default(0),
    BENCH_DATABASE_URL: z.url().optional(),
    CI: z.string().optional(),
    CRON_SECRET: z.string().min(16).optional(),
  })
  .refine((env) => !env.DATABASE_DRIVER || env.DATABASE_URL, {
    message: "DATABASE_DRIVER applies to DATABASE_URL, which is not set",
    path: ["DATABASE_DRIVER"],
  })
  .refine((env) => (env.OIDC_ISSUER === undefined) === (env.OIDC_CLIENT_ID === undefined), {
    message: "OIDC_ISSUER and OIDC_CLIENT_ID switch single sign-on on together",
    path: ["OIDC_CLIENT_ID"],
  })
  .transform((env) => {
    const selfHosted = env.PUSHER_HOST !== undefined || env.PUSHER_CLUSTER === undefined;
    const host = env.PUSHER_HOST ?? (selfHosted ? "127.0.0.1" : undefined);
    const port = env.PUSHER_PORT ?? (selfHosted ? 6001 : undefined);
    const production = env.NODE_ENV === "production";
    const smtpSecure = env.SMTP_SECURE ?? env.SMTP_PORT === 465;
    // A production page is served over HTTPS, where a browser refuses a plain ws:// socket (and the
    // traffic would travel in clear): TLS unless explicitly switched off, as for Pusher Channels.
    const useTLS = env.PUSHER_USE_TLS ?? (production || !selfHosted);
    return {
      nodeEnv: env.NODE_ENV,
      production,
      databaseUrl: env.DATABASE_URL,
      /** Unset: Neon's driver for Neon's hosts, node-postgres otherwise (see db/driver.ts). */
      databaseDriver: env.DATABASE_DRIVER,
      pgliteDataDir: env.PGLITE_DATA_DIR,
      authSecret: env.AUTH_SECRET ?? (production ? undefined : DEV_AUTH_SECRET),
      logLevel: env.LOG_LEVEL,
      showDemoAccounts: env.SHOW_DEMO_ACCOUNTS ?? !production,
      /** Integration and e2e tests run on this PostgreSQL server; integration tests use PGlite without it. */
      testDatabaseUrl: env.TEST_DATABASE_URL,
      /** Shifts every test port (and the e2e database name), so two checkouts can run `npm test` at once. */
      testPortOffset: env.TEST_PORT_OFFSET,
      /** The PostgreSQL server `npm run bench` creates its databases on; the local server when unset. */
      benchDatabaseUrl: env.BENCH_DATABASE_URL,
      ci: env.CI === "true" || env.CI === "1",
      /** What the scheduler sends as `Authorization: Bearer …` to /api/cron/*; unset, those routes refuse every call. */
      cronSecret: env.CRON_SECRET,
      /** The address people reach the app at; links in emails start with it. */
      appUrl: env.APP_URL ?? "http://localhost:3000",
      /** Strict-Transport-Security on every response; production only, and `HSTS=off` for a deliberately plain-http deployment. */
      hsts: production && env.HSTS === "on",
      mail: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: smtpSecure,
        /** Without TLS from the first byte, production refuses a server that does not offer STARTTLS (`SMTP_REQUIRE_TLS=false` allows plain SMTP). */
        requireTLS: !smtpSecure && (env.SMTP_REQUIRE_TLS ?? production),
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
        from: env.MAIL_FROM,
        /** MailDev's web inbox, started beside the app by `npm run dev`. */
        devInboxPort: env.MAILDEV_WEB_PORT,
      },
      /** Single sign-on through one OIDC provider; off unless its issuer and client are set. */
      oidc:
        env.OIDC_ISSUER && env.OIDC_CLIENT_ID
          ? {
              issuer: env.OIDC_ISSUER,
              clientId: env.OIDC_CLIENT_ID,
              clientSecret: env.OIDC_CLIENT_SECRET,
              displayName: env.OIDC_DISPLAY_NAME,
            }
          : undefined,
      /**
       * The proxies in front of the app (CIDRs): a request whose socket peer is one of them is from the
       * right-most X-Forwarded-For entry outside them; any other request is from its peer.
       */
      trustedProxyCidrs: env.TRUSTED_PROXY_CIDRS,
      pusher: {
        appId: env.PUSHER_APP_ID,
        key: env.PUSHER_KEY,
        secret: env.PUSHER_SECRET,
        cluster: env.PUSHER_CLUSTER ?? "mt1",
        host,
        port,
        useTLS,
        /** What the browser connects to; differs from `host` behind a proxy. */
        publicHost: env.PUSHER_PUBLIC_HOST ?? host,
        publicPort: env.PUSHER_PUBLIC_PORT ?? port,
      },
    };
  });

export type Env = z.output<typeof envSchema>;

let cached: Env | undefined;

/** Validates an environment; `env()` parses `process.env` with it once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

export function env(): Env {
  if (!cached) cached = parseEnv(process.env);
  return cached;
}

/** The secret Auth.js signs sessions with; required in production. */
export function authSecret(): string {
  const secret = env().authSecret;
  if (!secret) throw new Error("AUTH_SECRET must be set in production (at least 16 characters).");
  return secret;
}

/** Forgets the parsed environment; for set-up code that writes variables after something read them. */
export function reloadEnv(): void {
  cached = undefined;
}

/**
 * What a production server must not start with: secrets anyone can read in soketi's README or
 * this repository. Empty outside production.
 */
export function productionRefusals(config: Env): string[] {
  if (!config.production) return [];
  const refusals: string[] = [];
  if (!config.authSecret) refusals.push("AUTH_SECRET must be set (at least 16 characters).");
  else if (config.authSecret === DEV_AUTH_SECRET) refusals.push("AUTH_SECRET is the development secret; set a random one.");
  const { appId, key, secret } = config.pusher;
  if (appId === SOKETI_DEFAULTS.appId || key === SOKETI_DEFAULTS.key || secret === SOKETI_DEFAULTS.secret) {
    refusals.push("PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET must be set: soketi's defaults (app-id, app-key, app-secret) are public.");
  } else if (secret.length < MIN_PUSHER_SECRET_LENGTH) {
    refusals.push(`PUSHER_SECRET must be at least ${MIN_PUSHER_SECRET_LENGTH} characters.`);
  }
  return refusals;
}

/** Throws when production is configured with public or missing secrets; the server calls it at start (instrumentation.ts). */
export function assertProductionReady(config: Env = env()): void {
  const refusals = productionRefusals(config);
  if (refusals.length) throw new Error(`Refusing to run in production:\n  ${refusals.join("\n  ")}`);
}
