import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { searchMentionable } from "@/lib/chat/queries";
import { requireGroupAccess } from "@/lib/group-access/access";
import { listMembers } from "@/lib/membership/queries/members";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createGroup, createPerson, type TestPerson } from "@/tests/fixtures";
import { listPeople } from "./queries/directory";
import { searchPeople } from "./queries/search";

let handle: TestDatabase;
let admin: TestPerson;
let groupId: string;

// Emails that share nothing with the names: what is found here is found by the name.
beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await createCompany(handle.db, "Acme");
  admin = await createPerson(handle.db, acme.id, { roles: ["admin"], name: "Dana Admin", email: "da@acme.example" });
  const jonas = await createPerson(handle.db, acme.id, { name: "Jonas Müller", email: "p1@acme.example" });
  const kai = await createPerson(handle.db, acme.id, { name: "Kai Strauß", email: "p2@acme.example" });
  const zoe = await createPerson(handle.db, acme.id, { name: "Zoë Gößling", email: "p3@acme.example" });
  await createPerson(handle.db, acme.id, { name: "Renée Ørsted", email: "p4@acme.example" });
  await createPerson(handle.db, acme.id, { name: "Lena Learner", email: "p5@acme.example" });
  groupId = (await createGroup(handle.db, admin, { name: "Wave", members: [jonas, kai, zoe] })).id;
});
afterAll(() => handle.close());

const names = (rows: readonly { name: string }[]) => rows.map((row) => row.name);

describe("names as people search them (fold_name)", () => {
  it("drops accents, folds the German letters and their transliterations alike", async () => {
    const folded = await queryRows<{ f: string }>(
      handle.db,
      sql`select fold_name(n) as f from unnest(array['Jonas Müller', 'MUELLER', 'Kai Strauß', 'Zoë Gößling', 'Renée Ørsted', 'Łukasz Żak']) n`,
    );
    expect(folded.map((row) => row.f)).toEqual(["jonas muller", "muller", "kai strauss", "zo gossling", "renee orsted", "lukasz zak"]);
  });

  it("finds Müller as müller, mueller and muller in the directory, the autocomplete, the mention picker and the members list", async () => {
    for (const term of ["müller", "Mueller", "muller", "MÜLL"]) {
      expect(names((await listPeople(handle.db, admin, { q: term })).rows), term).toEqual(["Jonas Müller"]);
      expect(names(await searchPeople(handle.db, admin, { term })), term).toContain("Jonas Müller");
      expect(names(await searchMentionable(handle.db, admin, groupId, term)), term).toEqual(["Jonas Müller"]);
      const access = await requireGroupAccess(handle.db, admin, groupId);
      expect(names((await listMembers(handle.db, admin, access, { search: term })).rows), term).toEqual(["Jonas Müller"]);
    }
  });

  it("meets ß and ss, and accents on both sides, from one character on", async () => {
    expect(names((await listPeople(handle.db, admin, { q: "strauss" })).rows)).toEqual(["Kai Strauß"]);
    expect(names((await listPeople(handle.db, admin, { q: "STRAUß" })).rows)).toEqual(["Kai Strauß"]);
    expect(names((await listPeople(handle.db, admin, { q: "zoe" })).rows)).toEqual(["Zoë Gößling"]);
    expect(names((await listPeople(handle.db, admin, { q: "goessling" })).rows)).toEqual(["Zoë Gößling"]);
    expect(names((await listPeople(handle.db, admin, { q: "renee orsted" })).rows)).toEqual(["Renée Ørsted"]);
    expect(names((await listPeople(handle.db, admin, { q: "ø" })).rows)).toEqual(["Renée Ørsted"]);
    expect(names(await searchPeople(handle.db, admin, { term: "gö" }))).toEqual(["Zoë Gößling"]);
    expect(names(await searchPeople(handle.db, admin, { term: "gossling" }))).toContain("Zoë Gößling");
  });
});
