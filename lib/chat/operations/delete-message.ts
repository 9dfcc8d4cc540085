import "server-only";
import { sql } from "drizzle-orm";
import { isAdmin } from "@/lib/auth/viewer";
import { forbidden } from "@/lib/errors";
import { messageChange } from "../message-change";
import { deleteMessageNotifications } from "../notify";
import { messageOperationSchema } from "../schemas";

/**
 * Deletes a message: one's own, or any as an admin. The text goes, "message deleted" stays in its
 * place (and its replies under it); praise leaves the feed with it, and the notifications quoting it
 * go. Deleting again changes nothing.
 */
export const deleteMessage = messageChange("chat.delete", messageOperationSchema, async ({ tx, ctx, now }, message) => {
  if (message.authorId !== ctx.userId && !isAdmin(ctx)) throw forbidden();
  if (message.deleted) return null;
  await tx.execute(sql`delete from activity_events where message_id = ${message.id} and company_id = ${ctx.companyId}`);
  await deleteMessageNotifications(tx, ctx, message.id);
  return sql`body = '', mentions = '{}'::uuid[], deleted_at = ${now}, deleted_by = ${ctx.userId}`;
});
