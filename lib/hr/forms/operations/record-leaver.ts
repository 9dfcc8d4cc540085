import { defineOperation } from "@/lib/operations/kernel";
import { deactivatePerson } from "@/lib/people/operations/deactivate-person";
import { asHrActor } from "@/lib/hr/actor";

/**
 * HR's "Leaver": the one deactivation operation, as the `hr` actor — sign-in ends, active groups are
 * left (archived ones keep their member lists), open assignments are waived, in one transaction.
 * Admins' accounts are refused here, as for every delegated actor (another admin deactivates them in People).
 */
export const recordLeaver = defineOperation({ ...deactivatePerson.spec, kind: "hr.leaver", actAs: asHrActor });
