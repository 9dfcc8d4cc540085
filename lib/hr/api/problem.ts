import { createTranslator } from "next-intl";
import type { z } from "zod";
import { type AppErrorCode, InvalidInputError } from "@/lib/errors";
import { classify } from "@/lib/http/errors";
import type { Language } from "@/lib/i18n/catalogue";
import { formats } from "@/lib/i18n/formats";
// The attribute lets plain Node load this module too (the cluster spec imports the API's rate limit).
import de from "@/lib/i18n/messages/de.json" with { type: "json" };
import en from "@/lib/i18n/messages/en.json" with { type: "json" };

/** The API's own refusals, each with a sentence under `api.problems` in the catalogue. */
export type ApiProblemCode = keyof (typeof en)["api"]["problems"];

/** One invalid field: `pointer` (RFC 6901) into the JSON body, or `parameter` for the query string; `detail` a catalogue key until answered. */
export type ProblemIssue = { detail: string; pointer?: string; parameter?: string };

/** RFC 9457 problem details, as every error of /api/v1 is answered. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: ProblemIssue[];
  requestId?: string;
};

/** A refusal raised inside the pipeline; headers (Retry-After, Allow) go with the response. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiProblemCode,
    readonly values: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = "ApiProblem";
  }
}

/** Schema issues, kept apart so the body's pointers and the query's parameter names are both reported. */
export class ValidationProblem extends Error {
  constructor(
    readonly issues: ProblemIssue[],
    readonly code: ApiProblemCode = "invalidBody",
  ) {
    super("invalid input");
    this.name = "ValidationProblem";
  }
}

/**
 * Problems are answered in the language the request asks for (`Accept-Language`), English unless it
 * is one we have a catalogue for: a system reads the codes, a person the sentences.
 */
const translators = Object.fromEntries(
  (["en", "de"] as const satisfies readonly Language[]).map((language) => [
    language,
    createTranslator({
      locale: language,
      messages: language === "de" ? de : en,
      formats,
      onError: () => undefined,
      getMessageFallback: ({ key, namespace }) => (namespace ? `${namespace}.${key}` : key),
    }),
  ]),
) as Record<Language, ReturnType<typeof createTranslator<typeof en>>>;

/** A catalogue key (a schema's or an AppError's) in words; text that is no key is returned as it is. */
export function sentence(key: string, values: Record<string, string | number> = {}, language: Language = "en"): string {
  const found = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
  if (typeof found !== "string") return key;
  return translators[language](key as never, values as never);
}

const appErrorKey = (code: AppErrorCode) => (code.includes(".") ? code : `errors.${code}`);

/** AppError codes that are not about the input's shape but the current state of things: 409. */
const CONFLICTS: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>([
  "conflict",
  "idempotency_key_reused",
  "group_archived",
  "group_not_archived",
  "group_full",
  "group_full_join",
  "name_taken",
  "already_deactivated",
  "deactivation_busy",
  "not_deactivated",
  "last_admin",
  "deactivate_self",
]);

/** The HTTP status for a service's expected failure: the rest is input that points at nothing usable (422). */
export function appErrorStatus(error: { code: AppErrorCode }): number {
  if (error.code === "unauthenticated") return 401;
  if (error.code === "forbidden") return 403;
  if (error.code === "not_found") return 404;
  if (CONFLICTS.has(error.code)) return 409;
  return 422;
}

const typeOf = (code: string) => `/developers/api#problem-${code.replace(/^.*\./, "")}`;
const title = (status: number, language: Language) => sentence(`api.titles.${status}`, {}, language);

/** RFC 6901: `~` and `/` inside a segment are escaped. */
export const jsonPointer = (path: readonly PropertyKey[]) =>
  path.map((part) => "/" + String(part).replaceAll("~", "~0").replaceAll("/", "~1")).join("");

/** Zod issues as problem entries; `in` says whether they are about the body or the query string. */
export function zodIssues(error: z.ZodError, where: "body" | "query"): ProblemIssue[] {
  return error.issues.map((issue) => {
    const detail = issue.message;
    if (where === "query") return { detail, parameter: issue.path.map(String).join(".") };
    return { detail, pointer: jsonPointer(issue.path) };
  });
}

/** Where a problem happened: its path, the request's id (the proxy's, `requestIdOf`) and the language it asks for. */
export type ProblemContext = { instance: string; requestId: string; language: Language; fields?: Record<string, unknown> };

/**
 * Any error as problem details: the API's own refusals, then the one mapper (lib/http/errors.ts):
 * an expected error with its sentence (the kernel's schema refusal as the same 422 as the router's
 * own validation), the rest logged and answered as a 500 naming only the request id.
 */
export function toProblem(error: unknown, context: ProblemContext): { problem: Problem; headers: Record<string, string> } {
  const { language } = context;
  const base = { instance: context.instance };
  if (error instanceof ApiProblem) {
    const problem = {
      type: typeOf(error.code),
      title: title(error.status, language),
      status: error.status,
      code: error.code,
      detail: sentence(`api.problems.${error.code}`, error.values, language),
      ...base,
    };
    return { problem, headers: error.headers };
  }
  if (error instanceof ValidationProblem) return { problem: validationProblem(error, base, language), headers: {} };
  const classified = classify(error, {
    requestId: context.requestId,
    message: "api request failed",
    fields: { path: context.instance, ...context.fields },
  });
  if (classified.kind === "expected") {
    const appError = classified.error;
    if (appError instanceof InvalidInputError)
      return { problem: validationProblem(new ValidationProblem(inputIssues(appError)), base, language), headers: {} };
    const status = appErrorStatus(appError);
    const detail = sentence(appErrorKey(appError.code), appError.values, language);
    const problem: Problem = { type: typeOf(appError.code), title: title(status, language), status, code: appError.code, detail, ...base };
    // An error about one field reads like a schema's: the field is pointed at.
    if (appError.field) problem.errors = [{ detail, pointer: jsonPointer([appError.field]) }];
    return { problem, headers: {} };
  }
  const problem = {
    type: typeOf("unexpected"),
    title: title(500, language),
    status: 500,
    code: "unexpected",
    detail: sentence("api.problems.unexpected", { requestId: classified.requestId }, language),
    requestId: classified.requestId,
    ...base,
  };
  return { problem, headers: {} };
}

function validationProblem(error: ValidationProblem, base: { instance: string }, language: Language): Problem {
  return {
    type: typeOf(error.code),
    title: title(422, language),
    status: 422,
    code: error.code,
    detail: sentence(`api.problems.${error.code}`, {}, language),
    errors: error.issues.map((issue) => ({ ...issue, detail: sentence(issue.detail, {}, language) })),
    ...base,
  };
}

/** The kernel's schema refusal: its issues' dotted paths as pointers into the body the operation was given. */
const inputIssues = (error: InvalidInputError): ProblemIssue[] =>
  error.issues.map((issue) => ({ detail: issue.message, pointer: issue.path === "" ? "" : jsonPointer(issue.path.split(".")) }));

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}
