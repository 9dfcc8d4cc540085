/**
 * The one mention syntax, inserted by the composer's autocomplete and read by the server and the
 * renderer: `@[Dana Admin](3f0c5e7a-…-uuid)`. The id is what counts: readers see the person's
 * current name for it (the chat from `ChatMessageDto.mentionNames`, notifications and the feed as
 * named when it was written), never the name the author typed between the brackets. A Markdown
 * link shape, so a plain-text reader still reads "@Dana Admin".
 */
const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const NAME = "[^\\[\\]\\n]{1,200}";

/** A fresh matcher each call: global regexes carry state between uses. */
const mentionPattern = () => new RegExp(`@\\[(${NAME})\\]\\((${UUID})\\)`, "g");

/** The id of a mention link's target when a link's URL is one (see `components/chat/message-body.tsx`). */
export const mentionTargetPattern = new RegExp(`^${UUID}$`);

/** Characters that would end the token early are dropped from the name. */
export function mentionToken(name: string, userId: string): string {
  return `@[${name.replace(/[[\]\n]/g, "").trim()}](${userId})`;
}

/** Distinct ids mentioned, lower-cased, in order of first appearance. */
export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(mentionPattern())].map((match) => match[2]!.toLowerCase()))];
}

/**
 * The body with every mention of someone in `names` (id → name) carrying that name instead of the
 * author's; tokens of anyone else stay as written (they are no mention, only text).
 */
export function withMentionNames(body: string, names: ReadonlyMap<string, string>): string {
  return body.replace(mentionPattern(), (token, _written: string, id: string) => {
    const name = names.get(id.toLowerCase());
    return name === undefined ? token : mentionToken(name, id);
  });
}

/** The body with mentions as "@Name": for notification excerpts and other plain text. */
export function mentionsAsText(body: string): string {
  return body.replace(mentionPattern(), (_token, name: string) => `@${name}`);
}
