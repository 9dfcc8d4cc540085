import type { DatabaseOrTransaction } from "@/db/client";
import { auditLog } from "@/db/schema";
import { actorIdOf, type Ctx } from "@/lib/auth/viewer";

export type AuditEntry = {
  action: string;
  targetType: "group" | "user" | "department" | "course" | "import" | "api_key";
  targetId: string | null;
  details?: Record<string, unknown>;
  batchId?: string | null;
};

/** One row per operation, written in the operation's own transaction. */
export async function recordAudit(db: DatabaseOrTransaction, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    companyId: ctx.companyId,
    actorId: actorIdOf(ctx),
    actorKind: ctx.actor?.kind ?? "user",
    apiKeyId: ctx.actor?.kind === "api_key" ? ctx.actor.keyId : null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    batchId: entry.batchId ?? null,
  });
}
