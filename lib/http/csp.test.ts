import { describe, expect, it } from "vitest";
import { parseEnv } from "@/base/env";
import { contentSecurityPolicy, createNonce } from "./csp";

const directives = (policy: string) =>
  Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("Content-Security-Policy", () => {
  it("lets scripts run only with the response's nonce, and nothing frame the app", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(nonce);
    const policy = directives(contentSecurityPolicy(nonce, parseEnv({ NODE_ENV: "production" })));
    expect(policy).toMatchObject({
      "default-src": "'self'",
      "script-src": `'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "object-src": "'none'",
      "base-uri": "'none'",
      "frame-ancestors": "'none'",
      "form-action": "'self'",
    });
  });

  it("lets browsers reach the realtime server the environment names", () => {
    const connect = (vars: Record<string, string>) =>
      directives(contentSecurityPolicy("n", parseEnv({ NODE_ENV: "production", ...vars })))["connect-src"];
    // Production speaks TLS to the realtime server unless told otherwise (a plain-ws soketi on loopback).
    expect(connect({})).toBe("'self' wss://127.0.0.1:6001");
    expect(connect({ PUSHER_USE_TLS: "false" })).toBe("'self' ws://127.0.0.1:6001");
    expect(connect({ PUSHER_PUBLIC_HOST: "realtime.cohort.example", PUSHER_PUBLIC_PORT: "443", PUSHER_USE_TLS: "true" })).toBe(
      "'self' wss://realtime.cohort.example:443",
    );
    expect(connect({ PUSHER_CLUSTER: "eu" })).toBe("'self' wss://ws-eu.pusher.com");
  });

  it("lets the sign-in form go on to the identity provider, and eval run only in development", () => {
    const sso = parseEnv({ NODE_ENV: "production", OIDC_ISSUER: "https://login.acme.example/realms/acme/", OIDC_CLIENT_ID: "cohort" });
    expect(directives(contentSecurityPolicy("n", sso))["form-action"]).toBe("'self' https://login.acme.example");
    expect(directives(contentSecurityPolicy("n", parseEnv({ NODE_ENV: "development" })))["script-src"]).toContain("'unsafe-eval'");
  });
});
