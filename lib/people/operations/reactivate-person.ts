import "server-only";
import { sql } from "drizzle-orm";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { defineOperation } from "@/lib/operations/kernel";
import { assertMayTouchAdmin } from "@/lib/permissions";
import { lockPeople } from "../lock";
import { personOperationSchema } from "../schemas";

/** Reactivation restores sign-in only: the groups the person left stay left. */
export const reactivatePerson = defineOperation({
  kind: "person.reactivate",
  permission: "people.deactivate",
  input: personOperationSchema,
  locks: lockPeople,
  run: async ({ tx, ctx, locked: person, audit }) => {
    if (!person.deactivatedAt) throw new AppError("not_deactivated", { name: person.name });
    if (person.roles.includes("admin")) assertMayTouchAdmin(ctx, person);
    await tx.execute(sql`update users set deactivated_at = null where id = ${person.id}`);
    // Sessions from before the deactivation stay ended: the person signs in afresh.
    await revokeUserSessions(tx, person.id);
    await audit({ action: "person.reactivated", targetType: "user", targetId: person.id });
    return { result: null };
  },
});
