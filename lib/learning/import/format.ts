import { z } from "zod";
import { cleanText, hasVisibleText, shownValue, textProblem } from "@/lib/text";
import { jsonErrorIndex, lineAndColumn } from "./json-position";

/**
 * The course import file (docs/course-import.md). One course, identified by its `key` within the
 * company; each lesson by its `key` within the course, so a re-import knows what changed.
 */
export const COURSE_LIMITS = {
  keyMax: 100,
  titleMax: 200,
  descriptionMax: 2_000,
  lessonsMax: 200,
  contentMax: 50_000,
  quizMax: 20,
  optionsMin: 2,
  optionsMax: 6,
  promptMax: 1_000,
  optionMax: 500,
} as const;

/**
 * 1 MiB of UTF-8. The file travels as a Blob in the action's multipart body, byte for byte (as a
 * JSON string, escaping could make it six times larger), well inside the actions' 2 MB body limit
 * (`lib/actions/body-limit.ts`).
 */
export const COURSE_FILE_MAX_BYTES = 1024 * 1024;

/** At most this many problems are reported; a file with more is usually the wrong file. */
export const MAX_REPORTED_ISSUES = 50;

/** Each code is a sentence under `coursesAdmin.issues` in the catalogue; `values` fill it. */
export type ImportIssueCode =
  | "fileTooLarge"
  | "fileEmpty"
  | "invalidJson"
  | "invalidJsonEnd"
  | "notCourse"
  | "missing"
  | "notText"
  | "notList"
  | "notObject"
  | "notNumber"
  | "empty"
  | "tooLong"
  | "textNul"
  | "textLoneSurrogate"
  | "invisible"
  | "tooFew"
  | "tooMany"
  | "keyFormat"
  | "unknownField"
  | "duplicateKey"
  | "duplicateOption"
  | "answerIndex"
  | "invalid";

/**
 * A problem and where it is: `path` points at the entry (`lessons[3].quiz[0].answer`), empty for the
 * whole file; `value` is what the entry holds when it is a single value (text, number, true/false,
 * null), as the dialog quotes it back (`shownValue`: escaped, cut).
 */
export type ImportIssue = { path: string; code: ImportIssueCode; values?: Record<string, string | number>; value?: string };

export type CourseFileResult = { ok: true; course: CourseFile } | { ok: false; issues: ImportIssue[]; total: number };

const key = z
  .string()
  .min(1)
  .max(COURSE_LIMITS.keyMax)
  .regex(/^[a-z0-9-]*$/);
/**
 * Text of the course, cleaned as all text people type (`lib/text.ts`): NUL and broken characters
 * refused, bidirectional overrides and control characters removed; required text must show something.
 */
const text = (max: number, { required = true, multiline = false } = {}) =>
  z
    .string()
    .superRefine((value, context) => {
      const problem = textProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem === "nul" ? "textNul" : "textLoneSurrogate", continue: false });
    })
    .transform((value) => cleanText(value, { multiline }))
    .pipe(
      z
        .string()
        .min(required ? 1 : 0)
        .max(max)
        .refine((value) => !required || value === "" || hasVisibleText(value), { message: "invisible" }),
    );

const question = z
  .strictObject({
    prompt: text(COURSE_LIMITS.promptMax, { multiline: true }),
    options: z.array(text(COURSE_LIMITS.optionMax)).min(COURSE_LIMITS.optionsMin).max(COURSE_LIMITS.optionsMax),
    answer: z.number(),
  })
  .superRefine(({ options, answer }, ctx) => {
    options.forEach((option, index) => {
      const first = options.indexOf(option);
      if (first < index)
        ctx.addIssue({ code: "custom", path: ["options", index], message: "duplicateOption", params: { first: `options[${first}]` } });
    });
    if (!Number.isInteger(answer) || answer < 0 || answer >= options.length) {
      ctx.addIssue({
        code: "custom",
        path: ["answer"],
        message: "answerIndex",
        params: { count: options.length, max: Math.max(options.length - 1, 0) },
      });
    }
  });

const lesson = z.strictObject({
  key,
  title: text(COURSE_LIMITS.titleMax),
  content: text(COURSE_LIMITS.contentMax, { required: false, multiline: true }).default(""),
  quiz: z.array(question).min(1).max(COURSE_LIMITS.quizMax).optional(),
});

export const courseFileSchema = z.strictObject({
  key,
  title: text(COURSE_LIMITS.titleMax),
  description: text(COURSE_LIMITS.descriptionMax, { required: false, multiline: true }).default(""),
  lessons: z.array(lesson).min(1).max(COURSE_LIMITS.lessonsMax),
});

export type CourseFile = z.output<typeof courseFileSchema>;
export type CourseLesson = CourseFile["lessons"][number];

