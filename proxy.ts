import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { refuseMalformedAction } from "@/lib/actions/request-guard";
import { authConfig } from "@/lib/auth/config";
import { authSecret, env } from "@/base/env";
import { STRICT_TRANSPORT_SECURITY, contentSecurityPolicy, createNonce } from "@/lib/http/csp";
import { requestIdFor } from "@/lib/http/request-id";
import { crossSiteRefusal, isCrossSite, needsSameOrigin } from "@/lib/http/same-origin";

const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));

/** Pages for people who are not signed in: signing in, and choosing a password through a mailed link. */
const PUBLIC_PAGES = ["/sign-in", "/forgot-password", "/set-password"];

/** Build output and the icons (app/favicon.ico, app/icon.svg): no session, no page, only the headers every response carries. */
const STATIC_PREFIXES = ["/_next/static/", "/_next/image", "/favicon.ico", "/icon.svg"];

/**
 * Refuses and tags requests: pages and the data layer check the person themselves. Every request
 * gets an `x-request-id` that logs and error messages carry (the client's own only when it looks like
 * an id), and every answer a Content-Security-Policy whose script nonce Next reads from the request's
 * copy of the header and puts on its script tags. Pages (not `/api/`) of a signed-out person
 * redirect to sign-in.
 */
function tag(request: NextRequest, signedIn: boolean): Response {
  const requestId = requestIdFor(request.headers.get("x-request-id"));
  const { pathname, search } = request.nextUrl;
  const tagged = (response: Response) => {
    response.headers.set("x-request-id", requestId);
    return response;
  };
  // Before Next's own server-action check, which throws (a 500) on a foreign Origin.
  if (needsSameOrigin(request.method, pathname) && isCrossSite(request.headers, env().appUrl)) {
    return tagged(crossSiteRefusal());
  }
  if (!signedIn && !isApi(pathname) && !PUBLIC_PAGES.includes(pathname)) {
    const signIn = new URL("/sign-in", request.nextUrl);
    if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return tagged(NextResponse.redirect(signIn));
  }
  const policy = contentSecurityPolicy(createNonce(), env());
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return tagged(response);
}

const isApi = (pathname: string) => pathname.startsWith("/api/");

/** For pages and server actions: Auth.js reads the session (for the redirect) and keeps its cookie fresh. */
const handler = auth((request) => tag(request, Boolean(request.auth))) as unknown as Promise<
  (request: NextRequest, event: NextFetchEvent) => Promise<Response>
>;

// With a lazily configured Auth.js (the secret is read at request time, not at build), wrapping
// a handler yields a promise of the wrapped handler rather than the handler itself.
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const { pathname } = request.nextUrl;
  const response = STATIC_PREFIXES.some((prefix) => pathname.startsWith(prefix))
    ? NextResponse.next()
    : // Routes under /api/ read the session themselves and redirect nobody: Auth.js's pass here
      // (a decryption and a re-encrypted cookie) would be a third of a small route's cost.
      isApi(pathname)
      ? tag(request, false)
      : // Next answers an oversized or undecodable server action body with a 500; this says what it is.
        ((await refuseMalformedAction(request)) ?? (await (await handler)(request, event)));
  if (env().hsts) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

// Every path, build output included: HSTS goes on every response.
export const config = {
  matcher: ["/:path*"],
};
