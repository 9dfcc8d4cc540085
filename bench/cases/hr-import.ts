import type pg from "pg";
import type { Database } from "@/db/client";
import type { Ctx } from "@/lib/auth/viewer";
import { applyImport, confirmImport } from "@/lib/hr/import/confirm";
import { startImport } from "@/lib/hr/import/staging";
import type { BenchCase } from "../case";
import { BENCH_IDS } from "../data";
import { timed } from "../measure";

const PEOPLE = 50_000;
const GROUPS = ["Bench import wave A", "Bench import wave B"];
const domain = (side: string, iteration: number) => `${side}${iteration}.import.bench.example`;

/** 50,000 new people, each into both groups: every row creates a person and two memberships. */
function importFile(iteration: number): string {
  const rows = Array.from({ length: PEOPLE }, (_, i) => `p${i}@${domain("ours", iteration)},Imported ${i},,,${GROUPS.join(";")}`);
  return ["email,name,department,manager_email,groups", ...rows].join("\n");
}

/** The whole job as HR runs it: upload (read and validated), staged in chunks, Confirm, the final transaction. */
async function runImport(db: Database, ctx: Ctx, text: string): Promise<void> {
  const started = await startImport(db, ctx, { fileName: "bench.csv", text });
  await started.run();
  await confirmImport(db, ctx, started.job.id);
  const { result } = await applyImport(db, ctx, started.job.id);
  if (result.created !== PEOPLE || result.memberships !== 2 * PEOPLE)
    throw new Error(`The import did not do its work: ${JSON.stringify(result)}`);
}

/** The floor: the same people and memberships written by two bare INSERT … SELECT statements, no checks, no ledger. */
async function bareImport(pool: pg.Pool, iteration: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(
      `insert into users (company_id, name, email) select $1, 'Imported ' || i, 'p' || i || '@' || $2 from generate_series(0, $3 - 1) i`,
      [BENCH_IDS.company, domain("bare", iteration), PEOPLE],
    );
    await client.query(
      `insert into group_members (group_id, user_id, company_id, source)
       select g.id, u.id, $1, 'import' from users u cross join learning_groups g
       where u.email like $2 and g.company_id = $1 and g.name = any($3)`,
      [BENCH_IDS.company, `%@${domain("bare", iteration)}`, GROUPS],
    );
    await client.query("commit");
  } finally {
    client.release();
  }
}

/**
 * Untimed: the staged rows go, and the statistics are brought up to date. The people stay (each
 * iteration imports its own addresses): deleting 50,000 people, with every table that refers to
 * them, takes minutes.
 */
async function cleanUp(pool: pg.Pool): Promise<void> {
  await pool.query("delete from import_jobs where company_id = $1", [BENCH_IDS.company]);
  await pool.query("vacuum analyze users, group_members, membership_events, notifications, import_rows");
}

export const hrImport: BenchCase = {
  name: "hr.import",
  target: "50,000 people with memberships ≤ 30 s",
  // A multi-second job: a few runs, each on the same state.
  plan: { warmup: 1, iterations: 5, rounds: 1 },
  passes: ({ p95 }) => p95 <= 30_000,
  async prepare({ db, bare, ctx }) {
    for (const name of GROUPS) {
      await bare.query(
        `insert into learning_groups (company_id, name, visibility, created_by, owner_id) values ($1, $2, 'public', $3, $3)`,
        [BENCH_IDS.company, name, BENCH_IDS.admin],
      );
    }
    return {
      details: { people: PEOPLE, memberships: 2 * PEOPLE },
      async ours(iteration) {
        const text = importFile(iteration);
        return timed(() => runImport(db, ctx, text));
      },
      async bare(iteration) {
        const took = await timed(() => bareImport(bare, iteration));
        await cleanUp(bare);
        return took;
      },
    };
  },
};
