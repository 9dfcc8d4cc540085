import { setTimeout as sleep } from "node:timers/promises";

/** A message as MailDev's REST API returns it (the fields tests read). */
export type ReceivedMail = {
  id: string;
  /** Header names in lower case, e.g. `message-id`. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  to: { address: string; name: string }[];
  from: { address: string; name: string }[];
};

/**
 * Reads what arrived at a test tier's MailDev through its REST API. Tests running at once share
 * one MailDev, so every read is by recipient (each test writes to its own addresses).
 */
export function mailbox(apiUrl: string) {
  const to = async (address: string): Promise<ReceivedMail[]> => {
    const response = await fetch(`${apiUrl}/email`);
    if (!response.ok) throw new Error(`MailDev answered ${response.status}`);
    const all = (await response.json()) as ReceivedMail[];
    return all.filter((mail) => mail.to.some((recipient) => recipient.address.toLowerCase() === address.toLowerCase()));
  };

  /** Waits until `count` messages have arrived for `address` (mail leaves after the response), then returns them. */
  const waitFor = async (address: string, count = 1, timeoutMs = 10_000): Promise<ReceivedMail[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = await to(address);
      if (mails.length >= count) return mails;
      if (Date.now() > deadline) throw new Error(`${mails.length} of ${count} mail(s) for ${address} arrived within ${timeoutMs} ms`);
      await sleep(100);
    }
  };

  return { to, waitFor };
}

/** The set-password link in a message's plain-text part. */
export function linkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_%-]+/.exec(mail.text);
  if (!match) throw new Error(`no set-password link in "${mail.subject}"`);
  return match[0];
}

export const tokenIn = (mail: ReceivedMail) => new URL(linkIn(mail)).searchParams.get("token")!;
