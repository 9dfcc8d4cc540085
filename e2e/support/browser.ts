import { existsSync } from "node:fs";

/**
 * Debian's headless shell (`chromium-headless-shell`, what Playwright itself runs headless) when it is
 * installed: it renders the same pages as the full browser with about a third less CPU (no GPU process
 * compositing a window that nobody sees), which on two cores is time every other test waits for.
 * The full browser otherwise.
 */
const chromium = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((path) => existsSync(path));
export const launchOptions = {
  executablePath: chromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
