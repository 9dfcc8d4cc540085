import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "@/db/client";
import { apiKeys, auditLog, companyDomains, groupMembers, users } from "@/db/schema";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import { revokeApiKey } from "@/lib/hr/api-keys/operations/revoke-api-key";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createCourse, createDepartment, createGroup, createPerson, opId, type TestPerson } from "@/tests/fixtures";
import { handleApiRequest, type ApiOptions } from "./handler";
import { openApiDocument } from "./openapi";
import { API_ROUTES } from "./registry";

type Reply = { status: number; body: Record<string, unknown>; headers: Headers };

/** Calls the route handler as Next would, with a real Request; deliveries are dropped (nothing listens). */
export async function callApi(
  db: Database,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; idempotencyKey?: string | null; language?: string; api?: ApiOptions } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.language) headers["accept-language"] = options.language;
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (method !== "GET" && options.idempotencyKey !== null) headers["idempotency-key"] = options.idempotencyKey ?? randomUUID();
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://cohort.test/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await handleApiRequest(request, { db, schedule: () => undefined, ...options.api });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe("HR integration API", () => {
  let handle: TestDatabase;
  let db: Database;
  let admin: TestPerson;
  let writeKey: string;
  let readKey: string;
  let revokedKey: string;
  let otherKey: string;
  let departmentId: string;
  let groupId: string;
  let courseGroupId: string;
  let foreign: { personId: string; groupId: string; departmentId: string };

  const newKey = async (owner: TestPerson, scope: "read" | "write") =>
    (await createApiKey(db, owner, { name: `key ${scope}`, scope, operationId: opId() })).result.secret!;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    const company = await createCompany(db, "Acme");
    admin = await createPerson(db, company.id, { roles: ["admin"], name: "Ada Admin" });
    departmentId = (await createDepartment(db, company.id, "Sales")).id;
    const course = await createCourse(db, company.id);
    groupId = (await createGroup(db, admin, { name: "Wave 1" })).id;
    courseGroupId = (await createGroup(db, admin, { name: "Wave 2", courseId: course.id })).id;
    writeKey = await newKey(admin, "write");
    readKey = await newKey(admin, "read");
    revokedKey = await newKey(admin, "write");
    const keys = await db.select({ id: apiKeys.id, prefix: apiKeys.prefix }).from(apiKeys);
    const toRevoke = keys.find((key) => revokedKey.startsWith(key.prefix))!;
    await revokeApiKey(db, admin, { keyId: toRevoke.id, operationId: opId() });

    const other = await createCompany(db, "Globex");
    const otherAdmin = await createPerson(db, other.id, { roles: ["admin"] });
    otherKey = await newKey(otherAdmin, "write");
    foreign = {
      personId: (await createPerson(db, other.id)).id,
      groupId: (await createGroup(db, otherAdmin)).id,
      departmentId: (await createDepartment(db, other.id, "Foreign")).id,
    };
  });
  afterAll(async () => handle.close());

  /** One call per endpoint, with ids that exist for the calling company. */
  const everyEndpoint = () =>
    API_ROUTES.map((route) => {
      const path = route.path.replace("{id}", route.path.startsWith("/people") ? admin.id : courseGroupId);
      const body = route.scope === "write" ? (route.path.includes("members") ? { userIds: [admin.id] } : {}) : undefined;
      return { route, path, body };
    });

  describe("authorization", () => {
    it("refuses every endpoint without a key, with a malformed key, an unknown key or a revoked key", async () => {
      for (const { route, path, body } of everyEndpoint()) {
        for (const key of [null, "not-a-key", `chk_${"A".repeat(43)}`, revokedKey]) {
          const reply = await callApi(db, route.method, path, { key, body });
          expect(reply.status, `${route.method} ${route.path} with ${key}`).toBe(401);
          expect(reply.headers.get("content-type")).toBe("application/problem+json");
        }
      }
      const revoked = await callApi(db, "GET", "/groups", { key: revokedKey });
      expect(revoked.body.code).toBe("revokedKey");
    });

    it("answers problems in the language the request asks for, English otherwise", async () => {
      const german = await callApi(db, "POST", "/people", { key: readKey, body: {}, language: "de-DE,de;q=0.9,en;q=0.8" });
      expect(german.body).toMatchObject({ status: 403, code: "readOnlyKey", title: "Zugriff verweigert" });
      expect(german.body.detail).toMatch(/^Dieser API-Schlüssel/);
      const french = await callApi(db, "POST", "/people", { key: readKey, body: {}, language: "fr-FR" });
      expect(french.body).toMatchObject({ code: "readOnlyKey", title: "Forbidden" });
    });

    it("refuses writes to a read key with 403, changing nothing", async () => {
      for (const { route, path, body } of everyEndpoint().filter(({ route }) => route.scope === "write")) {
        const reply = await callApi(db, route.method, path, { key: readKey, body });
        expect(reply.status, `${route.method} ${route.path}`).toBe(403);
        expect(reply.body).toMatchObject({ status: 403, code: "readOnlyKey", title: "Forbidden" });
      }
      expect(await db.$count(groupMembers, eq(groupMembers.userId, admin.id))).toBe(0);
    });

    it("answers another company's ids as not found, and changes nothing there", async () => {
      const before = await db.$count(groupMembers, eq(groupMembers.groupId, foreign.groupId));
      const calls: [string, string, unknown][] = [
        ["GET", `/groups/${foreign.groupId}`, undefined],
        ["GET", `/groups/${foreign.groupId}/statistics`, undefined],
        ["POST", `/groups/${foreign.groupId}/members`, { userIds: [admin.id] }],
        ["POST", `/groups/${foreign.groupId}/members/remove`, { userIds: [foreign.personId] }],
        ["PATCH", `/people/${foreign.personId}`, { departmentId }],
        ["POST", `/people/${foreign.personId}/deactivate`, {}],
        ["GET", `/groups/not-a-uuid`, undefined],
      ];
      for (const [method, path, body] of calls) {
        const reply = await callApi(db, method, path, { key: writeKey, body });
        expect(reply.status, `${method} ${path}`).toBe(404);
        expect(reply.body.code).toBe("not_found");
      }
      expect(await db.$count(groupMembers, eq(groupMembers.groupId, foreign.groupId))).toBe(before);
      const [person] = await db.select().from(users).where(eq(users.id, foreign.personId));
      expect(person!.deactivatedAt).toBeNull();
      // Their people are not added either: their ids are counted as unknown.
      const added = await callApi(db, "POST", `/groups/${groupId}/members`, { key: writeKey, body: { userIds: [foreign.personId] } });
      expect(added.body).toEqual({ added: 0, alreadyMembers: 0, deactivated: 0, unknown: 1 });
      // Lists show only the key's company.
      const people = await callApi(db, "GET", "/people?limit=100", { key: otherKey });
      expect((people.body.data as { id: string }[]).map((row) => row.id)).not.toContain(admin.id);
    });

    it("stops a key whose creator is no longer an active admin", async () => {
      const company = await createCompany(db, "Initech");
      const owner = await createPerson(db, company.id, { roles: ["admin"] });
      const key = await newKey(owner, "read");
      expect((await callApi(db, "GET", "/groups", { key })).status).toBe(200);
      await db.update(users).set({ roles: [] }).where(eq(users.id, owner.id));
      const reply = await callApi(db, "GET", "/groups", { key });
      expect(reply.status).toBe(401);
      expect(reply.body.code).toBe("ownerInactive");
    });

    it("answers an unknown path 404 and another method 405 with Allow", async () => {
      expect((await callApi(db, "GET", "/nothing", { key: readKey })).status).toBe(404);
      const reply = await callApi(db, "DELETE", "/groups", { key: writeKey });
      expect(reply.status).toBe(405);
      expect(reply.headers.get("allow")).toBe("GET");
    });
  });

  describe("people", () => {
    it("creates a person through the invitation, with a manager, audited as the key", async () => {
      const email = `new.hire.${randomUUID().slice(0, 6)}@acme.example`;
      const reply = await callApi(db, "POST", "/people", {
        key: writeKey,
        body: { name: "New Hire", email: email.toUpperCase(), departmentId, managerId: admin.id },
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ name: "New Hire", email, status: "invited", departmentId, managerId: admin.id });
      const [audit] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "person.invited"), eq(auditLog.targetId, reply.body.id as string)));
      const [key] = await db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(eq(apiKeys.prefix, writeKey.slice(0, 10)));
      expect(audit).toMatchObject({ actorKind: "api_key", apiKeyId: key!.id, actorId: admin.id });
      const token = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from account_tokens where user_id = ${reply.body.id as string} and purpose = 'invitation'`,
      );
      expect(token[0]!.n).toBe(1);
    });

    it("reports invalid fields with JSON pointers and the forms' sentences, creating nobody", async () => {
      const count = await db.$count(users);
      const reply = await callApi(db, "POST", "/people", { key: writeKey, body: { name: "", email: "nope", managerId: "x" } });
      expect(reply.status).toBe(422);
      expect(reply.headers.get("content-type")).toBe("application/problem+json");
      expect(reply.body.errors).toEqual(
        expect.arrayContaining([
          { pointer: "/name", detail: "Enter the person's name." },
          { pointer: "/email", detail: "Enter an email address such as name@company.com." },
          expect.objectContaining({ pointer: "/managerId" }),
        ]),
      );
      const foreignDepartment = await callApi(db, "POST", "/people", {
        key: writeKey,
        body: { name: "X", email: `x.${randomUUID()}@acme.example`, departmentId: foreign.departmentId },
      });
      expect(foreignDepartment.status).toBe(422);
      expect(foreignDepartment.body.errors).toEqual([
        { pointer: "/departmentId", detail: "This department no longer exists. Choose another one." },
      ]);
      const foreignManager = await callApi(db, "POST", "/people", {
        key: writeKey,
        body: { name: "X", email: `x.${randomUUID()}@acme.example`, managerId: foreign.personId },
      });
      expect(foreignManager.status).toBe(422);
      expect(foreignManager.body.errors).toEqual([expect.objectContaining({ pointer: "/managerId" })]);
      const taken = await callApi(db, "POST", "/people", { key: writeKey, body: { name: "X", email: admin.email } });
      expect(taken.body).toMatchObject({
        status: 422,
        errors: [{ pointer: "/email", detail: "This email cannot be used. Enter another address." }],
      });
      expect(await db.$count(users)).toBe(count);
    });

    it("changes a person's department and manager, and deactivates a leaver out of their groups", async () => {
      const company = admin.companyId;
      const person = await createPerson(db, company, { name: "Leaver" });
      const group = await createGroup(db, admin, { members: [person] });
      const moved = await callApi(db, "PATCH", `/people/${person.id}`, { key: writeKey, body: { departmentId, managerId: admin.id } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: person.id, departmentId, managerId: admin.id });
      const cleared = await callApi(db, "PATCH", `/people/${person.id}`, { key: writeKey, body: { managerId: null } });
      expect(cleared.body).toMatchObject({ departmentId, managerId: null });
      const left = await callApi(db, "POST", `/people/${person.id}/deactivate`, { key: writeKey });
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ groupsLeft: 1, person: { id: person.id, status: "deactivated" } });
      expect(await db.$count(groupMembers, eq(groupMembers.groupId, group.id))).toBe(0);
      const again = await callApi(db, "POST", `/people/${person.id}/deactivate`, { key: writeKey });
      expect(again).toMatchObject({ status: 409, body: { code: "already_deactivated" } });
      const self = await callApi(db, "POST", `/people/${admin.id}/deactivate`, { key: writeKey });
      expect(self.body.code).toBe("deactivate_self");
    });

    it("never deactivates an admin with a key, as HR's Leaver form refuses (issue 17)", async () => {
      const otherAdmin = await createPerson(db, admin.companyId, { roles: ["admin"], name: "Omar Admin" });
      const refused = await callApi(db, "POST", `/people/${otherAdmin.id}/deactivate`, { key: writeKey });
      expect(refused).toMatchObject({ status: 422, body: { code: "delegated_admin" } });
      const [row] = await db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, otherAdmin.id));
      expect(row!.deactivatedAt).toBeNull();
      const learner = await createPerson(db, admin.companyId, { name: "Leaving Learner" });
      expect((await callApi(db, "POST", `/people/${learner.id}/deactivate`, { key: writeKey })).status).toBe(200);
    });

    it("refuses an address on another company's registered domain, with the sentence of every path (issue 17)", async () => {
      const [globex] = await db.select({ companyId: users.companyId }).from(users).where(eq(users.id, foreign.personId));
      await db.insert(companyDomains).values({ domain: "globex-api.example", companyId: globex!.companyId });
      const count = await db.$count(users);
      const squat = await callApi(db, "POST", "/people", { key: writeKey, body: { name: "Squatter", email: "ceo@Globex-API.example" } });
      expect(squat.body).toMatchObject({
        status: 422,
        code: "accounts.errors.emailDomainForeign",
        errors: [
          {
            pointer: "/email",
            detail: "Addresses at this domain belong to another organisation and cannot be used here. Enter another address.",
          },
        ],
      });
      expect(await db.$count(users)).toBe(count);
    });

    it("walks every person exactly once with cursors", async () => {
      const company = await createCompany(db, "Paging Co");
      const owner = await createPerson(db, company.id, { roles: ["admin"] });
      for (let i = 0; i < 7; i++) await createPerson(db, company.id, { name: `P${i}` });
      const key = await newKey(owner, "read");
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=3&cursor=${cursor}` : "?limit=3";
        const reply = await callApi(db, "GET", `/people${query}`, { key });
        expect(reply.status).toBe(200);
        seen.push(...(reply.body.data as { id: string }[]).map((row) => row.id));
        cursor = reply.body.nextCursor as string | null;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
      const byEmail = await callApi(db, "GET", `/people?email=${encodeURIComponent(owner.email.toUpperCase())}`, { key });
      expect((byEmail.body.data as { id: string }[]).map((row) => row.id)).toEqual([owner.id]);
      const bad = await callApi(db, "GET", "/people?limit=500&cursor=garbage", { key });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ parameter: "limit" }),
          { parameter: "cursor", detail: "This cursor is not one we gave out. Start again without a cursor." },
        ]),
      );
    });
  });

  describe("hostile input: a specific problem, never a 500", () => {
    const create = (name: string) =>
      callApi(db, "POST", "/people", { key: writeKey, body: { name, email: `h.${randomUUID()}@acme.example` } });

    it("refuses NUL, broken characters and invisible names with their own sentence; removes bidi overrides", async () => {
      const count = await db.$count(users);
      const cases: [string, string][] = [
        ["Eve\u0000Admin", "This text contains a null character (U+0000), which cannot be stored. Remove it and try again."],
        [
          "Eve\uD800",
          "This text contains a broken character (half of an emoji or other two-part character), which cannot be stored. Remove it and try again.",
        ],
        [
          "\u200B\u200B\u2060",
          "This has no visible characters: spaces and invisible characters (such as zero-width spaces) alone are not enough.",
        ],
      ];
      for (const [name, detail] of cases) {
        const reply = await create(name);
        expect(reply.status, JSON.stringify(name)).toBe(422);
        expect(reply.body.errors).toEqual([{ pointer: "/name", detail }]);
      }
      expect(await db.$count(users)).toBe(count);
      // Positive control: the same request with a real name creates the person, overrides removed.
      const created = await create("\u202EEve\u202C Admin \uD83D\uDE00");
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: "Eve Admin \uD83D\uDE00" });
    });

    it("answers a body nested 100,000 levels deep with 400, and one as deep as a request needs as usual", async () => {
      const group = await createGroup(db, admin, { name: "Deep bodies" });
      const send = (body: string) =>
        handleApiRequest(
          new Request(`http://cohort.test/api/v1/groups/${group.id}/members`, {
            method: "POST",
            headers: { authorization: `Bearer ${writeKey}`, "idempotency-key": randomUUID(), "content-type": "application/json" },
            body,
          }),
          { db, schedule: () => undefined },
        );
      const deep = await send(`{"userIds":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
      expect(deep.status).toBe(400);
      expect(await deep.json()).toMatchObject({ code: "jsonTooDeep", detail: expect.stringContaining("32 levels") });
      const nested = (depth: number) => `{"userIds":["${admin.id}"],"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
      expect((await send(nested(31))).status).toBe(200);
      expect((await send(nested(32))).status).toBe(400);
    });

    it("answers a query parameter holding NUL with 422", async () => {
      const nul = await callApi(db, "GET", "/people?email=%00", { key: readKey });
      expect(nul.status).toBe(422);
      expect(nul.body.errors).toEqual([expect.objectContaining({ parameter: "email" })]);
      const found = await callApi(db, "GET", `/people?email=${encodeURIComponent(admin.email)}`, { key: readKey });
      expect(found.body.data).toEqual([expect.objectContaining({ id: admin.id })]);
    });
  });

  describe("groups and members", () => {
    it("lists groups by status and reads one", async () => {
      const reply = await callApi(db, "GET", "/groups?limit=100", { key: readKey });
      // Oldest first: the two made at the start come first.
      expect((reply.body.data as { name: string }[]).map((row) => row.name).slice(0, 2)).toEqual(["Wave 1", "Wave 2"]);
      expect((await callApi(db, "GET", "/groups?status=archived", { key: readKey })).body.data).toEqual([]);
      const one = await callApi(db, "GET", `/groups/${courseGroupId}`, { key: readKey });
      expect(one.body).toMatchObject({ id: courseGroupId, name: "Wave 2", memberCount: 0, archived: false });
    });

    it("adds 1,000 members at once, replays the same request, refuses the key with another body", async () => {
      const people = await queryRows<{ id: string }>(
        db,
        sql`insert into users (company_id, name, email)
            select ${admin.companyId}, 'Bulk ' || i, 'bulk' || i || '-' || gen_random_uuid() || '@acme.example'
            from generate_series(1, 1000) i returning id`,
      );
      const userIds = people.map((row) => row.id);
      const addAudits = () => db.$count(auditLog, and(eq(auditLog.action, "group.members_added"), eq(auditLog.targetId, groupId)));
      const auditsBefore = await addAudits();
      const idempotencyKey = randomUUID();
      const first = await callApi(db, "POST", `/groups/${groupId}/members`, { key: writeKey, body: { userIds }, idempotencyKey });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ added: 1000, alreadyMembers: 0, deactivated: 0, unknown: 0 });
      const replay = await callApi(db, "POST", `/groups/${groupId}/members`, { key: writeKey, body: { userIds }, idempotencyKey });
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      const other = await callApi(db, "POST", `/groups/${groupId}/members`, {
        key: writeKey,
        body: { userIds: userIds.slice(1) },
        idempotencyKey,
      });
      expect(other).toMatchObject({ status: 409, body: { code: "idempotencyKeyReused" } });
      expect(await db.$count(groupMembers, eq(groupMembers.groupId, groupId))).toBe(1000);
      expect(await addAudits()).toBe(auditsBefore + 1);

      const removed = await callApi(db, "POST", `/groups/${groupId}/members/remove`, {
        key: writeKey,
        body: { userIds: userIds.slice(0, 10) },
      });
      expect(removed.body).toEqual({ removed: 10 });
      const view = await callApi(db, "GET", `/groups/${groupId}`, { key: readKey });
      expect(view.body.memberCount).toBe(990);
    });

    it("requires an Idempotency-Key on writes and JSON bodies", async () => {
      const missing = await callApi(db, "POST", `/groups/${groupId}/members`, {
        key: writeKey,
        body: { userIds: [admin.id] },
        idempotencyKey: null,
      });
      expect(missing).toMatchObject({ status: 400, body: { code: "idempotencyKeyRequired" } });
      const invalid = await callApi(db, "POST", `/groups/${groupId}/members`, { key: writeKey, body: { userIds: ["x", admin.id] } });
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors).toEqual([expect.objectContaining({ pointer: "/userIds/0" })]);
      const tooMany = await callApi(db, "POST", `/groups/${groupId}/members`, {
        key: writeKey,
        body: { userIds: Array.from({ length: 10_001 }, () => randomUUID()) },
      });
      expect(tooMany.body.errors).toEqual([{ pointer: "/userIds", detail: "Too many people at once. Add them in smaller batches." }]);
      const request = new Request(`http://cohort.test/api/v1/groups/${groupId}/members`, {
        method: "POST",
        headers: { authorization: `Bearer ${writeKey}`, "idempotency-key": "k1", "content-type": "application/json" },
        body: "{not json",
      });
      const malformed = await handleApiRequest(request, { db, schedule: () => undefined });
      expect(malformed.status).toBe(400);
    });

    it("reads a group's statistics; a group without a course has none", async () => {
      const reply = await callApi(db, "GET", `/groups/${courseGroupId}/statistics`, { key: readKey });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ groupId: courseGroupId, members: 0, averagePercent: 0 });
      expect((await callApi(db, "GET", `/groups/${groupId}/statistics`, { key: readKey })).status).toBe(404);
    });
  });

  describe("assignments", () => {
    it("assigns a course to people by id, audited as the key; replays; another company's ids are counted or not found", async () => {
      const course = await createCourse(db, admin.companyId, "API course");
      const learners = await Promise.all([1, 2, 3].map(() => createPerson(db, admin.companyId)));
      const body = {
        courseId: course.id,
        deadline: { kind: "relative", days: 14 },
        reminderDays: [-3, -1],
        selection: { mode: "individuals", userIds: [...learners.map((p) => p.id), foreign.personId] },
      };
      const idempotencyKey = randomUUID();
      const first = await callApi(db, "POST", "/assignments", { key: writeKey, body, idempotencyKey });
      expect(first).toMatchObject({ status: 201, body: { assigned: 3, alreadyAssigned: 0, deactivated: 0, ruleId: null } });
      const replay = await callApi(db, "POST", "/assignments", { key: writeKey, body, idempotencyKey });
      expect(replay.body).toEqual(first.body);
      const rows = await queryRows<{ source: string; n: number }>(
        db,
        sql`select source, count(*)::int as n from assignments where course_id = ${course.id} group by source`,
      );
      expect(rows).toEqual([{ source: "api", n: 3 }]);
      const [audit] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "assignment.assigned"), eq(auditLog.targetId, course.id)));
      expect(audit!.actorKind).toBe("api_key");

      const byGroup = await callApi(db, "POST", "/assignments", {
        key: writeKey,
        body: { ...body, selection: { mode: "group", groupId: foreign.groupId } },
      });
      expect(byGroup).toMatchObject({ status: 422, body: { code: "assignment_group_not_found" } });
      const foreignCourse = await callApi(db, "POST", "/assignments", { key: otherKey, body });
      expect(foreignCourse).toMatchObject({ status: 422, body: { code: "course_not_found" } });
      const invalid = await callApi(db, "POST", "/assignments", {
        key: writeKey,
        body: { ...body, deadline: { kind: "relative", days: 0 } },
      });
      expect(invalid.status).toBe(422);
    });
  });

  it("limits requests per key and window, with Retry-After", async () => {
    const company = await createCompany(db, "Busy Co");
    const key = await newKey(await createPerson(db, company.id, { roles: ["admin"] }), "read");
    const now = new Date("2026-01-01T10:00:45Z");
    const api: ApiOptions = { rateLimit: { limit: 2, windowSeconds: 60 }, now: () => now };
    expect((await callApi(db, "GET", "/groups", { key, api })).status).toBe(200);
    expect((await callApi(db, "GET", "/groups", { key, api })).status).toBe(200);
    const limited = await callApi(db, "GET", "/groups", { key, api });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("15");
    expect(limited.body.code).toBe("rateLimited");
    // The next window starts afresh, and the old one is cleared.
    const later = new Date("2026-01-01T10:01:00Z");
    expect((await callApi(db, "GET", "/groups", { key, api: { ...api, now: () => later } })).status).toBe(200);
    const windows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from api_rate_limits r join api_keys k on k.id = r.key_id where k.company_id = ${company.id}`,
    );
    expect(windows[0]!.n).toBe(1);
  });

  it("writes last_used_at at most once a minute", async () => {
    const company = await createCompany(db, "Used Co");
    const key = await newKey(await createPerson(db, company.id, { roles: ["admin"] }), "read");
    const at = (iso: string) => ({ now: () => new Date(iso) });
    await callApi(db, "GET", "/groups", { key, api: at("2026-01-01T10:00:00Z") });
    await callApi(db, "GET", "/groups", { key, api: at("2026-01-01T10:00:30Z") });
    const lastUsed = async () =>
      (await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.companyId, company.id)))[0]!.at;
    expect(await lastUsed()).toEqual(new Date("2026-01-01T10:00:00Z"));
    await callApi(db, "GET", "/groups", { key, api: at("2026-01-01T10:01:05Z") });
    expect(await lastUsed()).toEqual(new Date("2026-01-01T10:01:05Z"));
  });

  it("serves an OpenAPI 3.1 document with every route, whose references all resolve", () => {
    const document = openApiDocument() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    for (const route of API_ROUTES) expect(document.paths[route.path]?.[route.method.toLowerCase()], route.operationId).toBeDefined();
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(document.components.schemas[ref], ref).toBeDefined();
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Person", "Group", "MemberIds", "CreatePerson", "Problem"]),
    );
  });
});
