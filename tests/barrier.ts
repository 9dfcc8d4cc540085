import pg from "pg";

/**
 * Resolves once `count` transactions of the database wait for a lock: proof that racers are in flight
 * and queued, rather than a guess by sleeping. Polls on `client` (statistics are a per-transaction
 * snapshot, so it clears that first); gives up after 10 s.
 */
export async function lockWaitersReach(client: pg.Client, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await client.query("select pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ waiting: number }>(
      "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (rows[0]!.waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`${rows[0]!.waiting} transactions wait for a lock, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Makes two (or `racers`) transactions overlap for real (PostgreSQL only): a third connection takes
 * `lock` (say, `select … for update` of the row both will lock first), `race` starts them, and the
 * lock is released once they all wait behind it — or as soon as the race settles, when one fails
 * before ever reaching the lock.
 */
export async function withBarrier<T>(
  url: string,
  lock: { text: string; values?: unknown[] },
  race: () => Promise<T>,
  racers = 2,
): Promise<T> {
  const barrier = new pg.Client({ connectionString: url });
  await barrier.connect();
  try {
    await barrier.query("begin");
    await barrier.query(lock.text, lock.values);
    const running = race();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([lockWaitersReach(barrier, racers), settled]);
    await barrier.query("commit");
    return await running;
  } finally {
    await barrier.end();
  }
}
