import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { mentionToken } from "@/lib/chat/mentions";
import { MessageBody, safeLinkUrl } from "./message-body";

const render = (body: string, mentionNames?: Record<string, string>) =>
  renderToStaticMarkup(<MessageBody body={body} mentionNames={mentionNames} />);

/** Every element and attribute the renderer may produce; a link's href must be http(s) or mailto. */
const ALLOWED: Record<string, string[]> = {
  div: ["class"],
  p: [],
  br: [],
  strong: [],
  em: [],
  ul: ["class"],
  ol: ["class", "start"],
  li: [],
  span: ["class"],
  a: ["href", "rel", "target", "class"],
};

const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** What got through that should not have: unknown elements, attributes, or link targets. */
function violations(html: string): string[] {
  const found: string[] = [];
  // React escapes every "<" of text, so each one left is a real tag.
  for (const [, name, attributes] of html.matchAll(/<\/?([^\s/>]+)([^>]*)>/g)) {
    const tag = name!.toLowerCase();
    const allowed = ALLOWED[tag];
    if (!allowed) {
      found.push(`element <${tag}>`);
      continue;
    }
    for (const [, attribute, value] of attributes!.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      if (!allowed.includes(attribute!.toLowerCase())) found.push(`attribute ${attribute} on <${tag}>`);
      if (attribute === "href" && !/^(https?:\/\/|mailto:)/i.test(decode(value ?? "").replace(/\s/g, ""))) {
        found.push(`href ${value}`);
      }
    }
  }
  return found;
}

const PAYLOADS = [
  // Raw HTML and script
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<scr<script>ipt>alert(1)</script>",
  "text <script>alert(1)</script> more",
  "<img src=x onerror=alert(1)>",
  '<img src="javascript:alert(1)">',
  "<body onload=alert(1)>",
  '<div onmouseover="alert(1)">hover</div>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  "<svg/onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  "<input autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<base href=javascript:alert(1)//>",
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<template><script>alert(1)</script></template>",
  // Markdown links with dangerous schemes, plain and obfuscated
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click]( javascript:alert(1) )",
  "[click](javascript&#58;alert(1))",
  "[click](javascript&#x3A;alert(1))",
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](java%73cript:alert(1))",
  "[click](<java\tscript:alert(1)>)",
  "[click](<javascript\n:alert(1)>)",
  "[click](\\x6Aavascript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](VBScript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](DATA:text/html,<script>alert(1)</script>)",
  "[click](file:///etc/passwd)",
  "[click](//evil.example)",
  "[click](/relative/path)",
  '[click](https://ok.example "title" onclick="alert(1)")',
  "[click][ref]\n\n[ref]: javascript:alert(1)",
  "[click][ref]\n\n[ref]: <data:text/html,x>",
  "<javascript:alert(1)>",
  "<vbscript:msgbox(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  '[a](javascript:alert(1)"onmouseover="alert(1))',
  "[![x](javascript:alert(1))](javascript:alert(1))",
  // Images in every form
  "![x](https://evil.example/tracker.png)",
  "![x](javascript:alert(1))",
  '![x](https://ok.example/x.png "onerror=alert(1)")',
  "![x][img]\n\n[img]: https://evil.example/x.png",
  // Entities and escapes
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "\\<script>alert(1)\\</script>",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "    <script>alert(1)</script>",
  // Mentions as a vector
  "@[<img src=x onerror=alert(1)>](00000000-0000-0000-0000-000000000000)",
  '@[x" onmouseover="alert(1)](00000000-0000-0000-0000-000000000000)',
  "@[x](javascript:alert(1))",
  '@[x](00000000-0000-0000-0000-000000000000 "onclick=alert(1)")',
  // Headings, quotes, tables, HTML blocks
  "# <script>alert(1)</script>",
  "> <iframe src=javascript:alert(1)>",
  "| a |\n|---|\n| <script>alert(1)</script> |",
  "<div>\n\n[x](javascript:alert(1))\n\n</div>",
];

const ZERO = "00000000-0000-0000-0000-000000000000";

describe("message body", () => {
  it.each(PAYLOADS)("lets nothing dangerous through: %s", (payload) => {
    const html = render(payload);
    expect(violations(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|iframe|img|svg|object|embed|style|form|input|math|base|meta|link)\b/i);
    // Nor as the name of someone mentioned.
    const named = render(`@[x](${ZERO})`, { [ZERO]: payload });
    expect(violations(named)).toEqual([]);
    expect(named).not.toMatch(/<(script|iframe|img|svg|object|embed|style|form|input|math|base|meta|link)\b/i);
  });

  it("renders bold, italics, lists, paragraphs and line breaks", () => {
    expect(render("**bold** and _italic_")).toBe(
      '<div class="space-y-2 break-words [overflow-wrap:anywhere]"><p><strong>bold</strong> and <em>italic</em></p></div>',
    );
    const list = render("- one\n- two\n\n1. first\n2. second");
    expect(list).toContain('<ul class="list-disc pl-5">');
    expect(list).toContain("<li>one</li>");
    expect(list).toContain('<ol class="list-decimal pl-5">');
    expect(render("line one\nline two\n\nnext paragraph").replace(/\n/g, "")).toContain(
      "<p>line one<br/>line two</p><p>next paragraph</p>",
    );
  });

  it("keeps http, https and mailto links, opened safely in a new tab", () => {
    for (const url of ["https://example.com/a?b=c", "http://example.com", "mailto:dana@example.com"]) {
      expect(render(`[link](${url})`)).toContain(
        `<a href="${url.replace("&", "&amp;")}" rel="noopener noreferrer nofollow" target="_blank" class="font-medium text-brand-700 underline">link</a>`,
      );
    }
    expect(render("<https://example.com>")).toContain('href="https://example.com"');
    // A link whose URL is refused stays as its text.
    expect(render("[text](javascript:alert(1))")).toContain("<p>text</p>");
  });

  it("shows a mention as the highlighted current name of the person with that id, never the name typed into it", () => {
    const id = "3f0c5e7a-1b2c-4d5e-8f90-123456789abc";
    const highlighted = (name: string) => `<span class="rounded bg-brand-50 px-0.5 font-medium text-brand-800">@${name}</span>`;
    // Positive control: the name as written and the person's name agree.
    expect(render(`Thanks ${mentionToken("Dana Admin", id)}!`, { [id]: "Dana Admin" })).toContain(
      `<p>Thanks ${highlighted("Dana Admin")}!</p>`,
    );
    // Renamed since, or named otherwise by the author: the person's name is shown.
    const html = render(`Thanks ${mentionToken("The CEO", id)}!`, { [id]: "Dana Adler" });
    expect(html).toContain(`<p>Thanks ${highlighted("Dana Adler")}!</p>`);
    expect(html).not.toContain("The CEO");
    // The id decides, whatever its case in the token.
    expect(render(`${mentionToken("x", id.toUpperCase())}`, { [id]: "Dana Adler" })).toContain(highlighted("Dana Adler"));
    // A token naming nobody the message mentions is plain text, not a mention.
    expect(render(`Hi ${mentionToken("The CEO", id)}`, {})).toContain("<p>Hi @The CEO</p>");
    expect(render(`Hi ${mentionToken("The CEO", id)}`)).not.toContain("<span");
  });

  it("accepts only absolute http, https and mailto URLs", () => {
    expect(safeLinkUrl(" https://example.com ")).toBe("https://example.com");
    for (const url of ["javascript:alert(1)", "java\nscript:alert(1)", "data:text/html,x", "vbscript:x", "/x", "//x.example", "x"]) {
      expect(safeLinkUrl(url)).toBeNull();
    }
  });
});
