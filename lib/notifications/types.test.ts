import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { NotificationPayloads, NotificationType } from "./types";

/**
 * One payload of every notification type, typed by `NotificationPayloads`: a type added without a
 * sample fails to compile, and every sample is rendered by every catalogue, so a sentence naming a
 * field the payload lacks (or a type without a sentence) fails here rather than in someone's bell.
 */
const samples: { [T in NotificationType]: NotificationPayloads[T] } = {
  "group.added": { groupName: "Onboarding", actorName: "Dana" },
  "group.removed": { groupName: "Onboarding", actorName: "Dana" },
  "group.moved": { fromGroupName: "Wave 1", groupName: "Wave 2", actorName: "Dana" },
  "group.ownershipTaken": { groupName: "Board", actorName: "Dana" },
  "chat.mention": { groupName: "Onboarding", authorName: "Lena", excerpt: "Hello", messageId: "m" },
  "chat.answer": { groupName: "Onboarding", authorName: "Lena", excerpt: "Hello", messageId: "m" },
  "chat.question": { groupName: "Onboarding", authorName: "Lena", excerpt: "Hello", messageId: "m" },
  "chat.praise": { groupName: "Onboarding", authorName: "Lena", excerpt: "Hello", messageId: "m" },
  "assignment.assigned": { courseTitle: "Security", courseId: "c", dueOn: "2026-12-31", actorName: "Dana" },
  "assignment.reminder": { courseTitle: "Security", courseId: "c", dueOn: "2026-12-31", days: 3 },
  "assignment.overdue": { courseTitle: "Security", courseId: "c", dueOn: "2026-12-31", days: 2 },
  "hr.welcome": { groups: "“Wave 1”", groupCount: 1, courses: "“Security”", courseCount: 1 },
};

const messagesDir = path.join(import.meta.dirname, "../i18n/messages");
const locales = readdirSync(messagesDir).map((file) => file.replace(/\.json$/, ""));

describe.each(locales)("every notification type reads in %s", (locale) => {
  const messages = JSON.parse(readFileSync(path.join(messagesDir, `${locale}.json`), "utf8"));
  const t = createTranslator({
    locale,
    messages,
    namespace: "notifications",
    onError: (error) => {
      throw error;
    },
  });

  it.each(Object.entries(samples))("%s", (type, payload) => {
    const text = t(`types.${type}` as never, payload as never);
    expect(text).not.toMatch(/[{}]/);
    // Every string of the payload a person should read shows up in the sentence.
    for (const [field, value] of Object.entries(payload)) {
      if (typeof value === "string" && !["messageId", "courseId", "dueOn"].includes(field)) expect(text).toContain(value);
    }
  });
});
