import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, InvalidInputError } from "@/lib/errors";
import { placesRefusal } from "@/lib/membership-core/capacity";
import { ApiProblem, appErrorStatus, jsonPointer, toProblem, ValidationProblem, zodIssues } from "./problem";

const context = { instance: "/api/v1/groups/1/members", requestId: "req-1", language: "en" } as const;

describe("problem details", () => {
  it("maps service errors to statuses and the catalogue's sentences", () => {
    expect(appErrorStatus(new AppError("not_found"))).toBe(404);
    expect(appErrorStatus(new AppError("forbidden"))).toBe(403);
    expect(appErrorStatus(new AppError("group_full", placesRefusal(1, 1, 2)))).toBe(409);
    expect(appErrorStatus(new AppError("manager_cycle"))).toBe(422);
    const { problem } = toProblem(new AppError("group_full", placesRefusal(3, 5, 12)), context);
    expect(problem).toEqual({
      type: "/developers/api#problem-group_full",
      title: "Conflict",
      status: 409,
      code: "group_full",
      detail: "Only 2 places are left in this group; 12 people are selected.",
      instance: context.instance,
    });
  });

  it("points at the field an AppError names", () => {
    const { problem } = toProblem(new AppError("accounts.errors.emailUnavailable", {}, "email"), context);
    expect(problem).toMatchObject({
      status: 422,
      code: "accounts.errors.emailUnavailable",
      type: "/developers/api#problem-emailUnavailable",
    });
    expect(problem.errors).toEqual([{ pointer: "/email", detail: "This email cannot be used. Enter another address." }]);
  });

  it("keeps the API's own refusals with their headers", () => {
    const { problem, headers } = toProblem(new ApiProblem(429, "rateLimited", { limit: 600, seconds: 1 }, { "retry-after": "1" }), context);
    expect(problem).toMatchObject({
      status: 429,
      title: "Too many requests",
      detail: "Too many requests with this key: at most 600 a minute. Try again in 1 second.",
    });
    expect(headers).toEqual({ "retry-after": "1" });
  });

  it("turns schema issues into pointers (RFC 6901 escapes) and parameters, translating catalogue keys", () => {
    expect(jsonPointer(["a/b", "c~d", 0])).toBe("/a~1b/c~0d/0");
    const schema = z.object({ userIds: z.array(z.uuid()).min(1, { error: "validation.selectSomeone" }) });
    const body = schema.safeParse({ userIds: [] });
    expect(zodIssues(body.error!, "body")).toEqual([{ pointer: "/userIds", detail: "validation.selectSomeone" }]);
    expect(toProblem(new ValidationProblem(zodIssues(body.error!, "body")), context).problem.errors).toEqual([
      { pointer: "/userIds", detail: "Select at least one person." },
    ]);
    const query = z.object({ limit: z.int() }).safeParse({ limit: "x" });
    expect(zodIssues(query.error!, "query")).toEqual([{ parameter: "limit", detail: expect.any(String) }]);
    const { problem } = toProblem(new ValidationProblem([{ pointer: "/x", detail: "bad" }]), context);
    expect(problem).toMatchObject({ status: 422, code: "invalidBody", errors: [{ pointer: "/x", detail: "bad" }] });
  });

  it("answers in German when the request asks for it, in English otherwise", () => {
    const full = new AppError("group_full", placesRefusal(10, 10, 2));
    const german = toProblem(full, { ...context, language: "de" }).problem;
    expect(german).toMatchObject({ code: "group_full", title: "Konflikt" });
    expect(german.detail).toMatch(/^Diese Gruppe ist voll/);
    const schema = z.object({ userIds: z.array(z.uuid()).min(1, { error: "validation.selectSomeone" }) });
    const issues = zodIssues(schema.safeParse({ userIds: [] }).error!, "body");
    expect(toProblem(new ValidationProblem(issues), { ...context, language: "de" }).problem.errors).toEqual([
      { pointer: "/userIds", detail: "Wählen Sie mindestens eine Person aus." },
    ]);
  });

  it("answers the kernel's schema refusal as the same 422 as the router's own validation", () => {
    const schema = z.object({ userIds: z.array(z.uuid()).min(1, { error: "validation.selectSomeone" }), operationId: z.uuid() });
    const refused = schema.safeParse({ userIds: [], operationId: "x" }).error!;
    const kernel = toProblem(new InvalidInputError(refused), context).problem;
    const router = toProblem(new ValidationProblem(zodIssues(refused, "body")), context).problem;
    expect(kernel).toEqual(router);
    expect(kernel).toMatchObject({
      status: 422,
      code: "invalidBody",
      errors: [{ pointer: "/userIds", detail: "Select at least one person." }, { pointer: "/operationId" }],
    });
  });

  it("answers anything else as a 500 naming the request id, never the error's text", () => {
    const { problem } = toProblem(new Error('duplicate key value violates unique constraint "users_email_uq"'), context);
    expect(problem).toMatchObject({ status: 500, code: "unexpected", requestId: "req-1", title: "Internal server error" });
    expect(JSON.stringify(problem)).not.toContain("users_email_uq");
    expect(problem.detail).toContain("req-1");
  });
});
