import { type Database, getDb } from "@/db/client";
import { deleteEndedSessions } from "@/lib/auth/sessions";
import { deleteStaleSignInRecords } from "@/lib/auth/throttle";
import { log } from "@/lib/log";
import { isCronRequest } from "./secret";

/**
 * The scheduler's clean-up of sign-in records: sessions that ended (expired or revoked), failure
 * counters whose window and lock are over, sign-in addresses no longer known. Nothing depends on it
 * running on time (every read checks expiry itself); it only keeps the tables small. Daily is enough.
 */
export async function handleSignInsCron(request: Request, db: Database = getDb()): Promise<Response> {
  if (!isCronRequest(request)) return new Response(null, { status: 401 });
  const sessionsDeleted = await deleteEndedSessions(db);
  await deleteStaleSignInRecords(db);
  log.info("sign-in records cleaned", { sessionsDeleted });
  return Response.json({ sessionsDeleted });
}
