/** What a client-sent `x-request-id` may look like to be kept: no spaces, quotes, newlines or log-line tricks. */
export const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The id a request is logged and answered under: the one it came with when that is plausible, a fresh one otherwise. */
export function requestIdFor(sent: string | null | undefined): string {
  return sent && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}