/** `lessons[3].quiz[0].answer`: the way people read a pointer into JSON. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      const name = String(segment);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join("");
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

const typeCodes: Record<string, ImportIssueCode> = { string: "notText", array: "notList", object: "notObject", number: "notNumber" };

/** The entry's value as a problem quotes it: a single value that is not empty; a list or an object is described by the problem itself. */
function quoted(value: unknown): { value?: string } {
  if (value === undefined || value === "" || (typeof value === "object" && value !== null)) return {};
  return { value: shownValue(typeof value === "string" ? value : JSON.stringify(value)) };
}

/** Zod's issues, in words a course author understands, each pointing at its entry and quoting what it holds. */
function toImportIssues(issue: z.core.$ZodIssue, data: unknown): ImportIssue[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((name) => ({
      path: formatPath([...issue.path, name]),
      code: "unknownField" as const,
      ...quoted(valueAt(data, [...issue.path, name])),
    }));
  }
  return describeIssue(issue, data).map((found) => ({ ...found, ...quoted(valueAt(data, issue.path)) }));
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): ImportIssue[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (issue.path.length === 0) return [{ path, code: "notCourse" }];
      if (valueAt(data, issue.path) === undefined) return [{ path, code: "missing" }];
      return [{ path, code: typeCodes[issue.expected] ?? "invalid" }];
    }
    case "too_small":
      if (issue.origin === "array") return [{ path, code: "tooFew", values: { min: Number(issue.minimum) } }];
      return [{ path, code: "empty" }];
    case "too_big": {
      const value = valueAt(data, issue.path);
      if (issue.origin === "array") {
        return [{ path, code: "tooMany", values: { max: Number(issue.maximum), count: Array.isArray(value) ? value.length : 0 } }];
      }
      return [
        { path, code: "tooLong", values: { max: Number(issue.maximum), length: typeof value === "string" ? value.trim().length : 0 } },
      ];
    }
    case "invalid_format":
      return [{ path, code: "keyFormat" }];
    case "custom":
      return [{ path, code: issue.message as ImportIssueCode, values: issue.params as ImportIssue["values"] }];
    default:
      return [{ path, code: "invalid" }];
  }
}

function failed(issues: ImportIssue[]): CourseFileResult {
  return { ok: false, issues: issues.slice(0, MAX_REPORTED_ISSUES), total: issues.length };
}

/**
 * Lesson keys used twice, read from the raw data: zod skips an array's refinements once an entry
 * has a problem, and an author fixing one lesson should hear about the clash at the same time.
 */
function duplicateLessonKeys(data: unknown): { index: number; issue: ImportIssue }[] {
  const lessons = valueAt(data, ["lessons"]);
  if (!Array.isArray(lessons)) return [];
  const seen = new Map<string, number>();
  return lessons.flatMap((entry: unknown, index) => {
    const lessonKey = valueAt(entry, ["key"]);
    if (typeof lessonKey !== "string") return [];
    const first = seen.get(lessonKey);
    if (first === undefined) {
      seen.set(lessonKey, index);
      return [];
    }
    return [
      {
        index,
        issue: {
          path: formatPath(["lessons", index, "key"]),
          code: "duplicateKey" as const,
          values: { key: lessonKey, first: `lessons[${first}]` },
        },
      },
    ];
  });
}

/** Checks an already-parsed course against the format; problems come in the file's order, lesson by lesson. */
export function validateCourseFile(data: unknown): CourseFileResult {
  const parsed = courseFileSchema.safeParse(data);
  const duplicates = duplicateLessonKeys(data);
  if (parsed.success && duplicates.length === 0) return { ok: true, course: parsed.data };
  const lessonOf = (path: readonly PropertyKey[]) => (path[0] === "lessons" && typeof path[1] === "number" ? path[1] : -1);
  // A lesson's key clash comes first among its problems (the key is its first field); the sort keeps that order.
  const found = [
    ...duplicates,
    ...(parsed.error?.issues ?? []).flatMap((issue) =>
      toImportIssues(issue, data).map((each) => ({ index: lessonOf(issue.path), issue: each })),
    ),
  ];
  return failed(found.sort((a, b) => a.index - b.index).map(({ issue }) => issue));
}

export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Reads a course file's text: size, JSON syntax (with the line and column where it breaks), then the format. */
export function parseCourseFile(text: string): CourseFileResult {
  const bytes = utf8Bytes(text);
  if (bytes > COURSE_FILE_MAX_BYTES) return failed([{ path: "", code: "fileTooLarge", values: { bytes, max: COURSE_FILE_MAX_BYTES } }]);
  // Editors on Windows like to start UTF-8 files with a byte order mark, which JSON does not allow.
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") return failed([{ path: "", code: "fileEmpty" }]);
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    // JSON.parse refuses text with a SyntaxError only; anything else is not the file's fault.
    if (!(error instanceof SyntaxError)) throw error;
    const index = jsonErrorIndex(source);
    const at = lineAndColumn(source, index);
    if (index >= source.length) return failed([{ path: "", code: "invalidJsonEnd", values: at }]);
    return failed([{ path: "", code: "invalidJson", values: { ...at, found: JSON.stringify(source.slice(index, index + 1)) } }]);
  }
  return validateCourseFile(data);
}
