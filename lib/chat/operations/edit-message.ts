import "server-only";
import { sql } from "drizzle-orm";
import { uuidArray } from "@/db/sql";
import { AppError, forbidden } from "@/lib/errors";
import { mentionedReaders } from "../mentioned-readers";
import { messageChange } from "../message-change";
import { EDIT_WINDOW_MS, editMessageSchema } from "../schemas";

/** Edits one's own message within EDIT_WINDOW_MS of sending it; mentions are read again. */
export const editMessage = messageChange("chat.edit", editMessageSchema, async ({ tx, ctx, input, now }, message, group) => {
  if (message.authorId !== ctx.userId) throw forbidden();
  if (message.deleted) throw new AppError("chat_message_deleted");
  if (now.getTime() - message.createdAt.getTime() > EDIT_WINDOW_MS) throw new AppError("chat_edit_window_closed");
  const mentioned = await mentionedReaders(tx, ctx, group.id, input.body);
  if (message.kind === "praise") {
    await tx.execute(
      sql`update activity_events set payload = jsonb_set(payload, '{text}', to_jsonb(${mentioned.body}::text))
          where message_id = ${message.id} and company_id = ${ctx.companyId}`,
    );
  }
  return sql`body = ${input.body}, mentions = ${uuidArray(mentioned.ids)}, edited_at = ${now}`;
});
