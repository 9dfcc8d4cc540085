import { describe, expect, it } from "vitest";
import { testPusher } from "@/tests/ports";
import { assertProductionReady, parseEnv, productionRefusals } from "./env";

/** A production environment as the e2e and smoke tiers start it: their own realtime app and secrets. */
const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "cohort-e2e-secret-0123456789abcdef",
  PUSHER_APP_ID: testPusher.appId,
  PUSHER_KEY: testPusher.key,
  PUSHER_SECRET: testPusher.secret,
};

describe("production refuses public secrets", () => {
  it("accepts the test tiers' own credentials, and anything outside production", () => {
    expect(productionRefusals(parseEnv(production))).toEqual([]);
    expect(productionRefusals(parseEnv({ NODE_ENV: "development" }))).toEqual([]);
    expect(() => assertProductionReady(parseEnv({ NODE_ENV: "test" }))).not.toThrow();
  });

  it("refuses soketi's default app id, key or secret, set or left unset", () => {
    const unset = { NODE_ENV: production.NODE_ENV, AUTH_SECRET: production.AUTH_SECRET };
    expect(() => assertProductionReady(parseEnv(unset))).toThrow(/soketi's defaults/);
    for (const [name, value] of [
      ["PUSHER_APP_ID", "app-id"],
      ["PUSHER_KEY", "app-key"],
      ["PUSHER_SECRET", "app-secret"],
    ]) {
      expect(productionRefusals(parseEnv({ ...production, [name!]: value })), name).toEqual([expect.stringMatching(/soketi's defaults/)]);
    }
  });

  it("refuses a short realtime secret", () => {
    expect(productionRefusals(parseEnv({ ...production, PUSHER_SECRET: "0123456789abcde" }))).toEqual([
      "PUSHER_SECRET must be at least 16 characters.",
    ]);
    expect(productionRefusals(parseEnv({ ...production, PUSHER_SECRET: "0123456789abcdef" }))).toEqual([]);
  });

  it("refuses a missing or development AUTH_SECRET", () => {
    const withoutSecret = { ...production, AUTH_SECRET: undefined };
    expect(productionRefusals(parseEnv(withoutSecret))).toEqual([expect.stringMatching(/^AUTH_SECRET must be set/)]);
    expect(productionRefusals(parseEnv({ ...production, AUTH_SECRET: "cohort-development-secret-not-for-production" }))).toEqual([
      expect.stringMatching(/development secret/),
    ]);
  });
});

describe("HSTS", () => {
  it("is on in production unless HSTS=off, and never outside it", () => {
    expect(parseEnv(production).hsts).toBe(true);
    expect(parseEnv({ ...production, HSTS: "off" }).hsts).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).hsts).toBe(false);
    expect(() => parseEnv({ ...production, HSTS: "no" })).toThrow(/HSTS/);
  });
});

describe("SMTP in production", () => {
  it("requires STARTTLS when the connection is not TLS from the first byte", () => {
    expect(parseEnv({ ...production, SMTP_PORT: "587" }).mail).toMatchObject({ secure: false, requireTLS: true });
    expect(parseEnv({ ...production, SMTP_PORT: "465" }).mail).toMatchObject({ secure: true, requireTLS: false });
    expect(parseEnv({ ...production, SMTP_REQUIRE_TLS: "false" }).mail.requireTLS).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).mail.requireTLS).toBe(false);
  });
});
