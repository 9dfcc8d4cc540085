import { z } from "zod";

/**
 * Text people type, as it is stored: the one place that decides which characters a name, a
 * description or a chat message may hold. Browser-safe (the composer validates with it too).
 *
 * - **Refused**, each with a sentence of its own: NUL (PostgreSQL's `text` cannot hold it) and lone
 *   UTF-16 surrogates (half of a pair, no character at all: `jsonb` refuses their escapes, other
 *   systems silently turn them into U+FFFD).
 * - **Removed**: the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 *   which make text display in another order than it is written (a name that reads as someone else's,
 *   a link that reads as another), and the other control characters, which would be stored invisibly
 *   (and JSON writes each as six bytes). A single line also turns its line breaks and tabs into spaces.
 * - **Refused when nothing visible is left**: text of only spaces and invisible characters (zero-width
 *   spaces and joiners, soft hyphens, Hangul fillers, lone combining marks…) is no name and no message.
 */

export type TextProblem = "nul" | "loneSurrogate";

/** Catalogue keys (under `validation`) of the refusals every text field shares. */
export const TEXT_ERRORS = {
  nul: "validation.textNul",
  loneSurrogate: "validation.textLoneSurrogate",
  invisible: "validation.textInvisible",
} as const;

/** Index of the first surrogate without its other half, or -1. */
function loneSurrogateAt(text: string, from = 0): number {
  for (let index = from; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(index + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      index++;
      continue;
    }
    return index;
  }
  return -1;
}

/** What makes the text unstorable, or null: a NUL, or a surrogate without its other half. */
export function textProblem(text: string): TextProblem | null {
  if (text.includes("\u0000")) return "nul";
  return loneSurrogateAt(text) >= 0 ? "loneSurrogate" : null;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;
/** C0 and C1 controls except tab and line feed (and NUL, refused before). */
const CONTROLS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
const SINGLE_LINE_SPACES = /[\t\n]/g;
/** Everything that shows nothing on its own. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{M}\u2800]/gu;

/**
 * The text as it is stored: bidirectional controls and other control characters removed, line ends
 * as `\n` (a single line: every line break and tab a space), trimmed. NUL and lone surrogates are
 * left for `textProblem` to refuse; `cleanText` never hides them.
 */
export function cleanText(text: string, options: { multiline?: boolean } = {}): string {
  const lines = text.replace(LINE_BREAKS, "\n").replace(BIDI_CONTROLS, "").replace(CONTROLS, "");
  return (options.multiline ? lines : lines.replace(SINGLE_LINE_SPACES, " ")).trim();
}

/** Whether anything of the text would be seen: not only spaces and invisible characters. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, "").length > 0;
}

/**
 * Text taken as it comes, never refused: a search term from a form or a query string (a search can
 * only find less, and what cannot be stored cannot be found), an uploaded file's name. NUL, lone
 * surrogates and controls go; then as `cleanText` on one line, cut to `max`.
 */
export function lenientText(text: string, max: number): string {
  let kept = text.replace(/\u0000/g, "");
  for (let at = loneSurrogateAt(kept); at >= 0; at = loneSurrogateAt(kept, at)) kept = kept.slice(0, at) + kept.slice(at + 1);
  const cut = cleanText(kept).slice(0, max);
  // Cutting may split the last pair.
  return loneSurrogateAt(cut) >= 0 ? cut.slice(0, -1) : cut;
}

/** Refuses NUL and lone surrogates, each with its own sentence, before anything else is checked. */
function refuseUnstorable(value: string, context: z.RefinementCtx): void {
  const problem = textProblem(value);
  if (problem) context.addIssue({ code: "custom", message: TEXT_ERRORS[problem], continue: false });
}

export type TextFieldOptions = {
  /** Longest text kept, in UTF-16 code units (what a textarea's maxLength counts), after cleaning. */
  max: number;
  /** Catalogue key for text longer than `max`. */
  tooLong: string;
  /** Catalogue key for an empty field; without it the field may be left empty (invisible text then counts as empty). */
  required?: string;
  /** Keeps line breaks (descriptions, messages); a name is one line. */
  multiline?: boolean;
};

/**
 * The schema of a text field people fill in: refused when unstorable, cleaned (`cleanText`), then
 * checked for length and for something visible. Every name, description and message goes through it.
 */
export function textField({ max, tooLong, required, multiline = false }: TextFieldOptions) {
  return (
    z
      .string()
      .superRefine(refuseUnstorable)
      // What a JSON Schema of the input says (the API's OpenAPI document): the limits, counted after cleaning.
      .meta(required ? { minLength: 1, maxLength: max } : { maxLength: max })
      .transform((value) => {
        const cleaned = cleanText(value, { multiline });
        // An optional field of only invisible characters is simply empty.
        return required || hasVisibleText(cleaned) ? cleaned : "";
      })
      .pipe(
        z
          .string()
          .max(max, { error: tooLong })
          .superRefine((value, context) => {
            if (!required) return;
            if (value === "") context.addIssue({ code: "custom", message: required });
            else if (!hasVisibleText(value)) context.addIssue({ code: "custom", message: TEXT_ERRORS.invisible });
          }),
      )
  );
}

/** A search term (see `lenientText`): cleaned and cut to `max`, never refused. */
export const searchTermField = (max: number) => z.string().transform((value) => lenientText(value, max));

/** A value compared or looked up as it is (a key, an email in a filter): refused when unstorable, as a database would. */
export const storableString = () => z.string().superRefine(refuseUnstorable);

/** Characters a quoted value writes as escapes: controls, format characters (zero-width, bidi), line separators, lone surrogates. */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/**
 * A value a person wrote, quoted back to them beside a problem (an import's cell, a course file's
 * entry): what would not be seen or cannot be stored is written as an escape (`\u0000`, `\u200B`), so
 * the problem is visible in it, and a long value is cut to `max` characters with an ellipsis.
 */
export function shownValue(text: string, max = 60): string {
  let shown = "";
  let count = 0;
  for (const char of text) {
    if (count === max) return `${shown}…`;
    shown += UNSEEN.test(char) ? `\\u${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : char;
    count += 1;
  }
  return shown;
}
