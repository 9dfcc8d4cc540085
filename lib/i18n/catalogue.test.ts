import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatLocale, LANGUAGES, loadMessages, textLanguage } from "./catalogue";
import { calendarDay, formats } from "./formats";
import de from "./messages/de.json";
import en from "./messages/en.json";

type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue by its dotted key. */
const leaves = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );

/**
 * What a message needs from its caller and offers its translator: each argument with its type and
 * style, each select's options, each plural's exact and `other` cases, each rich-text tag. Two
 * languages' versions of a message must have the same; their words are theirs.
 */
function shape(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      switch (element.type) {
        case TYPE.argument:
          found.add(`${element.value}`);
          break;
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          found.add(`${element.value}:${element.type}:${String(element.style ?? "")}`);
          break;
        case TYPE.select:
        case TYPE.plural: {
          // German and English share one/other; only the cases every language must have are compared.
          const cases = Object.keys(element.options).filter(
            (option) => element.type === TYPE.select || option.startsWith("=") || option === "other",
          );
          found.add(`${element.value}:${element.type}:${cases.sort().join(",")}`);
          for (const option of Object.values(element.options)) walk(option.value);
          break;
        }
        case TYPE.tag:
          found.add(`<${element.value}>`);
          walk(element.children);
          break;
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = new Map(leaves(en));
const german = new Map(leaves(de));

describe("the catalogues", () => {
  it("have the same keys in every language", () => {
    expect([...german.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !german.has(key))).toEqual([]);
  });

  it("ask the same arguments in every language, and every message parses", () => {
    const differing = [...english].filter(
      ([key, message]) => JSON.stringify(shape(message)) !== JSON.stringify(shape(german.get(key) ?? "")),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("leave no English sentence in German", () => {
    // Three words or more identical to the English are an untranslated sentence (names, codes and "Cohort" are shorter).
    const untranslated = [...english].filter(
      ([key, message]) => german.get(key) === message && /\p{L}{3,}\s+\p{L}+\s+\p{L}+/u.test(message),
    );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });

  it('count with a plural: no number stands before a counted noun outside `plural` ("1 lessons")', () => {
    expect(
      [...english]
        .filter(([, message]) => countedNouns(message).length > 0)
        .map(([key, message]) => `${key}: ${countedNouns(message).join(", ")}`),
    ).toEqual([]);
  });

  it("have no key that no code asks for", () => {
    expect([...english.keys()].filter((key) => !used(key))).toEqual([]);
  });
});

/** Words after a number that are no plural noun, though they end in "s". */
const NOT_NOUNS = new Set(["is", "has", "was", "as", "its", "this", "unless", "plus", "across"]);

/**
 * Each `{n, number}` directly followed by a counted noun ("{done, number} lessons", "{n, number} new
 * mentions", "{max, number} people"): the noun is one word after the number, or two with an adjective
 * between. English only; German has to ask the same arguments (above), so it follows with `plural`.
 */
function countedNouns(message: string): string[] {
  const found: string[] = [];
  const walk = (elements: MessageFormatElement[]) =>
    elements.forEach((element, index) => {
      if (element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
      const next = elements[index + 1];
      // A percentage counts nothing ("50% of members").
      if (element.type !== TYPE.number || element.style === "percent" || next?.type !== TYPE.literal) return;
      const words = next.value.match(/^\s+(\p{L}+)(?:\s+(\p{L}+))?/u)?.slice(1) ?? [];
      const noun = words.find((word) => word && (word === "people" || (/^\p{Ll}\p{L}*s$/u.test(word) && !NOT_NOUNS.has(word))));
      if (noun) found.push(`{${element.value}} ${noun}`);
    });
  walk(parse(message));
  return found;
}

describe("languages", () => {
  it("keeps a valid tag and falls back to English otherwise", () => {
    expect(formatLocale("de")).toBe("de");
    expect(formatLocale("de-de")).toBe("de-DE");
    expect(formatLocale(undefined)).toBe("en");
    expect(formatLocale("not a locale!")).toBe("en");
  });

  it("speaks the language of the locale when it has its catalogue, English otherwise", async () => {
    expect(LANGUAGES).toEqual(["en", "de"]);
    expect(textLanguage("de-AT")).toBe("de");
    expect(textLanguage("en-GB")).toBe("en");
    expect(textLanguage("fr")).toBe("en");
    expect((await loadMessages("de-CH")).nav.home).toBe(de.nav.home);
    expect((await loadMessages("fr")).nav.home).toBe("Home");
  });

  it("formats a percentage and a calendar day each language's way", () => {
    const sentence = (locale: string) =>
      createTranslator({ locale, messages: { m: "{p, number, percent} · {d, date, day}" }, formats, timeZone: "Pacific/Kiritimati" })("m", {
        p: 50,
        d: new Date("2026-12-31T12:00:00Z"),
      });
    expect(sentence("en")).toBe("50% · Dec 31, 2026");
    expect(sentence("de")).toBe("50\u00a0% · 31.12.2026");
  });

  it("writes the calendar day of a refusal in the reader's language (a number crosses the wire as a Date cannot)", () => {
    const refusal = (locale: "en" | "de") =>
      createTranslator({ locale, messages: locale === "de" ? de : en, formats, timeZone: "Pacific/Kiritimati" })(
        "errors.assignment_date_past",
        {
          dueOn: calendarDay("2026-12-31").getTime(),
        },
      );
    expect(refusal("en")).toBe("The deadline December 31, 2026 has already passed. Choose today or a later date.");
    expect(refusal("de")).toMatch(/^Die Frist \(31\. Dezember 2026\)/);
  });
});

/**
 * Whether some code asks for a key. Each source file's string literals are its namespaces and keys
 * (`getTranslations("profile")` + `t("details.title")`); a template literal's fixed start or end
 * (`t(\`kinds.${kind}\`)`, `` `${value}Hint` ``) asks for the keys it completes with literals found
 * anywhere (the kinds and codes are literals of their types) or numbers (HTTP statuses). A key found nowhere is dead weight that
 * translators would keep translating.
 */
const sources = ["app", "components", "lib"].flatMap((root) => files(join(process.cwd(), root)));
const perFile = sources.map((file) => literalsOf(readFileSync(file, "utf8")));
const everywhere = new Set(perFile.flatMap((found) => [...found.literals]));

function files(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function literalsOf(source: string) {
  const literals = new Set([...source.matchAll(/["'`]([\w.-]+)["'`]/g)].map((match) => match[1]!));
  // A template literal of key characters around its `${…}` places: a pattern whose places a literal fills.
  const templates = [...source.matchAll(/`([\w.]*(?:\$\{[^`{}]*\}[\w.]*)+)`/g)].map(
    (match) =>
      new RegExp(
        `^${match[1]!
          .split(/\$\{[^`{}]*\}/)
          .map((fixed) => fixed.replaceAll(".", "\\."))
          .join("([\\w.]+)")}$`,
      ),
  );
  return { literals, templates };
}

function used(key: string): boolean {
  const segments = key.split(".");
  return perFile.some(({ literals, templates }) =>
    segments.some((_, split) => {
      const namespace = segments.slice(0, split).join(".");
      if (split > 0 && !literals.has(namespace)) return false;
      const rest = segments.slice(split).join(".");
      if (literals.has(rest)) return true;
      return templates.some((template) => template.exec(rest)?.slice(1).every(completes));
    }),
  );
}

/** The part a template fills in: a literal somewhere, or a dotted path of them. */
const completes = (part: string) =>
  everywhere.has(part) || part.split(".").every((segment) => everywhere.has(segment) || /^\d+$/.test(segment));
