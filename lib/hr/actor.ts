import type { Ctx } from "@/lib/auth/viewer";
import { forbidden } from "@/lib/errors";
import { assertCan } from "@/lib/permissions";

/**
 * HR's forms and import act as the `hr` actor (on any group of the company, audited as HR), once `hr.forms`
 * allowed the person: HR staff and admins.
 */
export function asHrActor(ctx: Ctx): Ctx {
  assertCan(ctx, "hr.forms");
  if (ctx.actor && ctx.actor.kind !== "user") throw forbidden();
  return { ...ctx, actor: { kind: "hr" } };
}
