import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { Details } from "../case";
import { BENCH_IDS } from "../data";
import { ensureBuild, type RunningApp, startApp } from "../server/app";

/* What the cases that go through the production server share: their groups, the app, the action's answer. */

export const ACTIONS_FILE = "lib/chat/actions.ts";
/** People who post in turn in a case's group. */
export const SENDERS = 40;
/** A post not at every listening client by then counts as lost. */
export const ARRIVAL_TIMEOUT_MS = 5_000;
/** The chat allows 10 messages per 10 s per person: one a second on average, with a margin. */
const SENDER_SPACING_MS = 1_100;

/**
 * Senders' session cookies in turn, each at most once per `SENDER_SPACING_MS`: a turn that comes early
 * waits, before the caller starts its clock, so the chat's rate limit never answers a bench post.
 */
export function senderTurns(cookies: readonly string[]): () => Promise<string> {
  const last = cookies.map(() => 0);
  let turn = 0;
  return async () => {
    const index = turn++ % cookies.length;
    const wait = last[index]! + SENDER_SPACING_MS - Date.now();
    if (wait > 0) await sleep(wait);
    last[index] = Date.now();
    return cookies[index]!;
  };
}

export const say = (line: string) => console.log(`[bench] ${line}`);
export const round = (value: number) => Math.round(value * 10) / 10;
export const body = (n: number) => `Message ${n} with **some** words, `.repeat(5);

/**
 * A private group of the bench company with `size` of its active non-admin people as members, in
 * the order of their ids after the first `skip` (so two groups' first members can be different people).
 */
export async function createGroup(
  pool: pg.Pool,
  size: number,
  { skip = 0 } = {},
): Promise<{ groupId: string; members: { id: string; email: string }[] }> {
  const company = BENCH_IDS.company;
  const { rows: group } = await pool.query<{ id: string }>(
    `insert into learning_groups (company_id, name, visibility, created_by, owner_id)
     values ($1, 'Bench chat ' || gen_random_uuid(), 'private', $2, $2) returning id`,
    [company, BENCH_IDS.admin],
  );
  const groupId = group[0]!.id;
  const { rows: members } = await pool.query<{ id: string; email: string }>(
    `with added as (
       insert into group_members (group_id, user_id, company_id, added_by, source)
       select $1, id, $2, $3, 'individual' from users
       where company_id = $2 and deactivated_at is null and not ('admin' = any(roles)) order by id offset ${skip} limit ${size}
       returning user_id)
     select u.id, u.email from added join users u on u.id = added.user_id order by u.id`,
    [groupId, company, BENCH_IDS.admin],
  );
  return { groupId, members };
}

/** The app built (or the current build reused) and started against the case's copy. */
export async function startBenchApp(url: string): Promise<{ app: RunningApp; details: Details }> {
  const build = await ensureBuild(say);
  const started = performance.now();
  const app = await startApp(url);
  return {
    app,
    details: {
      build_seconds: build === null ? "reused" : Math.round(build),
      app_start_seconds: round((performance.now() - started) / 1000),
    },
  };
}

export function unwrap<T>(result: ActionResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} refused: ${JSON.stringify(result.error)}`);
  return result.data;
}
