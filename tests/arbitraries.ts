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

export type InputOptions = {
  /** Ids that exist (a fixture's group, people, course…): uuid fields pick them often, so refusals are not all "not found". */
  uuids?: readonly string[];
  /** Candidates per shaped input (see `inputFor`): where an input should pass its schema, not only be shaped like it. */
  tries?: number;
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

/** JSON text nested `depth` deep, written out (JSON.stringify itself gives up a few thousand levels down). */
export const deepJson = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);

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
  .array(
    fc.oneof({ weight: 6, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }) }, { weight: 1, arbitrary: decoration }),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((pieces) => pieces.join(""));

/** Text no database column holds: a NUL or half a surrogate pair somewhere in it. */
const unstorableText = fc
  .tuple(typedText, fc.constantFrom(HOSTILE_TEXT.nul, ...HOSTILE_TEXT.loneSurrogates), fc.nat())
  .map(([text, piece, at]) => text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)));

/** Up to 100,000 code units of one character (a textarea's maxLength is only a suggestion to the browser). */
const hugeText = fc
  .tuple(
    fc.constantFrom("a", "é", " ", "😀", HOSTILE_TEXT.nul, HOSTILE_TEXT.loneSurrogates[0], HOSTILE_TEXT.bidi[4]),
    fc.integer({ min: 5_000, max: 100_000 }),
  )
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: unstorableText },
  { weight: 2, arbitrary: typedText },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: hugeText },
);

const hostileNumber = fc.constantFrom(
  NaN,
  Infinity,
  -Infinity,
  -0,
  0.5,
  -1,
  INT32 + 1,
  -(2 ** 31) - 1,
  SAFE,
  SAFE + 2,
  -SAFE,
  1e308,
  5e-324,
);

/** Any hostile value at all, whatever the schema expected there. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: MAX_DEPTH }).map((depth) => nested(depth)) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, [], {}, "", new Date(Number.NaN)) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((length) => Array.from({ length }, (_, index) => index)) },
  {
    weight: 1,
    arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
  },
);

/** Text as shaped input: mostly typed text, now and then unstorable or huge (an attack has them far more often). */
const shapedText = fc.oneof(
  { weight: 24, arbitrary: typedText },
  { weight: 1, arbitrary: unstorableText },
  { weight: 1, arbitrary: hugeText },
);

const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?$/),
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.constantFrom("example", "test", "com", "de"),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/** Instants from year 0 to 9999: each end is one a database may refuse. */
const instant = fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true });

type Node = z.core.$ZodType;

/** What a string's or a number's checks ask, read from its definition (zod keeps them there, each a check of its own). */
type Constraints = { format?: string; pattern?: RegExp; minLength: number; maxLength?: number; min?: number; max?: number };

type CheckDef = {
  check?: string;
  format?: string;
  pattern?: RegExp;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
};

function constraintsOf(schema: Node): Constraints & { integer: boolean } {
  const def = schema._zod.def as CheckDef & { checks?: Node[] };
  const found: Constraints & { integer: boolean } = { minLength: 0, integer: false };
  for (const check of [def, ...(def.checks ?? []).map((item) => item._zod.def as CheckDef)]) {
    if (check.check === "string_format" && check.format !== "regex") found.format ??= check.format;
    if (check.check === "string_format" && check.format === "regex") found.pattern ??= check.pattern;
    if (check.check === "number_format") found.integer = ["safeint", "int32", "uint32"].includes(check.format!);
    if (check.check === "min_length") found.minLength = check.minimum!;
    if (check.check === "max_length") found.maxLength = check.maximum!;
    if (check.check === "length_equals") found.minLength = found.maxLength = check.length!;
    if (check.check === "greater_than") found.min = check.value! + (check.inclusive ? 0 : found.integer ? 1 : Number.EPSILON);
    if (check.check === "less_than") found.max = check.value! - (check.inclusive ? 0 : found.integer ? 1 : Number.EPSILON);
  }
  return found;
}

