import { readFileSync } from "node:fs";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import { COURSE_FILE_MAX_BYTES, type CourseFileResult, parseCourseFile } from "./format";
import { jsonErrorIndex } from "./json-position";

const t = createTranslator({ locale: "en", messages: en, namespace: "coursesAdmin" });

/** The problems as the import dialog words them. */
function sentences(result: CourseFileResult): string[] {
  if (result.ok) return [];
  return result.issues.map(({ path, code, values, value }) => {
    const message = t(`issues.${code}`, values);
    if (!path) return message;
    const tag = (chunks: string) => chunks;
    return value === undefined
      ? t.markup("import.issueAt", { path, message, code: tag })
      : t.markup("import.issueAtValue", { path, message, value, code: tag });
  });
}

const lesson = (key: string, extra: Record<string, unknown> = {}) => ({ key, title: `Lesson ${key}`, content: "Text.", ...extra });
const question = (answer: unknown, options: unknown = ["a", "b", "c"]) => ({ prompt: "Which?", options, answer });
const file = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ key: "security-basics", title: "Security basics", lessons: [lesson("intro")], ...overrides });

describe("course file format", () => {
  it("accepts a valid file, trimming text and defaulting what is optional", () => {
    const result = parseCourseFile(
      `\uFEFF${JSON.stringify({
        key: "security-basics",
        title: "  Security basics ",
        lessons: [{ key: "passwords", title: "Passwords" }, lesson("phishing", { quiz: [question(1)] })],
      })}`,
    );
    expect(result).toEqual({
      ok: true,
      course: {
        key: "security-basics",
        title: "Security basics",
        description: "",
        lessons: [
          { key: "passwords", title: "Passwords", content: "" },
          {
            key: "phishing",
            title: "Lesson phishing",
            content: "Text.",
            quiz: [{ prompt: "Which?", options: ["a", "b", "c"], answer: 1 }],
          },
        ],
      },
    });
  });

  it("points at a quiz answer outside its options, and at a lesson key used twice", () => {
    const lessons = [lesson("intro"), lesson("basics"), lesson("intro"), lesson("quiz", { quiz: [question(3)] })];
    expect(sentences(parseCourseFile(file({ lessons })))).toEqual([
      "lessons[2].key: “intro” is used twice (also lessons[0])",
      "lessons[3].quiz[0].answer: must be the index of one of the 3 options (0–2) (found 3)",
    ]);
  });

  it("reports every problem of a file at once, in the file's order", () => {
    const lessons = [
      lesson("Intro Page"),
      { key: "b", content: "x".repeat(50_001), quizz: [] },
      lesson("c", { quiz: [question(1.5, ["yes", "yes"]), question(0, ["only"])] }),
      "not a lesson",
      lesson("e", { quiz: [] }),
    ];
    expect(sentences(parseCourseFile(file({ key: "", description: 7, lessons })))).toEqual([
      "key: must not be empty",
      "description: must be text in quotes (found 7)",
      "lessons[0].key: must use only lowercase letters a–z, digits 0–9 and hyphens (found Intro Page)",
      "lessons[1].title: is missing",
      `lessons[1].content: must be at most 50,000 characters (it has 50,001) (found ${"x".repeat(60)}…)`,
      "lessons[1].quizz: is not a field of the course format (check the spelling)",
      "lessons[2].quiz[0].options[1]: is the same option as options[0] (found yes)",
      "lessons[2].quiz[0].answer: must be the index of one of the 2 options (0–1) (found 1.5)",
      "lessons[2].quiz[1].options: must have at least 2 entries",
      "lessons[3]: must be an object in curly braces (found not a lesson)",
      "lessons[4].quiz: must have at least 1 entry",
    ]);
  });

  it("bounds the lists and the texts", () => {
    const many = Array.from({ length: 201 }, (_, index) => lesson(`l-${index}`));
    expect(sentences(parseCourseFile(file({ lessons: many, title: "t".repeat(201) })))).toEqual([
      `title: must be at most 200 characters (it has 201) (found ${"t".repeat(60)}…)`,
      "lessons: must have at most 200 entries (it has 201)",
    ]);
    const options = ["1", "2", "3", "4", "5", "6", "7"];
    const quiz = Array.from({ length: 21 }, () => question(0));
    expect(
      sentences(
        parseCourseFile(file({ key: "k".repeat(101), lessons: [lesson("a", { quiz }), lesson("b", { quiz: [question(0, options)] })] })),
      ),
    ).toEqual([
      `key: must be at most 100 characters (it has 101) (found ${"k".repeat(60)}…)`,
      "lessons[0].quiz: must have at most 20 entries (it has 21)",
      "lessons[1].quiz[0].options: must have at most 6 entries (it has 7)",
    ]);
    expect(sentences(parseCourseFile(file({ lessons: [] })))).toEqual(["lessons: must have at least 1 entry"]);
  });

  it("refuses NUL and broken characters and text with nothing visible, and removes bidirectional overrides", () => {
    const result = parseCourseFile(
      file({
        title: "Secu\u0000rity",
        description: "About \uD800",
        lessons: [
          lesson("intro", { title: "\u200B\u200B", content: "Te\u0000xt" }),
          lesson("more", { quiz: [question(0, ["a\u0000", "b"])] }),
        ],
      }),
    );
    expect(sentences(result)).toEqual([
      "title: contains a null character (U+0000), which cannot be stored (found Secu\\u0000rity)",
      "description: contains a broken character (half of an emoji or other two-part character), which cannot be stored (found About \\uD800)",
      "lessons[0].title: has no visible characters, only spaces or invisible ones (found \\u200B\\u200B)",
      "lessons[0].content: contains a null character (U+0000), which cannot be stored (found Te\\u0000xt)",
      "lessons[1].quiz[0].options[0]: contains a null character (U+0000), which cannot be stored (found a\\u0000)",
    ]);
    // Positive control: the same file without them is accepted, overrides removed.
    const clean = parseCourseFile(
      file({ title: "\u202ESecurity\u202C basics", lessons: [lesson("intro", { content: "Line\u2066 one\r\nLine two" })] }),
    );
    expect(clean).toMatchObject({ ok: true, course: { title: "Security basics", lessons: [{ content: "Line one\nLine two" }] } });
  });

  it("says what the whole file lacks", () => {
    expect(sentences(parseCourseFile("[]"))).toEqual(["The file must contain one course: an object with “key”, “title” and “lessons”."]);
    expect(sentences(parseCourseFile("{}"))).toEqual(["key: is missing", "title: is missing", "lessons: is missing"]);
    expect(sentences(parseCourseFile("  \n"))).toEqual(["The file is empty."]);
  });

  it("gives the line and column where the JSON breaks", () => {
    expect(sentences(parseCourseFile('{\n  "key": "a",\n  "title": tru\n}'))).toEqual([
      'The file is not valid JSON: unexpected "\\n" at line 3, column 15.',
    ]);
    expect(sentences(parseCourseFile('{\n  "key": "a",\n}'))).toEqual(['The file is not valid JSON: unexpected "}" at line 3, column 1.']);
    expect(sentences(parseCourseFile('{"lessons": [1, 2'))).toEqual([
      "The file is not valid JSON: it ends too early, at line 1, column 18. Is a closing bracket or quote missing?",
    ]);
  });

  it("refuses a file over 1 MB before reading it", () => {
    const big = file({ description: "é".repeat(COURSE_FILE_MAX_BYTES / 2) });
    expect(sentences(parseCourseFile(big))).toEqual([
      `The file is ${new Intl.NumberFormat("en").format(new TextEncoder().encode(big).length)} bytes; at most 1,048,576 bytes (1 MB) are accepted.`,
    ]);
  });

  it("reports at most 50 problems, with the total", () => {
    const result = parseCourseFile(file({ lessons: Array.from({ length: 60 }, () => ({})) }));
    expect(result).toMatchObject({ ok: false, total: 120 });
    expect(result.ok || result.issues.length).toBe(50);
  });
});

