import { z } from "zod";
import en from "@/lib/i18n/messages/en.json";

/**
 * What a schema's refusal may say: a catalogue key (the schemas' own messages, rendered in the
 * person's language), or zod's own sentence for a malformed shape ("Invalid UUID": a form shows
 * `validation.invalid` for it, the API the sentence). Anything else came from somewhere it should
 * not have: an exception's text, a driver's.
 */

const zodSentence = z.locales.en().localeError;

export const inCatalogue = (key: string): boolean =>
  typeof key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en) === "string";

/** The key a form looks a schema message up by (components/ui/use-error-message.ts): a full key, or one under `validation`. */
export const formKey = (message: string): string => (message.includes(".") ? message : `validation.${message}`);

/** The API looks a message up as a full key (lib/hr/api/problem.ts, `sentence`). */
export const apiKey = (message: string): string => message;

const sentenceOf = (issue: z.core.$ZodIssue): string | undefined => {
  const made = zodSentence(issue as never);
  return typeof made === "string" ? made : made?.message;
};

/**
 * The refusal's issues whose message is neither a key (looked up as `keyOf` says) nor zod's sentence
 * for that very issue. The issues must carry their input: parse with `{ reportInput: true }`.
 */
export function strayMessages(issues: readonly z.core.$ZodIssue[], keyOf: (message: string) => string): string[] {
  return issues.filter((issue) => !inCatalogue(keyOf(issue.message)) && issue.message !== sentenceOf(issue)).map((issue) => issue.message);
}

/** Parses as the app does: the refusal (if any), and its stray messages. */
export function refusalOf(schema: z.ZodType, input: unknown, keyOf: (message: string) => string): { error?: z.ZodError; strays: string[] } {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? { strays: [] } : { error: parsed.error, strays: strayMessages(parsed.error.issues, keyOf) };
}
