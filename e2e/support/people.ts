import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import type { Role } from "@/db/schema";
import { DEMO_PASSWORD } from "@/scripts/seed/accounts";
import { hashPassword } from "@/lib/auth/password";
import { createPerson } from "@/tests/fixtures";
import { findUser } from "./data";
import type { Language } from "@/lib/i18n/catalogue";

let demoHash: Promise<string> | undefined;
/** The demo password's hash, computed once per worker: hashing is slow on purpose. */
export const demoPasswordHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD));

export type Person = Awaited<ReturnType<typeof newPerson>>;

/**
 * A person of the test's own in Acme (beside the seeded admins who manage them), with the demo
 * password and a name and email nobody else has: whatever the test does to them (notifications,
 * groups, a new password, a deactivation) touches no other spec.
 */
export async function newPerson(db: Database, name: string, options: { roles?: Role[]; departmentId?: string; locale?: Language } = {}) {
  const { companyId } = await findUser(db, "dana.admin@acme.example");
  const unique = `${name} ${randomUUID().slice(0, 6)}`;
  const email = `${unique.toLowerCase().replace(/\W+/g, ".")}@acme.example`;
  const person = await createPerson(db, companyId, { ...options, name: unique, email, passwordHash: await demoPasswordHash() });
  return { ...person, name: unique };
}
