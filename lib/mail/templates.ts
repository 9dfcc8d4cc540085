import { createTranslator } from "next-intl";
import { formatLocale, loadMessages } from "@/lib/i18n/catalogue";
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

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A one-time link email (invitation or password reset), in the recipient's language, as HTML and plain text. */
export async function accountLinkMail(mail: AccountLinkMail): Promise<OutgoingMail> {
  const locale = formatLocale(mail.recipient.locale);
  const t = createTranslator({
    locale,
    timeZone: mail.recipient.timeZone,
    messages: await loadMessages(locale),
    namespace: "mail",
  });
  const values = { name: mail.recipient.name, company: mail.company, inviter: mail.inviter ?? "" };
  const paragraphs = [
    t(`${mail.kind}.greeting`, values),
    t(`${mail.kind}.body`, values),
  ];
  const action = t(`${mail.kind}.action`);
  const expiry = t("expiry", { expiresAt: mail.expiresAt, timeZone: mail.recipient.timeZone });
  const ignore = t(`${mail.kind}.ignore`);
  const footer = t("footer", { company: mail.company });

  const text = [...paragraphs, `${action}: ${mail.link}`, expiry, ignore, "--", footer].join("\n\n");
  const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value)}</p>`;
  const href = escapeHtml(mail.link);
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
${paragraphs.map(p).join("\n")}
<p style="margin:24px 0"><a href="${href}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(action)}</a></p>
${p(t("linkFallback"))}<p style="margin:0 0 16px;word-break:break-all"><a href="${href}">${href}</a></p>
${p(expiry)}${p(ignore)}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0"><p style="font-size:12px;color:#475569">${escapeHtml(footer)}</p>
</body></html>`;
  return { to: mail.recipient.email, subject: t(`${mail.kind}.subject`, values), text, html };
}
