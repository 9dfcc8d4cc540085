import "server-only";
import { sql } from "drizzle-orm";
import { isAdmin } from "@/lib/auth/viewer";
import { AppError, forbidden } from "@/lib/errors";
import { hasOwnerRights } from "@/lib/permissions";
import { messageChange } from "../message-change";
import { messageOperationSchema } from "../schemas";

/** Marks a question answered: by its asker, the group's owner or an admin. Marking again changes nothing. */
export const markAnswered = messageChange("chat.answered", messageOperationSchema, async ({ ctx, now }, message, group) => {
  if (message.kind !== "question") throw new AppError("chat_not_a_question");
  if (message.authorId !== ctx.userId && !hasOwnerRights(ctx, group) && !isAdmin(ctx)) throw forbidden();
  if (message.deleted) throw new AppError("chat_message_deleted");
  if (message.answered) return null;
  return sql`answered_at = ${now}, answered_by = ${ctx.userId}`;
});
