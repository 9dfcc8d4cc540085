import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/operations/audit";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { once } from "@/lib/operations/legacy";
import type { UpdateProfileInput } from "./schemas";

/**
 * Saves the caller's own name, time zone and language. The viewer is read from the database on
 * every request, so dates and the interface follow the change from the next render on.
 */
export async function updateProfile(db: Database, ctx: Ctx, input: UpdateProfileInput): Promise<void> {
  await db.transaction(async (tx) => {
    await once(tx, ctx, { key: input.operationId, kind: "profile.update" }, async () => {
      const mine = and(eq(users.id, ctx.userId), eq(users.companyId, ctx.companyId));
      const [before] = await tx
        .select({ name: users.name, timeZone: users.timeZone, locale: users.locale })
        .from(users)
        .where(mine)
        .for("update");
      if (!before) throw notFound();
      const after = { name: input.name, timeZone: input.timeZone, locale: input.locale };
      const changes = Object.fromEntries(
        Object.entries(after)
          .filter(([key, value]) => before[key as keyof typeof before] !== value)
          .map(([key, value]) => [key, { from: before[key as keyof typeof before], to: value }]),
      );
      if (Object.keys(changes).length === 0) return null;
      await tx.update(users).set(after).where(mine);
      await recordAudit(tx, ctx, { action: "user.profile_updated", targetType: "user", targetId: ctx.userId, details: { changes } });
      return null;
    });
  });
}
