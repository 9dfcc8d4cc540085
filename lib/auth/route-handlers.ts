import type { NextRequest } from "next/server";
import { handlers } from "./index";

const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/;

/**
 * A NextRequest's URL turns a loopback address (127.0.0.1, [::1]) into `localhost`, while Auth.js's
 * server-side `signIn` builds the OIDC redirect URI from the Host header as it came. The identity provider
 * requires the callback to repeat that URI exactly, so on a loopback host Auth.js gets a plain Request
 * with the host the browser used (as under `next start` on 127.0.0.1, which the e2e tests do).
 */
function asRequested(request: NextRequest): NextRequest {
  const host = request.headers.get("host");
  if (!host || !LOOPBACK.test(host)) return request;
  const url = new URL(request.url);
  url.host = host;
  const init = { method: request.method, headers: request.headers, body: request.body, duplex: "half" };
  // Auth.js reads only what a Request has (url, method, headers, body), unless AUTH_URL is set.
  return Object.assign(new Request(url, init as RequestInit), { nextUrl: request.nextUrl }) as NextRequest;
}

export const GET = (request: NextRequest) => handlers.GET(asRequested(request));
export const POST = (request: NextRequest) => handlers.POST(asRequested(request));
