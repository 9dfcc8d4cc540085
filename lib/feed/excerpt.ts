/** The praise's words as plain text: Markdown marks and mention syntax left out, since the feed shows an excerpt. */
export function plainExcerpt(markdown: string, max = 280): string {
  const text = markdown
    .replace(/@\[([^\]]+)\]\([0-9a-f-]{36}\)/gi, "@$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~#>]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
