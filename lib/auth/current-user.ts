import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auth } from "./index";
import { loadSessionViewer, type Viewer } from "./viewer";

/**
 * The signed-in, active person for this request, or null. Read once per request, in one statement
 * with the session's row: a revoked or expired session (or a token without one) is signed out.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  return loadSessionViewer(getDb(), { userId, sessionId });
});

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
