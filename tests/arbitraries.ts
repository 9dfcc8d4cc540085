import fc from "fast-check";
import type { z } from "zod";

/**
 * Inputs for any zod schema, read from the schema itself (its types, formats, bounds and optional
 * keys), so a new operation, action or API route is fuzzed the day it is written (issue 22).
 *
 * An input is either *shaped* (every node as its schema asks; the kernel's fuzzers assert that most
 * of these pass, so the work behind the schema is reached) or an *attack*, in which any node may be
 * hostile instead: NUL, lone surrogates, huge strings, deep JSON, numbers no column holds, unknown
 * keys named `__proto__`. Shaped text is not polite either: bidi overrides, zero-width characters and
 * composed graphemes throughout, and now and then a NUL or half a surrogate pair, since a field
 * without its own rule must cope with them.
 */

export type Pools = {
  /** Ids that exist (a fixture's group, people, course…): uuid fields pick them often, so refusals are not all "not found". */
  uuids?: readonly string[];
};

/** The pieces of text that have broken someone's parser, renderer or database. */
export const HOSTILE_TEXT = {
  nul: "\u0000",
  loneSurrogates: ["\uD800", "\uDBFF", "\uDC00", "\uDFFF"],
  bidi: ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"],
  invisible: ["\u200B", "\u200D", "\u00AD", "\uFEFF", "\u3164", "\u0301", "\u2800"],
  other: ["\r\n", "\t", "\u0085", "\u2028", "\u0007", "\u009F", "'", '"', "\\", "%00", "' or 1=1 --", "__proto__", "😀", "e\u0301", "👩‍👩‍👧"],
} as const;

/** Deeper than any parser's recursion holds (100,000), and every size on the way there. */
export const MAX_DEPTH = 100_000;

/** Arrays and objects nested `depth` deep, built without recursion. */
export function nested(depth: number, leaf: unknown = null): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

const SAFE = Number.MAX_SAFE_INTEGER;
const INT32 = 2 ** 31 - 1;

const decoration = fc.constantFrom(...HOSTILE_TEXT.bidi, ...HOSTILE_TEXT.invisible, ...HOSTILE_TEXT.other);

/** Text someone may well type: graphemes of any script, with bidi overrides and invisible characters among them. */
const typedText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }) }, { weight: 1, arbitrary: decoration }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((pieces) => pieces.join(""));

/** Text no database column holds: a NUL or half a surrogate pair somewhere in it. */
const unstorableText = fc
  .tuple(typedText, fc.constantFrom(HOSTILE_TEXT.nul, ...HOSTILE_TEXT.loneSurrogates), fc.nat())
  .map(([text, piece, at]) => text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)));

/** Up to 300,000 code units of one character (a textarea's maxLength is only a suggestion to the browser). */
const hugeText = fc
  .tuple(fc.constantFrom("a", "é", " ", "😀", HOSTILE_TEXT.nul, HOSTILE_TEXT.loneSurrogates[0], HOSTILE_TEXT.bidi[4]), fc.integer({ min: 5_000, max: 300_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: unstorableText },
  { weight: 2, arbitrary: typedText },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: hugeText },
);

const hostileNumber = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, -1, INT32 + 1, -(2 ** 31) - 1, SAFE, SAFE + 2, -SAFE, 1e308, 5e-324);

/** Any hostile value at all, whatever the schema expected there. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: MAX_DEPTH }).map((depth) => nested(depth)) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, [], {}, "", new Date(Number.NaN)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((length) => Array.from({ length }, (_, index) => index)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }) },
);

/** Text as shaped input: mostly typed text, sometimes unstorable or huge. */
const shapedText = fc.oneof({ weight: 12, arbitrary: typedText }, { weight: 1, arbitrary: unstorableText }, { weight: 1, arbitrary: hugeText });

const emailAddress = fc
  .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?$/), fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom("example", "test", "com", "de"))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/** Instants from year 0 to 9999: each end is one a database may refuse. */
const instant = fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });

type Node = z.core.$ZodType;
type Bag = { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; format?: string; patterns?: Set<RegExp> };

const bagOf = (schema: Node) => schema._zod.bag as Bag;

function stringFor(schema: Node, pools: Pools): fc.Arbitrary<string> {
  const { format, patterns, minimum = 0, maximum } = bagOf(schema);
  if (format === "uuid" || format === "guid") {
    const random = fc.uuid();
    return pools.uuids?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.uuids) }, { weight: 1, arbitrary: random }) : random;
  }
  if (format === "email") return emailAddress;
  if (format === "datetime") return instant.map((date) => date.toISOString());
  if (format === "date") return instant.map((date) => date.toISOString().slice(0, 10));
  const pattern = patterns && [...patterns][0];
  if (pattern) return fc.stringMatching(pattern);
  const text = minimum > 0 ? shapedText.filter((value) => value.length >= minimum) : shapedText;
  return maximum === undefined ? text : fc.oneof({ weight: 4, arbitrary: text.map((value) => value.slice(0, maximum)) }, { weight: 1, arbitrary: text });
}

