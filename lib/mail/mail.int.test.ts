import { describe, expect, it } from "vitest";
import { mailbox } from "@/tests/mailbox";
import { testPorts } from "@/tests/ports";
import { sendMail } from "./send";
import { accountLinkMail } from "./templates";

const inbox = mailbox(`http://127.0.0.1:${testPorts.integrationMailWeb}/api`);
const recipient = (email: string) => ({ name: "Zoë <Tester>", email, locale: "en-GB", timeZone: "Asia/Tokyo" });

describe("mail", () => {
  it("arrives over SMTP with an HTML and a plain-text part, in the recipient's time zone, values escaped", async () => {
    const email = `mail-${Date.now()}@acme.example`;
    const message = await accountLinkMail({
      kind: "passwordReset",
      recipient: recipient(email),
      company: "Acme & Co",
      link: "http://cohort.test/set-password?token=abc",
      expiresAt: new Date("2026-03-01T23:30:00Z"),
    });
    expect(await sendMail([message])).toBe(1);
    const [mail] = await inbox.waitFor(email);
    expect(mail!.subject).toBe("Choose a new password for Cohort");
    expect(mail!.from[0]!.address).toBe("no-reply@cohort.localhost");
    expect(mail!.text).toContain("Hello Zoë <Tester>,");
    expect(mail!.text).toContain("Choose a new password: http://cohort.test/set-password?token=abc");
    // 23:30 UTC is the next morning in Tokyo.
    expect(mail!.text).toContain("2 March 2026 at 08:30 (Asia/Tokyo)");
    expect(mail!.html).toContain("Hello Zoë &#60;Tester&#62;,");
    expect(mail!.html).toContain("Acme &#38; Co");
    expect(mail!.html).not.toContain("<Tester>");
  });

  it("logs a message the server refuses and goes on with the others, never throwing", async () => {
    const email = `after-refusal-${Date.now()}@acme.example`;
    const good = { to: email, subject: "Still sent", text: "text", html: "<p>html</p>" };
    expect(await sendMail([{ ...good, to: "" }, good])).toBe(1);
    expect((await inbox.waitFor(email)).map((mail) => mail.subject)).toEqual(["Still sent"]);
  });
});