function stringFor(schema: Node, options: InputOptions): fc.Arbitrary<string> {
  const { format, pattern, minLength, maxLength } = constraintsOf(schema);
  if (format === "uuid" || format === "guid") {
    const random = fc.uuid();
    return options.uuids?.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...options.uuids) }, { weight: 1, arbitrary: random })
      : random;
  }
  if (format === "email") return emailAddress;
  if (format === "datetime") return instant.map((date) => date.toISOString());
  if (format === "date") return instant.map((date) => date.toISOString().slice(0, 10));
  if (pattern) return fc.stringMatching(pattern).filter((value) => value.length >= minLength && value.length <= (maxLength ?? Infinity));
  const text = minLength > 0 ? shapedText.filter((value) => value.length >= minLength) : shapedText;
  return maxLength === undefined
    ? text
    : fc.oneof({ weight: 4, arbitrary: text.map((value) => value.slice(0, maxLength)) }, { weight: 1, arbitrary: text });
}

function numberFor(schema: Node): fc.Arbitrary<number> {
  const { integer, min = -SAFE, max = SAFE } = constraintsOf(schema);
  // fast-check's integers stop at 32 bits: the ends of a wider range are offered as they are.
  const whole = fc.integer({ min: Math.ceil(Math.max(min, -INT32)), max: Math.floor(Math.min(max, INT32)) });
  const ends = fc.constantFrom(min, max);
  // Small counts and indexes, where the range has them: what rules of their own (an answer's index) ask most.
  const small = fc.integer({ min: Math.ceil(Math.max(min, 0)), max: Math.floor(Math.min(max, 3)) });
  const usual = Math.max(min, 0) <= Math.min(max, 3) ? [{ weight: 5, arbitrary: small }] : [];
  // Any number may be asked to be whole by a rule of its own: whole ones come often.
  const fractional = integer ? [] : [{ weight: 2, arbitrary: fc.double({ min, max, noNaN: true }) }];
  return fc.oneof(...usual, { weight: 3, arbitrary: whole }, ...fractional, { weight: 1, arbitrary: ends });
}

/** A file's text: typed, JSON, JSON cut short, or JSON nested deeper than any recursive reader goes. */
export const fileText: fc.Arbitrary<string> = fc.oneof(
  typedText,
  fc.json(),
  fc.json().chain((text) => fc.nat({ max: text.length }).map((end) => text.slice(0, end))),
  fc.integer({ min: 1, max: MAX_DEPTH }).map((depth) => deepJson(depth, "[", "")),
  fc.integer({ min: 1, max: MAX_DEPTH }).map((depth) => deepJson(depth, '{"a":', "}")),
);

