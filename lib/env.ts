import { z } from "zod";

/**
 * The only reader of `process.env`. Parsed lazily so that `next build` (which
 * evaluates route modules) does not need production secrets.
 */
const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const DEV_AUTH_SECRET = "cohort-development-secret-not-for-production";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url().optional(),
    DATABASE_DRIVER: z.enum(["pg", "neon"]).optional(),
    PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
    AUTH_SECRET: z.string().min(16).optional(),
    PUSHER_APP_ID: z.string().min(1).default("app-id"),
    PUSHER_KEY: z.string().min(1).default("app-key"),
    PUSHER_SECRET: z.string().min(1).default("app-secret"),
    PUSHER_CLUSTER: z.string().min(1).optional(),
    PUSHER_HOST: z.string().min(1).optional(),
    PUSHER_PORT: z.coerce.number().int().positive().optional(),
    PUSHER_USE_TLS: booleanString.optional(),
    PUSHER_PUBLIC_HOST: z.string().min(1).optional(),
    PUSHER_PUBLIC_PORT: z.coerce.number().int().positive().optional(),
    APP_URL: z.url().optional(),
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
    TRUSTED_PROXIES: z.coerce.number().int().min(1).max(10).default(1),
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
      mail: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE ?? env.SMTP_PORT === 465,
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
        from: env.MAIL_FROM,
        /** MailDev's web inbox, started beside the app by `npm run dev`. */
        devInboxPort: env.MAILDEV_WEB_PORT,
      },
      /** Single sign-on through one OIDC provider; off unless its issuer and client are set. */
      oidc: env.OIDC_ISSUER && env.OIDC_CLIENT_ID
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            displayName: env.OIDC_DISPLAY_NAME,
          }
        : undefined,
      /** How many proxies in front of the app append to X-Forwarded-For; the per-address sign-in limit reads the entry the outermost one added. */
      trustedProxies: env.TRUSTED_PROXIES,
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

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
    }
    cached = parsed.data;
  }
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
