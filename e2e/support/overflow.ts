import type { Page } from "@playwright/test";

/**
 * What sticks out of a phone's screen on the page as it is, as lines "selector: left–right px (width)".
 *
 * An element's box may pass the viewport's left or right edge only inside a sideways scroller that
 * says so and shows it: an ancestor marked `data-scroll-cue` (components/ui/table-scroller.tsx) whose
 * computed `overflow-x` is `auto` or `scroll` and whose background paints the edge shadows (a gradient)
 * that tell there is more to the side. Content hidden from the eye (`sr-only`, clipped to nothing) does
 * not count. Only the outermost element of each sticking-out branch is named. Besides, `html`, `body`
 * and `main` may not hide what is too wide (`overflow-x: hidden` or `clip`): that cuts content off
 * instead of fitting it. One `evaluate`: the whole check runs in the page.
 */
export function overflowsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (element: Element) => {
      const chain: string[] = [];
      for (let node: Element | null = element; node && chain.length < 3 && node !== document.body; node = node.parentElement) {
        const testId = node.getAttribute("data-testid");
        const classes = [...node.classList].slice(0, 3).join(".");
        chain.unshift(
          node.id
            ? `${node.localName}#${node.id}`
            : testId
              ? `${node.localName}[data-testid=${testId}]`
              : `${node.localName}${classes ? `.${classes}` : ""}`,
        );
      }
      return chain.join(" > ");
    };
    const excused = (element: Element) => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.clipPath === "inset(50%)" || style.visibility === "hidden") return true;
        const scrolls = node !== element && (style.overflowX === "auto" || style.overflowX === "scroll");
        if (scrolls && node.hasAttribute("data-scroll-cue") && style.backgroundImage.includes("gradient")) return true;
      }
      return false;
    };
    const outside = new Set<Element>();
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right <= width + 0.5 && box.left >= -0.5) continue;
      if (!excused(element)) outside.add(element);
    }
    const found = [...outside]
      .filter((element) => !element.parentElement || !outside.has(element.parentElement))
      .map((element) => {
        const box = element.getBoundingClientRect();
        return `${describe(element)}: ${Math.round(box.left)}–${Math.round(box.right)} px (width ${Math.round(box.width)})`;
      });
    for (const element of [document.documentElement, document.body, ...document.querySelectorAll("main")]) {
      const overflow = getComputedStyle(element).overflowX;
      if (overflow === "hidden" || overflow === "clip") found.push(`${element.localName}: overflow-x ${overflow}`);
    }
    return found;
  });
}
