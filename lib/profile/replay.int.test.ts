import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, opId } from "@/tests/fixtures";
import { expectOneEffect } from "@/tests/replay";
import { updateProfileSchema } from "./schemas";
import { updateProfile } from "./operations/update-profile";

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the same operation id twice does the work once", () => {
  it("profile.update", () =>
    expectOneEffect({
      name: "profile.update",
      prepare: async () => {
        const person = await createPerson(handle.db, (await createCompany(handle.db, "Acme")).id, { name: "Before" });
        const input = updateProfileSchema.parse({ name: "After", timeZone: "Asia/Tokyo", locale: "de", operationId: opId() });
        return {
          call: () => updateProfile(handle.db, person, input),
          // Changed back elsewhere: a second run would save "After" again, with another audit row.
          disturb: async () => {
            await handle.db.update(users).set({ name: "Elsewhere" }).where(eq(users.id, person.id));
          },
          observe: async () => ({
            person: await handle.db.select({ name: users.name }).from(users).where(eq(users.id, person.id)),
            audit: await handle.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.targetId, person.id)),
          }),
        };
      },
    }));
});
