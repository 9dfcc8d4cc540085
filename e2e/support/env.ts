import { resolve } from "node:path";
import { env } from "@/base/env";
import type { OidcTestAccount } from "@/scripts/lib/oidc-provider";
import { e2eDatabaseName, smokePgliteDir, testPorts, testPusher } from "@/tests/ports";

/** E2E runs on PostgreSQL: its own database on the test server, its own soketi and app ports. */
export function e2eDatabaseUrl(): string {
  const server = env().testDatabaseUrl;
  if (!server) throw new Error("End-to-end tests need TEST_DATABASE_URL (a PostgreSQL server); `npm test` sets it for you.");
  const url = new URL(server);
  url.pathname = `/${e2eDatabaseName}`;
  return url.toString();
}

export const e2eBaseUrl = `http://127.0.0.1:${testPorts.e2eApp}`;
/** The e2e MailDev's REST API, where specs read the mail the app sent. */
export const e2eMailApiUrl = `http://127.0.0.1:${testPorts.e2eMailWeb}/api`;
export const smokeBaseUrl = `http://127.0.0.1:${testPorts.smokeApp}`;
/** The dev project's `next dev`. */
export const devBaseUrl = `http://127.0.0.1:${testPorts.devApp}`;
/** Set on every answer of the stand-in that replaces it when `npm run dev` already runs in this checkout. */
export const DEV_SKIPPED_HEADER = "x-cohort-dev-skipped";

/** Absolute, because the standalone server changes into its own folder before it opens PGlite. */
export const smokeDataDir = resolve(smokePgliteDir);

function appEnv(soketiPort: number, smtpPort: number, appUrl: string): Record<string, string> {
  return {
    APP_URL: appUrl,
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtpPort),
    // MailDev offers STARTTLS with an expired self-signed certificate; production would insist on it.
    SMTP_REQUIRE_TLS: "false",
    AUTH_SECRET: "cohort-e2e-secret-0123456789abcdef",
    PUSHER_APP_ID: testPusher.appId,
    PUSHER_KEY: testPusher.key,
    PUSHER_SECRET: testPusher.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(soketiPort),
    PUSHER_USE_TLS: "false",
    LOG_LEVEL: "warn",
  };
}

/** The local identity provider the e2e app signs in through; e2e/support/server.ts starts it. */
export const e2eOidc = {
  issuer: `http://127.0.0.1:${testPorts.e2eOidc}/`,
  clientId: "cohort-e2e",
  clientSecret: "cohort-e2e-oidc-secret",
  displayName: "Acme Login",
  redirectUri: `${e2eBaseUrl}/api/auth/callback/oidc`,
};

/** The people the identity provider knows; a login is also the subject it vouches for. */
export const e2eOidcAccounts = {
  /** A seeded person of the company owning globex.example. */
  gary: { login: "gary", email: "gary.learner@globex.example", emailVerified: true },
  /** The domain is Acme's, but nobody at Acme has this email. */
  stranger: { login: "stranger", email: "stranger@acme.example", emailVerified: true },
  /** A seeded person, but the provider has not verified the address. */
  unverified: { login: "unverified", email: "hugo.hr@acme.example", emailVerified: false },
} satisfies Record<string, OidcTestAccount>;

/** The environment of the app under test, and of the test workers that reach its database directly. */
export function e2eAppEnv(): Record<string, string> {
  return {
    DATABASE_URL: e2eDatabaseUrl(),
    ...appEnv(testPorts.e2eSoketi, testPorts.e2eSmtp, e2eBaseUrl),
    OIDC_ISSUER: e2eOidc.issuer,
    OIDC_CLIENT_ID: e2eOidc.clientId,
    OIDC_CLIENT_SECRET: e2eOidc.clientSecret,
    OIDC_DISPLAY_NAME: e2eOidc.displayName,
  };
}

/** The dev project's app: `next dev` on the e2e database, with a soketi of its own (the outage project stops the other). */
export function devAppEnv(): Record<string, string> {
  return { ...e2eAppEnv(), ...appEnv(testPorts.devSoketi, testPorts.e2eSmtp, devBaseUrl) };
}

/**
 * The PGlite smoke project's app: no DATABASE_URL, so it opens the embedded database. Its specs send
 * no mail, so its SMTP port has no MailDev behind it (and never reaches one started by `npm run dev`).
 */
export function smokeAppEnv(): Record<string, string> {
  return { PGLITE_DATA_DIR: smokeDataDir, ...appEnv(testPorts.smokeSoketi, testPorts.smokeSmtp, smokeBaseUrl) };
}

/** Shortened in e2e so a test can wait past it: soketi drops connections that never signed in. */
export const E2E_SIGNIN_TIMEOUT_MS = 4000;
