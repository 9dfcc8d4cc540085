import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIResponse, expect, test } from "@playwright/test";
import { testPorts } from "@/tests/ports";
import { e2eBaseUrl } from "./support/env";

/**
 * The production server's headers and refusals, over plain HTTP (no browser): the specs that click
 * through pages show that the app still works under this policy.
 */

const FOREIGN = "https://evil.example";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HSTS = "max-age=31536000; includeSubDomains";

function policyOf(response: APIResponse): Record<string, string> {
  const header = response.headers()["content-security-policy"] ?? "";
  return Object.fromEntries(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(" ")]),
  );
}

/** The id of the sign-in form's server action, from the build's manifest. */
function signInActionId(): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string; filename: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === "signInAction" && a.filename === "lib/auth/actions.ts");
  if (!found) throw new Error("signInAction is not in the build's server reference manifest");
  return found[0];
}

test.describe("security headers", () => {
  test("a page's scripts all carry the nonce of its Content-Security-Policy, new on every response", async ({ request }) => {
    const response = await request.get("/sign-in");
    expect(response.status()).toBe(200);
    const policy = policyOf(response);
    expect(policy).toMatchObject({
      "object-src": "'none'",
      "base-uri": "'none'",
      "frame-ancestors": "'none'",
      "connect-src": `'self' ws://127.0.0.1:${testPorts.e2eSoketi}`,
    });
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy["script-src"] ?? "")?.[1];
    expect(policy["script-src"]).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);

    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(` nonce="${nonce}"`);

    const again = policyOf(await request.get("/sign-in"))["script-src"];
    expect(again).not.toContain(nonce);
  });

  test("HSTS on every response: pages, redirects, build output, API, not found", async ({ request }) => {
    const page = await request.get("/sign-in");
    const asset = /<script[^>]* src="(\/_next\/static\/[^"]+)"/.exec(await page.text())?.[1];
    expect(asset).toBeDefined();
    const responses = [
      page,
      await request.get("/", { maxRedirects: 0 }),
      await request.get(asset!),
      await request.get("/api/health"),
      await request.get("/api/no-such-route"),
      await request.get("/_next/static/no-such-file.js"),
      await request.post("/api/hr/imports", { headers: { origin: FOREIGN } }),
    ];
    expect(responses.map((r) => r.status())).toEqual([200, 307, 200, 200, 404, 404, 403]);
    for (const response of responses) expect(response.headers()["strict-transport-security"], response.url()).toBe(HSTS);
  });

  test("a client's x-request-id is kept only when it looks like one", async ({ request }) => {
    const id = (headers: Record<string, string>) => request.get("/api/v1/people", { headers }).then((r) => r.headers()["x-request-id"]);
    expect(await id({ "x-request-id": "client-req-0001" })).toBe("client-req-0001");
    expect(await id({ "x-request-id": "short" })).toMatch(UUID);
    expect(await id({ "x-request-id": 'fake id" level=error' })).toMatch(UUID);
    expect(await id({ "x-request-id": "a".repeat(65) })).toMatch(UUID);
    expect(await id({})).toMatch(UUID);
  });

  test("cross-site POSTs to the HR import and realtime routes are refused; header-less ones meet their credentials", async ({
    request,
  }) => {
    const importId = "00000000-0000-4000-8000-000000000000";
    const post = (path: string, headers: Record<string, string>) =>
      request.post(path, { headers, form: { socket_id: "1234.5678", channel_name: "private-user-x" } }).then((r) => r.status());
    for (const path of ["/api/hr/imports", `/api/hr/imports/${importId}/confirm`, "/api/realtime/auth", "/api/realtime/user-auth"]) {
      expect(await post(path, { origin: FOREIGN }), path).toBe(403);
      expect(await post(path, { origin: "null" }), path).toBe(403);
      expect(await post(path, { "sec-fetch-site": "cross-site" }), path).toBe(403);
    }
    // No Origin, or the app's own: signed out, each route answers as it always has.
    expect(await post("/api/hr/imports", {})).toBe(404);
    expect(await post("/api/hr/imports", { origin: e2eBaseUrl, "sec-fetch-site": "same-origin" })).toBe(404);
    expect(await post("/api/realtime/auth", {})).toBe(401);
    expect(await post("/api/realtime/user-auth", { origin: e2eBaseUrl })).toBe(401);
  });

  test("a server action from a foreign Origin is answered 403, not a server error", async ({ request }) => {
    const action = (origin: string) =>
      request.post("/sign-in", {
        headers: { "next-action": signInActionId(), origin, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        data: JSON.stringify([{ email: "nobody@nowhere.example", password: "x", callbackUrl: "/" }]),
      });
    const refused = await action(FOREIGN);
    expect(refused.status()).toBe(403);
    expect(refused.headers()["x-request-id"]).toMatch(UUID);
  });

  test("a production server with soketi's default credentials refuses to start", async () => {
    test.setTimeout(30_000);
    const dataDir = mkdtempSync(join(tmpdir(), "cohort-refused-"));
    const server = spawn(process.execPath, [".next/standalone/server.js"], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(testPorts.e2eRefusedApp),
        HOSTNAME: "127.0.0.1",
        PGLITE_DATA_DIR: dataDir,
        AUTH_SECRET: "cohort-e2e-secret-0123456789abcdef",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      // Bounded here, below the test's own timeout, so the finally below still ends a server that started.
      const code = await new Promise<number | null | "still running">((resolve) => {
        server.on("exit", resolve);
        setTimeout(() => resolve("still running"), 20_000);
      });
      expect(code).toBe(1);
      expect(output).toContain("Refusing to run in production");
      expect(output).toContain("soketi's defaults");
    } finally {
      server.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
