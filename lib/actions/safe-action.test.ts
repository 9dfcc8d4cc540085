import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { log } from "@/base/log";

// The caller is read from the database through Auth.js; here it is whatever the test says.
const getViewer = vi.fn<() => Promise<Viewer | null>>();
vi.mock("@/lib/auth/current-user", () => ({ getViewer: () => getViewer() }));
// The request's headers, as the proxy tags them.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-16" }) }));

const { authorizedAction } = await import("./safe-action");

const viewer = { userId: "3f0c5e7a-1b2c-4d5e-8f90-123456789abc", companyId: "c", roles: [] } as unknown as Viewer;
const echo = authorizedAction(z.object({ text: z.string() }), async (input, caller) => ({ data: `${caller.userId}:${input.text}` }));

const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
afterEach(() => {
  getViewer.mockReset();
  logged.mockClear();
});

describe("authorizedAction", () => {
  it("runs the handler for the signed-in caller (positive control)", async () => {
    getViewer.mockResolvedValue(viewer);
    expect(await echo({ text: "hi" })).toEqual({ ok: true, data: `${viewer.userId}:hi` });
  });

  it("answers a database failure while reading the caller with the action's error and a request id, never a throw", async () => {
    getViewer.mockRejectedValue(Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" }));
    const result = await echo({ text: "hi" });
    expect(result).toEqual({ ok: false, error: { code: "unexpected", requestId: "req-16" } });
    // The log line carries the same id, so the person's reference finds the cause.
    expect(logged).toHaveBeenCalledWith("server action failed", expect.objectContaining({ requestId: "req-16", error: expect.any(Error) }));
  });

  it("still maps a signed-out caller and the handler's own errors as before", async () => {
    getViewer.mockResolvedValue(null);
    expect(await echo({ text: "hi" })).toEqual({ ok: false, error: { code: "unauthenticated" } });
    getViewer.mockResolvedValue(viewer);
    const refusing = authorizedAction(z.object({}), async () => {
      throw new AppError("not_found");
    });
    expect(await refusing({})).toEqual({ ok: false, error: { code: "not_found", values: {} } });
    const failing = authorizedAction(z.object({}), async () => {
      throw new Error("boom");
    });
    expect(await failing({})).toEqual({ ok: false, error: { code: "unexpected", requestId: "req-16" } });
  });
});
