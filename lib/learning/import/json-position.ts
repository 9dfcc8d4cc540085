/**
 * Where JSON.parse gave up, as an index into `text`. Engines disagree on whether their message says
 * (Node 20 sometimes names only the token), so the text is scanned again by the JSON grammar; this
 * runs only after JSON.parse has failed, so it needs to be right about the first error, not fast.
 */
export function jsonErrorIndex(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[i] !== char) fail();
      i++;
    }
  };
  const digits = (required: boolean) => {
    const start = i;
    while (i < text.length && text[i]! >= "0" && text[i]! <= "9") i++;
    if (required && i === start) fail();
  };
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits(true);
    if (text[i] === ".") {
      i++;
      digits(true);
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits(true);
    }
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const char = text[i]!;
      if (char === '"') return void i++;
      if (char < " ") fail();
      if (char !== "\\") {
        i++;
        continue;
      }
      i++;
      if (text[i] === "u") {
        i++;
        for (let n = 0; n < 4; n++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail();
      } else if ('"\\/bfnrt'.includes(text[i] ?? "x")) i++;
      else fail();
    }
  };
  const member = () => {
    string();
    space();
    if (text[i] !== ":") fail();
    i++;
  };
  /**
   * One value and everything nested in it. The lists still open are a stack of their closing
   * characters rather than calls, so text nested 100,000 deep is scanned like any other (a recursive
   * scan overflowed the stack, and the import answered with a 500).
   */
  const value = (): void => {
    const open: ("]" | "}")[] = [];
    for (;;) {
      space();
      const char = text[i];
      if (char === "{" || char === "[") {
        i++;
        space();
        const close = char === "{" ? "}" : "]";
        if (text[i] !== close) {
          open.push(close);
          if (close === "}") member();
          continue;
        }
        i++;
      } else if (char === '"') string();
      else if (char === "t") literal("true");
      else if (char === "f") literal("false");
      else if (char === "n") literal("null");
      else if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) number();
      else fail();
      // The value is complete: close the lists it ends, or go on to the next item of the innermost.
      for (;;) {
        const close = open.at(-1);
        if (close === undefined) return;
        space();
        if (text[i] === close) {
          i++;
          open.pop();
          continue;
        }
        if (text[i] !== ",") fail();
        i++;
        space();
        if (close === "}") member();
        break;
      }
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (index) {
    if (typeof index === "number") return Math.min(index, text.length);
    throw index;
  }
  return text.length;
}

/** 1-based line and column of an index, as editors count them. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: index - lineStart + 1 };
}
