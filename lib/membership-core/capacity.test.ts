import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formats } from "@/lib/i18n/formats";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import { placesRefusal } from "./capacity";

const english = createTranslator({ locale: "en", messages: en, formats, namespace: "errors" });
const german = createTranslator({ locale: "de", messages: de, formats, namespace: "errors" });

describe("a refusal for lack of places", () => {
  it("says how many places are left, and “full” only when none is", () => {
    expect(english("group_full", placesRefusal(3, 5, 12))).toBe("Only 2 places are left in this group; 12 people are selected.");
    expect(english("group_full", placesRefusal(4, 5, 2))).toBe("Only 1 place is left in this group; 2 people are selected.");
    expect(english("group_full", placesRefusal(5, 5, 1))).toBe("This group is full: all 5 places are taken; 1 person is selected.");
    expect(english("group_full", placesRefusal(1, 1, 3))).toBe("This group is full: its one place is taken; 3 people are selected.");
    expect(german("group_full", placesRefusal(3, 5, 12))).toBe(
      "In dieser Gruppe sind nur noch 2 Plätze frei; 12 Personen sind ausgewählt.",
    );
    expect(german("group_full", placesRefusal(5, 5, 1))).toBe("Diese Gruppe ist voll: alle 5 Plätze sind belegt; 1 Person ist ausgewählt.");
  });

  it("never counts below zero places when a group is over its maximum", () => {
    expect(placesRefusal(7, 5, 1)).toEqual({ left: 0, max: 5, selected: 1 });
  });

  it("words an import's refusal the same way, naming the group", () => {
    expect(english("import_group_full", { name: "Wave", ...placesRefusal(1, 2, 2) })).toBe(
      "Only 1 place is left in the group “Wave”; the file adds 2 people to it. Nothing was imported.",
    );
    expect(english("group_full_join", { max: 10 })).toBe("This group is full: all 10 places are taken.");
  });
});
