import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createCompany, createPerson, type TestPerson } from "@/tests/fixtures";
import { type Database, queryRows } from "./client";
import { APP_ROLE, appRoleRefusal, readTogether, withCompany } from "./company";
import { companyDomains } from "./schema";

/**
 * The second wall (migration 0021, docs/architecture.md "Row-level security"), read from the
 * database's own catalogue, so that a table added without its policy fails here.
 */

/** Tables without a company, each with why: reached before a company is known, holding no tenant content. */
const UNWALLED: Record<string, string> = {
  sign_in_throttles: "failure counters keyed by email or client address, counted before anyone is known",
  sign_in_addresses: "a person's known addresses, read while they sign in, before their company is known",
  backfills: "the migrations' unfinished work by name (db/backfills.ts); the app's role has no access to it",
  figure_drift: "counts of repaired drift for the health route (lib/statistics/figures.ts), no company's data in them",
};

/** The one policy's expression, as PostgreSQL prints it back, for the wall's column. */
const wallExpression = (column: string) =>
  `(${column} = ( SELECT (NULLIF(current_setting('app.company_id'::text, true), ''::text))::uuid AS "nullif"))`;

/**
 * The lookups before a company is known (migration 0021) and the searches behind the wall (0023), the
 * only SECURITY DEFINER functions there may be.
 */
const LOOKUPS = [
  "address_of_other_person",
  "address_on_other_domain",
  "analyze_import_rows",
  "auth_account_token",
  "auth_api_key",
  "auth_close_session",
  "auth_open_session",
  "auth_session_viewer",
  "auth_sign_in_account",
  "auth_sso_domain",
  "auth_sso_identity",
  "people_containing",
  "people_nearest",
  "people_resembling",
  "realtime_batch_newcomers",
  "realtime_group_epochs",
  "scheduler_companies",
  "scheduler_outbox_companies",
  "scheduler_reminder_companies",
  "scheduler_stalled_import_companies",
];

type Table = { name: string; wall: string; rls: boolean; forced: boolean };
type Policy = { table: string; command: string; permissive: string; using: string | null; check: string | null };

let handle: TestDatabase;
let tables: Table[];

beforeAll(async () => {
  handle = await createTestDatabase();
  tables = await queryRows<Table>(
    handle.db,
    sql`select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
               case when c.relname = 'companies' then 'id'
                    when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)
                    then 'company_id' end as wall
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
});
afterAll(() => handle.close());

const walled = () => tables.filter((table) => table.wall !== null);

describe("the catalogue", () => {
  it("walls every table with a company: enabled, forced, and one policy for every command comparing it with app.company_id", async () => {
    const policies = await queryRows<Policy>(
      handle.db,
      sql`select tablename as table, cmd as command, permissive, qual as using, with_check as check
          from pg_policies where schemaname = 'public'`,
    );
    expect(walled().length).toBeGreaterThan(30);
    for (const table of walled()) {
      expect({ table: table.name, rls: table.rls, forced: table.forced }).toEqual({ table: table.name, rls: true, forced: true });
      const own = policies.filter((policy) => policy.table === table.name);
      const expression = wallExpression(table.wall);
      // One permissive policy: a second one would widen what the first allows (policies are OR-ed).
      expect(own).toEqual([{ table: table.name, command: "ALL", permissive: "PERMISSIVE", using: expression, check: expression }]);
    }
  });

  it("names every table without a company in the allow-list, with its reason", () => {
    const unwalled = tables.filter((table) => table.wall === null).map((table) => table.name);
    expect(unwalled.sort()).toEqual(Object.keys(UNWALLED).sort());
  });

  it("connects the app as a role that owns nothing and cannot bypass the wall", async () => {
    const [role] = await queryRows<{ superuser: boolean; bypasses: boolean; owns: number }>(
      handle.db,
      sql`select rolsuper as superuser, rolbypassrls as bypasses,
                 (select count(*)::int from pg_class c where c.relowner = r.oid) as owns
          from pg_roles r where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ superuser: false, bypasses: false, owns: 0 });
  });

  it("has no SECURITY DEFINER function beyond the listed lookups, each with a pinned search path", async () => {
    const definers = await queryRows<{ name: string; config: string[] | null }>(
      handle.db,
      sql`select p.proname as name, p.proconfig as config from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.prosecdef order by p.proname`,
    );
    expect(definers.map((definer) => definer.name)).toEqual(LOOKUPS);
    for (const definer of definers) expect(definer.config).toEqual(["search_path=pg_catalog, public"]);
  });
});

