import { createTranslator } from "next-intl";
import { formatLocale, loadMessages, textLanguage } from "@/lib/i18n/catalogue";
import { calendarDay, formats } from "@/lib/i18n/formats";
import type { OutgoingMail } from "./send";

/** Who a message goes to, in their own language and time zone (the company's defaults when unset). */
export type Recipient = { name: string; email: string; locale: string; timeZone: string };

export type AccountLinkMail = {
  kind: "invitation" | "passwordReset";
  recipient: Recipient;
  company: string;
  /** Who sent the invitation; unused for a reset. */
  inviter?: string;
  link: string;
  expiresAt: Date;
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A message's parts: paragraphs, one button (with its address written out below it), notes, footer. */
type Layout = { paragraphs: string[]; action: { label: string; href: string }; fallback: string; notes: string[]; footer: string };

/** Every mail's shape, as plain text and as HTML with all values escaped. */
function layout(language: string, parts: Layout): { text: string; html: string } {
  const { paragraphs, action, fallback, notes, footer } = parts;
  const text = [...paragraphs, `${action.label}: ${action.href}`, ...notes, "--", footer].join("\n\n");
  const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value)}</p>`;
  const href = escapeHtml(action.href);
  const html = `<!doctype html>
<html lang="${escapeHtml(language)}"><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
${paragraphs.map(p).join("\n")}
<p style="margin:24px 0"><a href="${href}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>
${p(fallback)}<p style="margin:0 0 16px;word-break:break-all"><a href="${href}">${href}</a></p>
${notes.map(p).join("")}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0"><p style="font-size:12px;color:#475569">${escapeHtml(footer)}</p>
</body></html>`;
  return { text, html };
}

/** The `mail` sentences in the recipient's language, dates and numbers in their locale and zone. */
async function mailTranslator(recipient: Recipient) {
  const locale = formatLocale(recipient.locale);
  return createTranslator({ locale, timeZone: recipient.timeZone, messages: await loadMessages(locale), formats, namespace: "mail" });
}

/** A one-time link email (invitation or password reset), in the recipient's language, as HTML and plain text. */
export async function accountLinkMail(mail: AccountLinkMail): Promise<OutgoingMail> {
  const t = await mailTranslator(mail.recipient);
  const values = { name: mail.recipient.name, company: mail.company, inviter: mail.inviter ?? "" };
  const paragraphs = [t(`${mail.kind}.greeting`, values), t(`${mail.kind}.body`, values)];
  const action = t(`${mail.kind}.action`);
  const expiry = t("expiry", { expiresAt: mail.expiresAt, timeZone: mail.recipient.timeZone });
  const ignore = t(`${mail.kind}.ignore`);
  const footer = t("footer", { company: mail.company });

  const { text, html } = layout(textLanguage(mail.recipient.locale), {
    paragraphs,
    action: { label: action, href: mail.link },
    fallback: t("linkFallback"),
    notes: [expiry, ignore],
    footer,
  });
  return { to: mail.recipient.email, subject: t(`${mail.kind}.subject`, values), text, html };
}

/** The mails about a mandatory course, queued in the outbox (`lib/outbox/`). */
export type AssignmentMailKind = "assigned" | "reminder" | "overdue";

export type AssignmentMail = {
  kind: AssignmentMailKind;
  recipient: Recipient;
  company: string;
  courseTitle: string;
  /** The deadline date (YYYY-MM-DD); it ends at 23:59 in the recipient's time zone. */
  dueOn: string;
  /** Days until the deadline (reminder) or since it (overdue). */
  days: number;
  /** Who assigned it (assigned only). */
  actorName?: string;
  link: string;
};

/** A mandatory-course mail, in the recipient's language, as HTML and plain text. */
export async function assignmentMail(mail: AssignmentMail): Promise<OutgoingMail> {
  const t = await mailTranslator(mail.recipient);
  const values = {
    name: mail.recipient.name,
    company: mail.company,
    course: mail.courseTitle,
    actor: mail.actorName ?? "",
    days: mail.days,
    dueOn: calendarDay(mail.dueOn),
  };
  const { text, html } = layout(textLanguage(mail.recipient.locale), {
    paragraphs: [t("assignment.greeting", values), t(`assignment.${mail.kind}.body`, values)],
    action: { label: t("assignment.action"), href: mail.link },
    fallback: t("linkFallback"),
    notes: [t("assignment.deadline", values)],
    footer: t("footer", { company: mail.company }),
  });
  return { to: mail.recipient.email, subject: t(`assignment.${mail.kind}.subject`, values), text, html };
}
