import { mentionsAsText } from "./mentions";

const EXCERPT_LENGTH = 140;

/** A message as one line of plain text, as the bell quotes it: mentions as names, at most 140 characters. */
export function excerpt(body: string): string {
  const text = mentionsAsText(body).replace(/\s+/g, " ").trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}
