import type { ActionError, ActionResult } from "./errors";

/**
 * A GET of one of the app's JSON routes from a page, as a server action's result: `{ data }` when the
 * route answered it, the route's `{ error }` otherwise (lib/http/errors.ts), and "unexpected" when
 * the server could not be reached or answered something that is no JSON (a proxy's error page).
 */
export async function getJson<T>(url: string): Promise<ActionResult<T>> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    const body = (await response.json()) as { data?: T; error?: ActionError };
    if (response.ok && body.data !== undefined) return { ok: true, data: body.data };
    return { ok: false, error: body.error ?? { code: "unexpected" } };
  } catch (error) {
    if (error instanceof TypeError || error instanceof SyntaxError) return { ok: false, error: { code: "unexpected" } };
    throw error;
  }
}
