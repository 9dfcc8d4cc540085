import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { deactivatePerson } from "@/lib/people/service";
import { asHrActor } from "./groups";
import type { LeaverInput } from "./schemas";

/**
 * HR's "Leaver": the one deactivation service, as the `hr` actor — sign-in ends, active groups are
 * left (archived ones keep their member lists), open assignments are waived, in one transaction.
 * Admins' accounts are refused here, as for every delegated actor (another admin deactivates them in People).
 */
export function recordLeaver(db: Database, viewer: Ctx, input: LeaverInput): ReturnType<typeof deactivatePerson> {
  return deactivatePerson(db, asHrActor(viewer), input);
}
