import { describe, expect, it } from "vitest";
import { formatLocale, loadMessages } from "./catalogue";

describe("locale choice", () => {
  it("keeps a valid tag and falls back to English otherwise", () => {
    expect(formatLocale("de")).toBe("de");
    expect(formatLocale("de-de")).toBe("de-DE");
    expect(formatLocale(undefined)).toBe("en");
    expect(formatLocale("not a locale!")).toBe("en");
  });

  it("shows English sentences for a language without its own catalogue", async () => {
    expect((await loadMessages("de")).nav.home).toBe("Home");
  });
});
