import { describe, expect, it } from "vitest";
import { cleanText, hasVisibleText, lenientText, shownValue, TEXT_ERRORS, textField, textProblem } from "./text";

const HIGH = "\uD83D";
const LOW = "\uDE00";
const EMOJI = `${HIGH}${LOW}`; // 😀
const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const INVISIBLES = [
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
  "\u3164",
  "\u115F",
  "\u180E",
  "\u034F",
  "\u2800",
  " ",
  "\u00A0",
  "\u3000",
];

const name = textField({ max: 20, tooLong: "tooLong", required: "required" });
const body = textField({ max: 20, tooLong: "tooLong", required: "required", multiline: true });
const optional = textField({ max: 20, tooLong: "tooLong", multiline: true });
const messages = (schema: typeof name, value: string) => schema.safeParse(value).error?.issues.map((issue) => issue.message);

describe("textProblem", () => {
  it.each([
    ["plain text", "Dana Admin", null],
    ["a pair", `Hi ${EMOJI}`, null],
    ["an empty string", "", null],
    ["NUL", "Dana\u0000Admin", "nul"],
    ["NUL alone", "\u0000", "nul"],
    ["a high surrogate at the end", `Dana${HIGH}`, "loneSurrogate"],
    ["a low surrogate alone", `${LOW}Dana`, "loneSurrogate"],
    ["two high surrogates", `${HIGH}${HIGH}${LOW}`, "loneSurrogate"],
    ["a reversed pair", `${LOW}${HIGH}`, "loneSurrogate"],
  ] as const)("%s", (_label, text, expected) => {
    expect(textProblem(text)).toBe(expected);
  });
});

describe("cleanText", () => {
  it("removes every bidirectional embedding, override and isolate", () => {
    for (const control of BIDI) expect(cleanText(`ab${control}cd${control}`)).toBe("abcd");
    // A filename that would read "exe.txt" reversed: the override goes, the text stays as written.
    expect(cleanText("invoice\u202Etxt.exe")).toBe("invoicetxt.exe");
    // Marks that only hint a direction (LRM, RLM) stay: right-to-left names need them.
    expect(cleanText("\u05D0\u200F1")).toBe("\u05D0\u200F1");
  });

  it("removes control characters; a single line turns line breaks and tabs into spaces, several lines keep them", () => {
    expect(cleanText("a\u0001b\u001Fc\u007Fd\u0085e\u009Ff")).toBe("abcd ef");
    expect(cleanText("a\u0001b\u001Fc\u007Fd\u009Fe")).toBe("abcde");
    expect(cleanText(" Ada\tLovelace\r\nKing \n")).toBe("Ada Lovelace King");
    expect(cleanText(" line one\r\nline two\rthree\u2028four\tend \n", { multiline: true })).toBe("line one\nline two\nthree\nfour\tend");
  });

  it("keeps what people write: letters of every script, emoji, joiners inside emoji", () => {
    for (const text of ["Zoë Ångström", "李小龙", "محمد", "👩‍👩‍👧", `Hi ${EMOJI}`, "Ω ≠ ∞"]) expect(cleanText(text)).toBe(text);
  });
});

describe("hasVisibleText", () => {
  it("is false for spaces and invisible characters alone, in any mix", () => {
    expect(hasVisibleText("")).toBe(false);
    for (const invisible of INVISIBLES) expect(hasVisibleText(invisible.repeat(3))).toBe(false);
    expect(hasVisibleText(INVISIBLES.join(""))).toBe(false);
    // Lone combining marks show nothing of their own.
    expect(hasVisibleText("\u0301\u0308")).toBe(false);
  });

  it("is true as soon as one character shows", () => {
    for (const text of ["a", `\u200B${EMOJI}\u200B`, "\u200Bx", "李", "·", "e\u0301"]) expect(hasVisibleText(text)).toBe(true);
  });
});

describe("lenientText", () => {
  it("never refuses: drops NUL, lone surrogates, controls and bidi overrides, then trims and cuts", () => {
    expect(lenientText(` a\u0000b${HIGH}c\u202Ed\u0007 `, 100)).toBe("abcd");
    expect(lenientText("abcdef", 3)).toBe("abc");
    // A cut through a pair drops its first half too.
    expect(lenientText(`ab${EMOJI}`, 3)).toBe("ab");
    expect(lenientText(`ab${EMOJI}`, 4)).toBe(`ab${EMOJI}`);
  });
});

