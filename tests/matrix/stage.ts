import { afterAll, beforeAll } from "vitest";
import { type Cast, createCast } from "@/tests/attackers";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { serveDatabase } from "@/tests/next-request";

export type Stage = { handle: TestDatabase; cast: Cast };

/**
 * The set-up every authorization-matrix file shares: a database of its own, served to the code under
 * test as the app's, and the cast of people and attackers. `prepare` makes what the file needs before
 * any fingerprint is taken (made during an attack, it would count as the attack's write); `cleanUp`
 * undoes what it changed outside the database. The stage is filled in before the file's tests run.
 */
export function stageMatrix(options: { prepare?: (stage: Stage) => Promise<void>; cleanUp?: () => void } = {}): Stage {
  const stage = {} as Stage;
  let stopServing: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    stage.handle = await createTestDatabase();
    stopServing = serveDatabase(stage.handle);
    stage.cast = await createCast(stage.handle.db);
    await options.prepare?.(stage);
  });
  afterAll(async () => {
    options.cleanUp?.();
    await stopServing?.();
    await stage.handle?.close();
  });
  return stage;
}
