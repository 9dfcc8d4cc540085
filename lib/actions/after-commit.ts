import { after } from "next/server";
import { deliverOutboxSoon } from "@/lib/outbox/deliver";
import { type OutgoingMail, sendMail } from "@/lib/mail/send";
import type { Delivery } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";

export type Schedule = (task: () => Promise<unknown>) => void;

/**
 * Hands what a committed operation leaves behind (live events, closed connections, composed mail, queued
 * outbox mail) to `schedule`: Next's `after()` inside a request, so the response does not wait for it.
 */
export function afterCommit(
  { mail, outbox, ...delivery }: Delivery & { mail?: readonly OutgoingMail[] },
  schedule: Schedule = (task) => after(task),
): void {
  if (delivery.events?.length || delivery.disconnectUsers?.length) schedule(() => deliver(delivery));
  if (mail?.length) schedule(() => sendMail(mail));
  if (outbox) schedule(() => deliverOutboxSoon());
}