describe("the documented examples", () => {
  it("are valid: the one in docs/course-import.md and the e2e fixture", () => {
    const docs = readFileSync("docs/course-import.md", "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(parseCourseFile(example ?? "")).toMatchObject({
      ok: true,
      course: { key: "security-basics", lessons: [{ key: "passwords" }, { key: "phishing" }] },
    });
    const fixture = readFileSync("e2e/fixtures/course-import/security-basics.json", "utf8");
    expect(parseCourseFile(fixture)).toMatchObject({ ok: true, course: { key: "security-basics" } });
  });
});

describe("locating a JSON error", () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ["[1, 2]x", 6],
    ['"tab\there"', 4],
    ['"\\x"', 2],
    ["01", 1],
    ["-", 1],
    ["[1.]", 3],
    ['{"a": [true, nul]}', 16],
    ['{"a": "\\u00e9", "b": [1e5, -0.5E-3, {}]', 39],
  ])("%s fails at %i", (text, index) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorIndex(text)).toBe(index);
  });

  // Found by the fuzzers (issue 22): the scan was recursive, and a file nested 100,000 deep
  // overflowed the stack (a 500) instead of being told where it breaks.
  it("finds the end of a file nested deeper than any recursion", () => {
    const text = "[".repeat(100_000);
    expect(jsonErrorIndex(text)).toBe(text.length);
    expect(parseCourseFile(text)).toMatchObject({ ok: false, issues: [{ code: "invalidJsonEnd", values: { line: 1, column: 100_001 } }] });
  });
});
