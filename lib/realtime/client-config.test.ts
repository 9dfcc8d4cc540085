import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/base/env";
import { realtimeClientConfig } from "./client-config";

const KEYS = ["NODE_ENV", "PUSHER_USE_TLS", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_CLUSTER", "AUTH_SECRET"] as const;
const vars = process.env as Record<string, string | undefined>;
const saved = Object.fromEntries(KEYS.map((key) => [key, vars[key]]));

/** The browser's realtime settings under these variables (the others as the test run has them). */
function configWith(given: Partial<Record<(typeof KEYS)[number], string>>) {
  for (const key of KEYS) delete vars[key];
  Object.assign(vars, given);
  reloadEnv();
  return realtimeClientConfig();
}

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete vars[key];
    else vars[key] = saved[key];
  }
  reloadEnv();
});

describe("TLS to the realtime server", () => {
  it("is on by default in production, for a self-hosted soketi too", () => {
    expect(configWith({ NODE_ENV: "production", PUSHER_HOST: "realtime.example.com", PUSHER_PORT: "443" }).useTLS).toBe(true);
    expect(configWith({ NODE_ENV: "production" }).useTLS).toBe(true);
    expect(configWith({ NODE_ENV: "production", PUSHER_CLUSTER: "eu" }).useTLS).toBe(true);
  });

  it("is off in production only when PUSHER_USE_TLS says so", () => {
    expect(configWith({ NODE_ENV: "production", PUSHER_USE_TLS: "false" }).useTLS).toBe(false);
    expect(configWith({ NODE_ENV: "production", PUSHER_USE_TLS: "0" }).useTLS).toBe(false);
  });

  it("stays off for the local soketi in development and tests, on for Pusher Channels", () => {
    expect(configWith({ NODE_ENV: "development" }).useTLS).toBe(false);
    expect(configWith({ NODE_ENV: "test", PUSHER_HOST: "127.0.0.1" }).useTLS).toBe(false);
    expect(configWith({ NODE_ENV: "development", PUSHER_CLUSTER: "eu" }).useTLS).toBe(true);
    expect(configWith({ NODE_ENV: "development", PUSHER_USE_TLS: "true" }).useTLS).toBe(true);
  });
});
