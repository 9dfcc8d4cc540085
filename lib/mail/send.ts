import { env } from "@/base/env";
import { log } from "@/base/log";
import { mailTransport } from "./transport";

/** A composed message: both parts, so clients that show no HTML still get the whole content. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string };

/**
 * Sends after the work that caused the mail has committed (through `after()` in actions). A failure
 * is logged and never undoes that work: an invitation can be sent again, a reset link asked for again.
 * Resolves to the number of messages the server accepted.
 */
export async function sendMail(messages: readonly OutgoingMail[]): Promise<number> {
  let sent = 0;
  for (const message of messages) {
    try {
      await mailTransport().sendMail({ from: env().mail.from, ...message });
      sent++;
    } catch (error) {
      log.error("mail not sent", { subject: message.subject, error });
    }
  }
  return sent;
}