/** What a `z.custom` or `z.instanceof` may want: its check is opaque, so a file, a list and anything are offered. */
const opaque = fc.oneof(
  fileText.map((text) => new Blob([text])),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Build = (schema: Node) => fc.Arbitrary<unknown>;

/** Whether a schema's input is a string: a string, or a pipe that starts with one. */
const takesStrings = (schema: Node): boolean =>
  schema._zod.def.type === "string" ||
  (schema._zod.def.type === "pipe" && takesStrings((schema._zod.def as z.core.$ZodPipeDef).in as Node));

/** Keys an object may leave out: optional, or with a default. */
const omissible = (schema: Node) => schema._zod.optin === "optional" || schema._zod.optin === "defaulted";

/**
 * Now and then one text field repeats another: fields that must agree (a password and its
 * confirmation) cannot be guessed apart.
 */
const echoed = (record: fc.Arbitrary<Record<string, unknown>>, keys: string[]) =>
  fc.tuple(record, fc.nat(), fc.nat(), fc.boolean()).map(([value, from, step, echo]) => {
    const [source, target] = [keys[from % keys.length]!, keys[(from + 1 + (step % (keys.length - 1))) % keys.length]!];
    return echo && typeof value[source] === "string" && typeof value[target] === "string" ? { ...value, [target]: value[source] } : value;
  });

function objectFor(def: z.core.$ZodObjectDef, build: Build, attack: boolean): fc.Arbitrary<unknown> {
  const shape = def.shape as Record<string, Node>;
  const keys = Object.keys(shape);
  const model = Object.fromEntries(keys.map((key) => [key, build(shape[key]!)]));
  const record = fc.record(model, { requiredKeys: keys.filter((key) => !omissible(shape[key]!)) }) as fc.Arbitrary<Record<string, unknown>>;
  if (!attack) return keys.length > 1 ? echoed(record, keys) : record;
  const extra = fc.dictionary(fc.constantFrom("__proto__", "constructor", "operationId", "companyId", "userId"), hostileValue, {
    maxKeys: 2,
  });
  return fc.oneof(
    { weight: 3, arbitrary: record },
    { weight: 1, arbitrary: fc.tuple(extra, record).map(([more, value]) => ({ ...more, ...value })) },
  );
}

function shaped(schema: Node, build: Build, options: InputOptions, attack: boolean): fc.Arbitrary<unknown> {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case "string":
      return stringFor(schema, options);
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
      // A few items are enough to reach what each item does; a huge list is one of the hostile values.
      const { minLength, maxLength = 3 } = constraintsOf(schema);
      return fc.array(build(def.element as Node), { minLength, maxLength: Math.max(minLength, Math.min(maxLength, 3)) });
    }
    case "tuple":
      return fc.tuple(...(def.items as Node[]).map(build));
    case "record": {
      // An object's keys are text, whatever else an attack puts in their place.
      const key = build(def.keyType as Node).filter((value): value is string => typeof value === "string");
      return fc.dictionary(key, build(def.valueType as Node), { maxKeys: 4 });
    }
    case "union":
      return fc.oneof(...(def.options as Node[]).map(build));
    case "intersection":
      return fc.tuple(build(def.left as Node), build(def.right as Node)).map(([left, right]) => Object.assign({}, left, right));
    case "optional":
    case "default":
    case "prefault":
      return fc.option(build(def.innerType as Node), { nil: undefined, freq: 4 });
    case "nullable":
      // Half of them null: null is an answer of its own (the company's default, no manager), and a
      // value the generator cannot guess (a time zone) then still leaves inputs that pass.
      return fc.option(build(def.innerType as Node), { nil: null, freq: 2 });
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

/**
 * An opaque check (`z.custom`, `z.instanceof`) is the code's own word on what it takes: an import's
 * checked rows, which only the server produces, or a file. It is offered files, lists and JSON
 * (`opaque`), not hostile values: the rows are never a caller's, and a file's check refuses the rest.
 */
const attackable = (schema: Node) => schema._zod.def.type !== "custom";

function builder(options: InputOptions, attack: boolean): Build {
  const build: Build = (schema) => {
    const value = shaped(schema, build, options, attack);
    return attack && attackable(schema) ? fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: hostileValue }) : value;
  };
  return build;
}

/**
 * Inputs for `schema`: three in four shaped, one an attack. With `tries`, a shaped input is the first
 * of that many candidates the schema accepts (rules across fields, such as a chat message's kind and
 * whom it names, are then met as often as a generator can meet them), or the first candidate.
 */
export function inputFor(schema: z.ZodType, options: InputOptions = {}): fc.Arbitrary<unknown> {
  const candidate = builder(options, false)(schema);
  const shapedInput =
    options.tries && options.tries > 1
      ? fc
          .array(candidate, { minLength: options.tries, maxLength: options.tries })
          .map((all) => all.find((one) => schema.safeParse(one).success) ?? all[0])
      : candidate;
  return fc.oneof({ weight: 3, arbitrary: shapedInput }, { weight: 1, arbitrary: builder(options, true)(schema) });
}