function numberFor(schema: Node): fc.Arbitrary<number> {
  const bag = bagOf(schema);
  const integer = bag.format === "safeint" || bag.format === "int32";
  const min = bag.minimum ?? (bag.exclusiveMinimum === undefined ? -SAFE : bag.exclusiveMinimum + (integer ? 1 : Number.EPSILON));
  const max = bag.maximum ?? (bag.exclusiveMaximum === undefined ? SAFE : bag.exclusiveMaximum - (integer ? 1 : Number.EPSILON));
  if (!integer) return fc.double({ min, max, noNaN: true });
  // fast-check's integers stop at 32 bits: the ends of a wider range are offered as they are.
  const inner = fc.integer({ min: Math.max(min, -INT32), max: Math.min(max, INT32) });
  return fc.oneof({ weight: 6, arbitrary: inner }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
}

/** What a `z.custom` or `z.instanceof` may want: its check is opaque, so a file, a list and anything are offered. */
const opaque = fc.oneof(
  typedText.map((text) => new Blob([text])),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Build = (schema: Node) => fc.Arbitrary<unknown>;

/** Whether a schema's input is a string: a string, or a pipe that starts with one. */
const takesStrings = (schema: Node): boolean =>
  schema._zod.def.type === "string" || (schema._zod.def.type === "pipe" && takesStrings((schema._zod.def as z.core.$ZodPipeDef).in as Node));

/** Keys an object may leave out: optional, or with a default. */
const omissible = (schema: Node) => schema._zod.optin === "optional" || schema._zod.optin === "defaulted";

function objectFor(def: z.core.$ZodObjectDef, build: Build, attack: boolean): fc.Arbitrary<unknown> {
  const shape = def.shape as Record<string, Node>;
  const keys = Object.keys(shape);
  const model = Object.fromEntries(keys.map((key) => [key, build(shape[key]!)]));
  const record = fc.record(model, { requiredKeys: keys.filter((key) => !omissible(shape[key]!)) });
  if (!attack) return record;
  const extra = fc.dictionary(fc.constantFrom("__proto__", "constructor", "operationId", "companyId", "userId"), hostileValue, { maxKeys: 2 });
  return fc.oneof({ weight: 3, arbitrary: record }, { weight: 1, arbitrary: fc.tuple(extra, record).map(([more, value]) => ({ ...more, ...value })) });
}

function shaped(schema: Node, build: Build, pools: Pools, attack: boolean): fc.Arbitrary<unknown> {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case "string":
      return stringFor(schema, pools);
    case "number":
      return numberFor(schema);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "date":
      return instant;
    case "any":
    case "unknown":
      return fc.jsonValue({ maxDepth: 2 });
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "object":
      return objectFor(def as unknown as z.core.$ZodObjectDef, build, attack);
    case "array": {
      const { minimum = 0, maximum = 8 } = bagOf(schema);
      return fc.array(build(def.element as Node), { minLength: minimum, maxLength: Math.max(minimum, Math.min(maximum, 8)) });
    }
    case "tuple":
      return fc.tuple(...(def.items as Node[]).map(build));
    case "record":
      return fc.dictionary(build(def.keyType as Node) as fc.Arbitrary<string>, build(def.valueType as Node), { maxKeys: 4 });
    case "union":
      return fc.oneof(...(def.options as Node[]).map(build));
    case "intersection":
      return fc.tuple(build(def.left as Node), build(def.right as Node)).map(([left, right]) => Object.assign({}, left, right));
    case "optional":
    case "default":
    case "prefault":
      return fc.option(build(def.innerType as Node), { nil: undefined, freq: 4 });
    case "nullable":
      return fc.option(build(def.innerType as Node), { nil: null, freq: 4 });
    case "readonly":
    case "catch":
    case "nonoptional":
      return build(def.innerType as Node);
    case "pipe": {
      // A preprocess is a pipe from a transform, and a string cleaned then checked (`textField`, an
      // email trimmed first) has its rules after the pipe: either way, what the later schema takes.
      const from = def.in as Node;
      const to = def.out as Node;
      return build(from._zod.def.type === "transform" || (to._zod.def.type === "string" && takesStrings(from)) ? to : from);
    }
    case "lazy":
      return fc.constant(null).chain(() => build((def.getter as () => Node)()));
    case "custom":
    case "transform":
      return opaque;
    default:
      throw new Error(`tests/arbitraries.ts has no arbitrary for a zod ${def.type}: add one`);
  }
}

function builder(pools: Pools, attack: boolean): Build {
  const build: Build = (schema) => {
    const value = shaped(schema, build, pools, attack);
    return attack ? fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: hostileValue }) : value;
  };
  return build;
}

/** Inputs for `schema`: three in four shaped, one an attack. */
export function inputFor(schema: z.ZodType, pools: Pools = {}): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: builder(pools, false)(schema) }, { weight: 1, arbitrary: builder(pools, true)(schema) });
}
