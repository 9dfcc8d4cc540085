import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, InvalidInputError } from "@/lib/errors";
import { log } from "@/base/log";
import { classify, errorJson, toActionError } from "./errors";

const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
afterEach(() => logged.mockClear());

const failure = { requestId: "req-from-proxy-1", message: "server action failed" };

describe("the one error mapper", () => {
  it("keeps expected errors as they are and logs nothing", () => {
    const error = new AppError("group_full", { taken: 1, max: 1 });
    expect(classify(error, failure)).toEqual({ kind: "expected", error });
    expect(logged).not.toHaveBeenCalled();
  });

  it("logs anything else once under the request's id, and answers with the id alone", () => {
    const error = new Error('duplicate key value violates unique constraint "users_email_uq"');
    expect(classify(error, failure)).toEqual({ kind: "unexpected", requestId: "req-from-proxy-1" });
    expect(logged).toHaveBeenCalledExactlyOnceWith(
      "server action failed",
      expect.objectContaining({ requestId: "req-from-proxy-1", error }),
    );
  });

  it("renders the kernel's schema refusal as field errors, and an error about one field beside it", () => {
    const refused = z.object({ name: z.string().min(1, { error: "validation.required" }) }).safeParse({ name: "" }).error!;
    expect(toActionError(classify(new InvalidInputError(refused), failure))).toEqual({
      code: "invalid_input",
      fieldErrors: { name: ["validation.required"] },
    });
    expect(toActionError(classify(new AppError("name_taken", {}, "name"), failure))).toEqual({
      code: "invalid_input",
      fieldErrors: { name: ["name_taken"] },
    });
  });

  it("does not count a request its client abandoned as a failure of ours", () => {
    const informed = vi.spyOn(log, "info").mockImplementation(() => undefined);
    const controller = new AbortController();
    const request = new Request("http://localhost/api/realtime/auth", { method: "POST", signal: controller.signal });
    controller.abort();
    const answer = errorJson(new Error("aborted"), request, "realtime channel auth");
    expect(answer.status).toBe(499);
    expect(logged).not.toHaveBeenCalled();
    expect(informed).toHaveBeenCalledExactlyOnceWith(
      "request abandoned by the client",
      expect.objectContaining({ where: "realtime channel auth" }),
    );
    informed.mockRestore();
  });

  it("answers a route handler's failure with the proxy's request id, and a fresh one only where no proxy ran", async () => {
    const tagged = new Request("http://localhost/api/hr/imports", { headers: { "x-request-id": "req-from-proxy-2" } });
    const answer = errorJson(new Error("connection lost"), tagged, "upload");
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ error: { code: "unexpected", requestId: "req-from-proxy-2" } });
    const bare = await errorJson(new Error("connection lost"), new Request("http://localhost/x"), "upload").json();
    expect(bare.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const expected = errorJson(new AppError("import_too_large"), tagged, "upload", { import_too_large: 413 });
    expect(expected.status).toBe(413);
    expect(await expected.json()).toEqual({ error: { code: "import_too_large", values: {} } });
  });
});