/** A value for a required column of this type, so that a row can be made for any table. */
const filler = (type: string, enumLabel: string | null) => {
  if (enumLabel) return sql`${enumLabel}`;
  if (type.endsWith("[]")) return sql`'{}'`;
  if (type === "uuid") return sql`${randomUUID()}`;
  if (/^(integer|bigint|smallint|numeric|double precision|real)/.test(type)) return sql`1`;
  if (type === "boolean") return sql`false`;
  if (type.startsWith("timestamp")) return sql`now()`;
  if (type === "date") return sql`current_date`;
  if (type === "jsonb" || type === "json") return sql`'{}'`;
  return sql`${`x${randomUUID().slice(0, 8)}`}`;
};

type Column = { name: string; type: string; enumLabel: string | null };

/** Optional columns a table's CHECK constraints require (a rule has a date or a number of days). */
const REQUIRED_BY_CHECKS: Record<string, Record<string, ReturnType<typeof sql>>> = {
  assignment_rules: { due_after_days: sql`7` },
  assignment_counts: { due_at: sql`now()` },
};

/**
 * A row of `table` for `companyId`, written by the owner with foreign keys and triggers off
 * (replication mode): the behaviour is the policy's alone, whatever the table's relations.
 */
async function plantRow(table: Table, companyId: string): Promise<void> {
  const columns = await queryRows<Column>(
    handle.db,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
               (select e.enumlabel from pg_enum e where e.enumtypid = a.atttypid order by e.enumsortorder limit 1) as "enumLabel"
        from pg_attribute a
        where a.attrelid = ${table.name}::regclass and a.attnum > 0 and not a.attisdropped
          and a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = ''`,
  );
  const extra = Object.entries(REQUIRED_BY_CHECKS[table.name] ?? {});
  const values = [
    ...columns.map((column) => (column.name === table.wall ? sql`${companyId}` : filler(column.type, column.enumLabel))),
    ...extra.map(([, value]) => value),
  ];
  const names = [...columns.map((column) => column.name), ...extra.map(([name]) => name)].map((name) => sql.identifier(name));
  if (table.name === "companies") {
    await handle.db.execute(sql`insert into companies (id, name) values (${companyId}, ${`Company ${companyId.slice(0, 4)}`})`);
    return;
  }
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`insert into ${sql.identifier(table.name)} (${sql.join(names, sql`, `)}) values (${sql.join(values, sql`, `)})`);
  });
}

/** Runs `work` as the app role with no company set. */
const withoutCompany = <T>(db: Database, work: (tx: Database) => Promise<T>) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`set local role ${sql.raw(APP_ROLE)}`);
    return work(tx as unknown as Database);
  });

const count = async (db: Database, table: Table) => {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table.name)}`);
  return row!.n;
};

const affected = async (db: Database, statement: ReturnType<typeof sql>) => {
  const result = (await db.execute(statement)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return result.rowCount ?? result.affectedRows ?? 0;
};

const refusalCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: { code?: string; cause?: { code?: string } }) => error.cause?.code ?? error.code,
  );

