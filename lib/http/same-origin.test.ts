import { describe, expect, it } from "vitest";
import { isCrossSite, needsSameOrigin } from "./same-origin";

const APP_URL = "https://cohort.example.com";
const from = (headers: Record<string, string>) => isCrossSite(new Headers({ host: "127.0.0.1:3000", ...headers }), APP_URL);

describe("which requests must come from the app's own pages", () => {
  it("guards server actions, the HR import routes and realtime authorization", () => {
    for (const path of [
      "/",
      "/sign-in",
      "/admin/groups/123",
      "/api/hr/imports",
      "/api/hr/imports/1/confirm",
      "/api/realtime/auth",
      "/api/realtime/user-auth",
    ]) {
      expect(needsSameOrigin("POST", path), path).toBe(true);
    }
    expect(needsSameOrigin("DELETE", "/api/hr/imports/1")).toBe(true);
  });

  it("leaves reads, and the routes with credentials of their own, to those credentials", () => {
    expect(needsSameOrigin("GET", "/api/hr/imports/1")).toBe(false);
    expect(needsSameOrigin("HEAD", "/")).toBe(false);
    for (const path of ["/api/v1/people", "/api/cron/rollup", "/api/auth/callback/oidc"])
      expect(needsSameOrigin("POST", path), path).toBe(false);
  });
});

describe("a cross-site request", () => {
  it("names a foreign Origin, or null", () => {
    expect(from({ origin: "https://evil.example" })).toBe(true);
    expect(from({ origin: "http://127.0.0.1:3001" })).toBe(true);
    expect(from({ origin: "null" })).toBe(true);
    expect(from({ origin: "not a url" })).toBe(true);
  });

  it("is marked cross-site by the browser, whatever its Origin", () => {
    expect(from({ "sec-fetch-site": "cross-site" })).toBe(true);
    expect(from({ "sec-fetch-site": "cross-site", origin: "http://127.0.0.1:3000" })).toBe(true);
  });

  it("is not one from the app's host, from APP_URL, or one carrying neither header", () => {
    expect(from({})).toBe(false);
    expect(from({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBe(false);
    expect(from({ origin: APP_URL })).toBe(false);
    expect(from({ origin: "https://cohort.internal", "x-forwarded-host": "cohort.internal, 10.0.0.1" })).toBe(false);
    expect(from({ "sec-fetch-site": "none" })).toBe(false);
  });

  it("compares ports as the browser writes them", () => {
    expect(isCrossSite(new Headers({ host: "cohort.test:443", origin: "https://cohort.test" }), APP_URL)).toBe(false);
    expect(isCrossSite(new Headers({ host: "cohort.test", origin: "https://cohort.test:8443" }), APP_URL)).toBe(true);
  });
});
