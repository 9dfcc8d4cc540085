/**
 * The one guard against cross-site requests riding a signed-in person's cookies: server actions (any
 * non-GET request to a page), the HR import routes and the realtime authorization endpoints. A
 * request that names a foreign `Origin` (or `null`) or that the browser marks `Sec-Fetch-Site:
 * cross-site` is refused; one that carries neither header (an HR system, pusher-js in Node, curl) is
 * left to its credentials.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * API routes that authenticate by something other than the session cookie, or guard themselves:
 * the HR integration API and the scheduler take a bearer key, and Auth.js checks its own CSRF token
 * (its OIDC callback may legitimately be a form posted by the identity provider).
 */
const OWN_CREDENTIALS = ["/api/v1/", "/api/cron/", "/api/auth/"];

/** Whether a request of this method to this path must come from the app's own pages, when it comes from a browser at all. */
export function needsSameOrigin(method: string, pathname: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  return !OWN_CREDENTIALS.some((prefix) => pathname.startsWith(prefix));
}

function hostOf(origin: URL, host: string | null): string | null {
  if (!host) return null;
  try {
    return new URL(`${origin.protocol}//${host}`).host;
  } catch (error) {
    // An unparseable Host names no origin; URL throws nothing else.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * Whether the request comes from another site: `Sec-Fetch-Site: cross-site`, or an `Origin` other than
 * the host the request was sent to (the first `X-Forwarded-Host`, else `Host`, as Next's own server
 * action check reads it) and other than `APP_URL`.
 */
export function isCrossSite(headers: Headers, appUrl: string): boolean {
  if (headers.get("sec-fetch-site")?.trim().toLowerCase() === "cross-site") return true;
  const sent = headers.get("origin");
  if (sent === null) return false;
  let origin: URL;
  try {
    origin = new URL(sent);
  } catch (error) {
    if (error instanceof TypeError) return true; // "null" (a sandboxed frame, a redirect chain) or garbage
    throw error;
  }
  if (origin.origin === new URL(appUrl).origin) return false;
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || null;
  const target = hostOf(origin, forwarded ?? headers.get("host"));
  return target === null || target !== origin.host;
}

/** The answer to a refused cross-site request. */
export function crossSiteRefusal(): Response {
  return Response.json(
    { error: { code: "cross_site_request", message: "Cross-site requests are refused." } },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
}