describe("the wall, table by table", () => {
  // Two companies with one row each in every walled table; A is the caller, B the other company.
  const a = randomUUID();
  const b = randomUUID();
  beforeAll(async () => {
    for (const company of [a, b]) await plantRow({ name: "companies", wall: "id", rls: true, forced: true }, company);
    for (const table of walled()) {
      if (table.name === "companies") continue;
      for (const company of [a, b]) await plantRow(table, company);
    }
  });

  it("reads only the current company's rows from a query without any company filter", async () => {
    for (const table of walled()) {
      const [row] = await queryRows<{ mine: number; others: number }>(
        withCompany(handle.db, a),
        sql`select count(*) filter (where ${sql.identifier(table.wall)} = ${a})::int as mine,
                   count(*) filter (where ${sql.identifier(table.wall)} <> ${a})::int as others
            from ${sql.identifier(table.name)}`,
      );
      expect({ table: table.name, ...row }).toEqual({ table: table.name, mine: 1, others: 0 });
    }
  });

  it("neither updates nor deletes another company's row, nor moves a row into it", async () => {
    const asA = withCompany(handle.db, a);
    for (const table of walled()) {
      const ofB = sql`${sql.identifier(table.wall)} = ${b}`;
      const name = sql.identifier(table.name);
      const wall = sql.identifier(table.wall);
      expect({ table: table.name, updated: await affected(asA, sql`update ${name} set ${wall} = ${wall} where ${ofB}`) }).toEqual({
        table: table.name,
        updated: 0,
      });
      expect({ table: table.name, deleted: await affected(asA, sql`delete from ${name} where ${ofB}`) }).toEqual({
        table: table.name,
        deleted: 0,
      });
      const moved = await refusalCode(asA.execute(sql`update ${name} set ${wall} = ${b} where ${wall} = ${a}`));
      expect({ table: table.name, moved }).toEqual({ table: table.name, moved: "42501" });
      // Still there, for the owner to see.
      const [left] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from ${name} where ${ofB}`);
      expect({ table: table.name, left: left!.n }).toEqual({ table: table.name, left: 1 });
    }
  });

  it("refuses to insert another company's row", async () => {
    const asA = withCompany(handle.db, a);
    for (const table of walled()) {
      const name = sql.identifier(table.name);
      const [row] = await queryRows<{ json: Record<string, unknown> }>(
        handle.db,
        sql`select to_jsonb(t) as json from ${name} t where ${sql.identifier(table.wall)} = ${b}`,
      );
      // The columns a row is written with (not those the database computes, such as users.folded_name).
      const [{ columns }] = (await queryRows<{ columns: string }>(
        handle.db,
        sql`select string_agg(quote_ident(attname), ', ' order by attnum) as columns from pg_attribute
            where attrelid = ${table.name}::regclass and attnum > 0 and not attisdropped and attgenerated = ''`,
      )) as [{ columns: string }];
      const list = sql.raw(columns);
      // The same row again (a copy of B's), offered by A: the policy refuses it before any key is checked.
      const inserted = await refusalCode(
        asA.execute(
          sql`insert into ${name} (${list}) select ${list} from jsonb_populate_record(null::${name}, ${JSON.stringify(row!.json)}::jsonb)`,
        ),
      );
      expect({ table: table.name, inserted }).toEqual({ table: table.name, inserted: "42501" });
    }
  });

  it("reads and writes nothing while no company is set", async () => {
    await withoutCompany(handle.db, async (tx) => {
      for (const table of walled()) expect({ table: table.name, rows: await count(tx, table) }).toEqual({ table: table.name, rows: 0 });
    });
    const table = walled().find((candidate) => candidate.name === "departments")!;
    const written = await refusalCode(
      withoutCompany(handle.db, (tx) => tx.execute(sql`insert into departments (company_id, name) values (${a}, 'Unset')`)),
    );
    expect({ table: table.name, written }).toEqual({ table: table.name, written: "42501" });
  });
});

describe("the app's own connections", () => {
  it("refuse a role the wall does not hold: what stops a production server at start", async () => {
    // The tests' login role is a superuser; the app role is walled.
    expect(await appRoleRefusal(handle.db)).toMatch(/is a superuser/);
    expect(await withoutCompany(handle.db, (tx) => appRoleRefusal(tx))).toBeNull();
  });

  it("act as the app role, and an unbound statement reads no tenant row", async () => {
    if (!handle.url) return; // PGlite is one connection: db/company's PGlite path is covered by the e2e smoke server.
    const { openPostgres } = await import("./client");
    const app = openPostgres(handle.url, { max: 1, connectAs: "app" });
    try {
      const [me] = await queryRows<{ role: string }>(app.db, sql`select current_user as role`);
      expect(me!.role).toBe(APP_ROLE);
      expect(await count(app.db, { name: "companies", wall: "id", rls: true, forced: true })).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe("the binding of one company", () => {
  const company = randomUUID();
  beforeAll(() => plantRow({ name: "companies", wall: "id", rls: true, forced: true }, company));

  it("ends with each statement and transaction: the connection, given back, is bound to no one", async () => {
    if (!handle.url) return; // PGlite binds through drizzle's own transaction (the PGlite smoke run covers it).
    const { openPostgres } = await import("./client");
    // One connection, so every step below reuses the connection the step before gave back.
    const app = openPostgres(handle.url, { max: 1, connectAs: "app" });
    const companies = { name: "companies", wall: "id", rls: true, forced: true };
    try {
      const bound = withCompany(app.db, company);
      expect(await count(bound, companies)).toBe(1);
      expect(await count(app.db, companies)).toBe(0);
      await expect(bound.transaction(() => Promise.reject(new Error("given up")))).rejects.toThrow("given up");
      expect(await count(app.db, companies)).toBe(0);
      const isolation = await bound.transaction(
        (tx) => queryRows<{ level: string }>(tx, sql`select current_setting('transaction_isolation') as level`),
        { isolationLevel: "serializable" },
      );
      expect(isolation).toEqual([{ level: "serializable" }]);
      expect(await count(bound, companies)).toBe(1);
    } finally {
      await app.close();
    }
  });

  it("answers a read before its transaction ends, in a transaction that cannot write", async () => {
    // A statement taken for a read that would lock or write fails rather than being answered early.
    expect(await refusalCode(withCompany(handle.db, company).execute(sql`select id from companies for update`))).toBe("25006");
  });

  it("reads together in one read-only transaction of the company", async () => {
    const bound = withCompany(handle.db, company);
    // now() is the transaction's start: equal across the reads only when they share one transaction.
    const [first, second] = await readTogether(bound, async (tx) => [
      (await queryRows<{ began: string; n: number }>(tx, sql`select now()::text as began, count(*)::int as n from companies`))[0],
      (
        await queryRows<{ began: string; readOnly: string }>(
          tx,
          sql`select now()::text as began, current_setting('transaction_read_only') as "readOnly" from pg_sleep(0.01)`,
        )
      )[0],
    ]);
    expect(first?.n).toBe(1);
    expect(second).toEqual({ began: first?.began, readOnly: "on" });
    await expect(readTogether(bound, (tx) => tx.execute(sql`delete from companies`))).rejects.toThrow();
  });

  it("takes only a uuid for a company", () => {
    expect(() => withCompany(handle.db, "x' or true --")).toThrow(/uuid/);
  });
});

describe("the lookups before a company is known", () => {
  const lookup = <T>(statement: ReturnType<typeof sql>) => withoutCompany(handle.db, (tx) => queryRows<T>(tx, statement));
  let people: { acme: TestPerson; globex: TestPerson };

  beforeAll(async () => {
    const acme = await createCompany(handle.db, "Acme");
    const globex = await createCompany(handle.db, "Globex");
    people = {
      acme: await createPerson(handle.db, acme.id, { email: `ada-${randomUUID().slice(0, 6)}@acme.example`, passwordHash: "hash" }),
      globex: await createPerson(handle.db, globex.id, { email: `bob-${randomUUID().slice(0, 6)}@globex.example` }),
    };
    await handle.db.insert(companyDomains).values({ domain: "globex.example", companyId: globex.id });
  });

  it("answer the account of one exact address, and nothing for a pattern or another spelling", async () => {
    const { acme } = people;
    expect(await lookup(sql`select * from auth_sign_in_account(${acme.email})`)).toEqual([
      { user_id: acme.id, company_id: acme.companyId, password_hash: "hash", active: true },
    ]);
    for (const probe of ["%", `%${acme.email.slice(3)}`, acme.email.toUpperCase(), ""]) {
      expect(await lookup(sql`select * from auth_sign_in_account(${probe})`)).toEqual([]);
    }
  });

  it("answer a session's viewer only with the session's own person", async () => {
    const { acme, globex } = people;
    const [opened] = await lookup<{ id: string }>(sql`select auth_open_session(${acme.id}, interval '1 day') as id`);
    const viewer = (user: string) =>
      lookup(sql`select user_id from auth_session_viewer(${opened!.id}, ${user}, interval '1 day', interval '1 hour')`);
    expect(await viewer(acme.id)).toEqual([{ user_id: acme.id }]);
    expect(await viewer(globex.id)).toEqual([]);
    await lookup(sql`select auth_close_session(${opened!.id})`);
    expect(await viewer(acme.id)).toEqual([]);
  });

  it("say whether an address is another company's, without naming it", async () => {
    const { acme, globex } = people;
    const claims = (company: string, email: string) =>
      lookup<{ person: boolean; domain: boolean }>(
        sql`select address_of_other_person(${company}, ${email}) as person, address_on_other_domain(${company}, ${email}) as domain`,
      );
    expect(await claims(acme.companyId, globex.email)).toEqual([{ person: true, domain: true }]);
    expect(await claims(globex.companyId, globex.email)).toEqual([{ person: false, domain: false }]);
    expect(await claims(acme.companyId, acme.email)).toEqual([{ person: false, domain: false }]);
    expect(await claims(acme.companyId, "new@GLOBEX.example")).toEqual([{ person: false, domain: true }]);
  });

  it("answer nothing for an unknown token, key, identity or domain", async () => {
    expect(await lookup(sql`select * from auth_account_token(${"0".repeat(64)})`)).toEqual([]);
    expect(await lookup(sql`select * from auth_api_key(${"0".repeat(64)})`)).toEqual([]);
    expect(await lookup(sql`select * from auth_sso_identity('https://idp.example', 'nobody')`)).toEqual([]);
    expect(await lookup(sql`select * from auth_sso_domain('someone@unknown.example')`)).toEqual([]);
    expect(await lookup(sql`select * from auth_sso_domain(${people.globex.email})`)).toEqual([
      { company_id: people.globex.companyId, user_id: people.globex.id, active: true },
    ]);
  });

  it("list only ids for the scheduler, and only companies with work due", async () => {
    const all = await lookup<{ id: string }>(sql`select id from scheduler_companies() as id`);
    expect(all.map((row) => row.id)).toEqual(expect.arrayContaining([people.acme.companyId, people.globex.companyId]));
    const due = await lookup<{ id: string }>(sql`select id from scheduler_reminder_companies(now()) as id`);
    expect(due.map((row) => row.id)).not.toContain(people.acme.companyId);
  });
});

describe("the searches behind the wall", () => {
  it("answer the ids of the company's matching people; the app role only of the company it is bound to", async () => {
    const name = `Zebulon ${randomUUID().slice(0, 6)} Quist`;
    const acme = await createPerson(handle.db, (await createCompany(handle.db, "Acme")).id, { name });
    const globex = await createPerson(handle.db, (await createCompany(handle.db, "Globex")).id, { name });
    const term = name.toLowerCase();
    const searches = (companyId: string) => [
      sql`select id from people_containing(${companyId}, ${`%${term.slice(0, 12)}%`})`,
      sql`select id from people_resembling(${companyId}, ${term})`,
      sql`select id from people_nearest(${companyId}, ${term}, ${"zebulon%"}, 10)`,
    ];
    const bound = withCompany(handle.db, acme.companyId);
    for (const search of searches(acme.companyId)) {
      expect(await queryRows<{ id: string }>(bound, search)).toEqual([{ id: acme.id }]);
      expect(await withoutCompany(handle.db, (tx) => queryRows(tx, search))).toEqual([]);
    }
    for (const search of searches(globex.companyId)) expect(await queryRows(bound, search)).toEqual([]);
    // The login role reads every company anyway (tests, scripts): it may ask about any.
    expect(await queryRows(handle.db, searches(globex.companyId)[0]!)).toEqual([{ id: globex.id }]);
  });
});
