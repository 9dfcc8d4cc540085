import { describe, expect, it } from "vitest";
import { accountLinkMail, assignmentMail, type Recipient } from "./templates";

const recipient = (locale: string): Recipient => ({ name: "Jonas Müller", email: "jonas@example.com", locale, timeZone: "Europe/Berlin" });

const assignment = (locale: string) =>
  assignmentMail({
    kind: "reminder",
    recipient: recipient(locale),
    company: "Acme",
    courseTitle: "Datenschutz",
    dueOn: "2026-12-31",
    days: 3,
    link: "https://cohort.example/courses/1",
  });

describe("mails in the recipient's language", () => {
  it("writes a German recipient's reminder in German, with the German long date, under lang=de", async () => {
    const mail = await assignment("de-AT");
    expect(mail.subject).toBe("Erinnerung: „Datenschutz“ ist in 3 Tagen fällig");
    expect(mail.text).toContain("Hallo Jonas Müller,");
    expect(mail.text).toContain("31. Dezember 2026");
    expect(mail.html).toContain('<html lang="de">');
  });

  it("writes English sentences, with the locale's own dates, where we have no catalogue for the language", async () => {
    const mail = await assignment("fr");
    expect(mail.subject).toBe("Reminder: “Datenschutz” is due in 3 days");
    expect(mail.text).toContain("31 décembre 2026");
    expect(mail.html).toContain('<html lang="en">');
  });

  it("sends an invitation in German, its expiry in the recipient's zone", async () => {
    const mail = await accountLinkMail({
      kind: "invitation",
      recipient: recipient("de"),
      company: "Acme",
      inviter: "Dana",
      link: "https://cohort.example/set-password?token=x",
      expiresAt: new Date("2026-12-10T23:30:00Z"),
    });
    expect(mail.text).toContain("11. Dezember 2026 um 00:30");
    expect(mail.text).not.toMatch(/\b(the|your|and)\b/);
  });
});
