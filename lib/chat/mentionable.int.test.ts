import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { searchMentionable } from "./queries";

let handle: TestDatabase;
let admin: TestPerson;
let groupId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin", email: "da@acme.example" });
  const people = await Promise.all(
    ["Elena Alvarez", "Lena Learner", "Magdalena Lenz", "Lena", "Helena Lenard"].map((name, i) =>
      createPerson(handle.db, acme.id, { name, email: `m${i}@acme.example` }),
    ),
  );
  groupId = (await createGroup(handle.db, admin, { name: "Wave", members: people })).id;
});
afterAll(() => handle.close());

describe("the people a message can name", () => {
  it("come best match first: the whole name, its start, another word's start, inside; then by name", async () => {
    const found = await searchMentionable(handle.db, admin, groupId, "lena");
    expect(found.map((person) => [person.name, person.match])).toEqual([
      ["Lena", 0],
      ["Lena Learner", 1],
      ["Helena Lenard", 2],
      ["Elena Alvarez", 3],
      ["Magdalena Lenz", 3],
    ]);
    // A word's start ranks above a match inside a word.
    expect((await searchMentionable(handle.db, admin, groupId, "lenz")).map((person) => [person.name, person.match])).toEqual([
      ["Magdalena Lenz", 2],
    ]);
  });
});
