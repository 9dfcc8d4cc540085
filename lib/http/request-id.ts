/** What a client-sent `x-request-id` may look like to be kept: no spaces, quotes, newlines or log-line tricks. */
export const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The id a request is logged and answered under: the one it came with when that is plausible, a fresh one otherwise. */
export function requestIdFor(sent: string | null | undefined): string {
  return sent && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}

/**
 * The one source of a request's id once the proxy has run: the `x-request-id` it set on the request
 * (proxy.ts, on every path, replacing an implausible client one). A fresh one only where no proxy
 * ran, as for a test calling a handler directly.
 */
export const requestIdOf = (headers: Headers): string => headers.get("x-request-id") ?? crypto.randomUUID();
