import type { Nodes, Root } from "mdast";
import Markdown, { type Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { mentionTargetPattern } from "@/lib/chat/mentions";

/**
 * A chat message's Markdown, safe on the server and in the browser: bold, italics, links, lists,
 * paragraphs and line breaks. Raw HTML is dropped before it becomes a node, the sanitizer keeps
 * only the elements and attributes below, and links keep only http, https and mailto URLs.
 * Anything else Markdown knows (headings, code, quotes) is shown as its plain text; images vanish.
 */

const LINK_PROTOCOLS = ["http:", "https:", "mailto:"];

/** An absolute http(s) or mailto URL as written; anything else (relative, javascript:, data:, …) is no link. */
export function safeLinkUrl(url: string): string | null {
  try {
    return LINK_PROTOCOLS.includes(new URL(url.trim()).protocol) ? url.trim() : null;
  } catch (error) {
    // Not a URL at all; anything else is not ours to hide.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

const schema = {
  ...defaultSchema,
  tagNames: ["p", "br", "strong", "em", "a", "ul", "ol", "li", "span"],
  attributes: { a: ["href"], ol: ["start"], span: [["className", "mention"]] },
  protocols: { href: ["http", "https", "mailto"] },
  ancestors: { li: ["ol", "ul"] },
};

const textOf = (node: Nodes): string =>
  "value" in node ? node.value : "children" in node ? node.children.map((child) => textOf(child)).join("") : "";

/** Names of the people a message mentions, by id: their names now (`ChatMessageDto.mentionNames`). */
export type MentionNames = Readonly<Record<string, string>>;

/**
 * `@[Name](id)` (lib/chat/mentions.ts) parses as "@" followed by a link to the id: this turns it
 * into the highlighted name of the person with that id, as they are called now. The name between
 * the brackets is the author's to write and is never shown as a mention: a token naming nobody the
 * message mentions (or a message not confirmed yet) stays plain text. Single newlines become line
 * breaks, as people expect in a chat.
 */
function remarkChat({ mentionNames = {} }: { mentionNames?: MentionNames } = {}) {
  const visit = (node: Nodes) => {
    if (!("children" in node)) return;
    const children: Nodes[] = [];
    for (const child of node.children as Nodes[]) {
      const previous = children.at(-1);
      if (child.type === "link" && mentionTargetPattern.test(child.url) && previous?.type === "text" && previous.value.endsWith("@")) {
        const name = Object.hasOwn(mentionNames, child.url.toLowerCase()) ? mentionNames[child.url.toLowerCase()] : undefined;
        if (name === undefined) {
          previous.value += textOf(child);
          continue;
        }
        previous.value = previous.value.slice(0, -1);
        children.push({
          type: "emphasis",
          data: { hName: "span", hProperties: { className: ["mention"] } },
          children: [{ type: "text", value: `@${name}` }],
        });
        continue;
      }
      if (child.type === "text" && child.value.includes("\n")) {
        child.value.split("\n").forEach((line, index) => {
          if (index > 0) children.push({ type: "break" });
          if (line) children.push({ type: "text", value: line });
        });
        continue;
      }
      visit(child);
      children.push(child);
    }
    (node as { children: Nodes[] }).children = children.filter((child) => child.type !== "text" || child.value !== "");
  };
  return (tree: Root) => visit(tree);
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="font-medium text-brand-700 underline">
        {children}
      </a>
    ) : (
      <>{children}</>
    ),
  // The only span the sanitizer lets through is a mention's.
  span: ({ className, children }) => (
    <span className={className === "mention" ? "rounded bg-brand-50 px-0.5 font-medium text-brand-800" : undefined}>{children}</span>
  ),
  ul: ({ children }) => <ul className="list-disc pl-5">{children}</ul>,
  ol: ({ children, start }) => (
    <ol className="list-decimal pl-5" start={start}>
      {children}
    </ol>
  ),
};

export function MessageBody({ body, mentionNames }: { body: string; mentionNames?: MentionNames }) {
  return (
    <div className="space-y-2 break-words [overflow-wrap:anywhere]">
      <Markdown
        skipHtml
        remarkPlugins={[[remarkChat, { mentionNames }]]}
        rehypePlugins={[[rehypeSanitize, schema]]}
        urlTransform={safeLinkUrl}
        components={components}
      >
        {body}
      </Markdown>
    </div>
  );
}
