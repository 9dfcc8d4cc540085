import "server-only";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { type Committed, defineOperation } from "@/lib/operations/kernel";
import { updateProfileSchema } from "../schemas";

/**
 * Saves the caller's own name, time zone and language. The viewer is read from the database on
 * every request, so dates and the interface follow the change from the next render on. Saving what
 * is already there writes nothing, not even an audit row.
 */
export const updateProfile = defineOperation({
  kind: "profile.update",
  permission: "profile.edit",
  input: updateProfileSchema,
  run: async ({ tx, ctx, input, audit }): Promise<Committed<null>> => {
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
    if (Object.keys(changes).length === 0) return { result: null };
    await tx.update(users).set(after).where(mine);
    await audit({ action: "user.profile_updated", targetType: "user", targetId: ctx.userId, details: { changes } });
    return { result: null };
  },
});