describe("textField", () => {
  it("refuses NUL and lone surrogates with their own sentence, and nothing else about them", () => {
    expect(messages(name, "Dana\u0000")).toEqual([TEXT_ERRORS.nul]);
    expect(messages(name, `Dana${HIGH}`)).toEqual([TEXT_ERRORS.loneSurrogate]);
    expect(messages(body, `${LOW}`)).toEqual([TEXT_ERRORS.loneSurrogate]);
    expect(messages(optional, "\u0000")).toEqual([TEXT_ERRORS.nul]);
  });

  it("refuses a required text of only invisible characters, and an empty one as empty", () => {
    expect(messages(name, "\u200B\u200B\u200B")).toEqual([TEXT_ERRORS.invisible]);
    expect(messages(body, "\u200B \u2060\n\uFEFF")).toEqual([TEXT_ERRORS.invisible]);
    expect(messages(name, "   ")).toEqual(["required"]);
    expect(messages(name, "\u202E\u0001")).toEqual(["required"]);
  });

  it("reads an optional text of only invisible characters as empty", () => {
    expect(optional.parse("\u200B\u200B")).toBe("");
    expect(optional.parse("")).toBe("");
  });

  it("stores the cleaned text, and counts its length after cleaning", () => {
    expect(name.parse(" \u202EDana\u202C Admin\n")).toBe("Dana Admin");
    expect(body.parse("a\r\nb\u0007")).toBe("a\nb");
    expect(name.parse(`${"x".repeat(20)}\u202E\u202E`)).toBe("x".repeat(20));
    expect(messages(name, "x".repeat(21))).toEqual(["tooLong"]);
  });

  it("accepts names with real characters around invisible ones", () => {
    expect(name.parse("\u200BAda\u200B")).toBe("\u200BAda\u200B");
    expect(name.parse("👩‍🔬 Ada")).toBe("👩‍🔬 Ada");
  });
});

describe("every text, generated (a seeded table of 3,000 strings from the characters that matter)", () => {
  const POOL = [
    "a",
    "Z",
    "李",
    " ",
    "\t",
    "\n",
    "\r",
    "\u0000",
    "\u0007",
    "\u007F",
    "\u0085",
    "\u009B",
    HIGH,
    LOW,
    EMOJI,
    "\u200D",
    ...BIDI,
    ...INVISIBLES,
  ];
  let seed = 16;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const samples = Array.from({ length: 3000 }, () =>
    Array.from({ length: Math.floor(random() * 12) }, () => POOL[Math.floor(random() * POOL.length)]).join(""),
  );
  const controlOrBidi = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

  it("cleaning is idempotent and leaves no control or bidirectional character behind", () => {
    for (const sample of samples) {
      for (const multiline of [false, true]) {
        const cleaned = cleanText(sample.replace(/\u0000/g, ""), { multiline });
        expect(cleanText(cleaned, { multiline })).toBe(cleaned);
        expect(controlOrBidi.test(cleaned)).toBe(false);
        if (!multiline) expect(cleaned).not.toMatch(/[\n\t]/);
      }
    }
  });

  it("a field never throws, refuses exactly the unstorable, and accepts only storable, visible text", () => {
    for (const sample of samples) {
      const result = body.safeParse(sample);
      if (textProblem(sample)) {
        expect(result.error?.issues.map((issue) => issue.message)).toEqual([TEXT_ERRORS[textProblem(sample)!]]);
      } else if (result.success) {
        expect(textProblem(result.data)).toBeNull();
        expect(hasVisibleText(result.data)).toBe(true);
      } else {
        expect(result.error.issues.map((issue) => issue.message)).toEqual([
          expect.stringMatching(/^(required|tooLong|validation\.textInvisible)$/),
        ]);
      }
      expect(textProblem(lenientText(sample, 5))).toBeNull();
    }
  });
});

describe("shownValue", () => {
  it("writes what cannot be seen or stored as an escape, and keeps the rest as typed", () => {
    expect(shownValue("Sales")).toBe("Sales");
    expect(shownValue("a\u0000b")).toBe("a\\u0000b");
    expect(shownValue("zero\u200Bwidth")).toBe("zero\\u200Bwidth");
    expect(shownValue("half \uD83D")).toBe("half \\uD83D");
    expect(shownValue("Zoë 😀")).toBe("Zoë 😀");
  });

  it("cuts a long value to its first characters with an ellipsis, never inside a character", () => {
    expect(shownValue("x".repeat(61))).toBe(`${"x".repeat(60)}…`);
    expect(shownValue("x".repeat(60))).toBe("x".repeat(60));
    expect(shownValue("😀".repeat(5), 3)).toBe("😀😀😀…");
  });
});
