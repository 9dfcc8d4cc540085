import NextAuth from "next-auth";
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { refuseMalformedAction } from "@/lib/actions/request-guard";
import { authConfig } from "@/lib/auth/config";
import { authSecret } from "@/lib/env";

const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));

/** Pages for people who are not signed in: signing in, and choosing a password through a mailed link. */
const PUBLIC_PAGES = ["/sign-in", "/forgot-password", "/set-password"];

/**
 * Only redirects and tags requests: pages and the data layer check the person themselves.
 * Every request gets an `x-request-id` that logs and error messages carry.
 */
const handler = auth((request) => {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  if (!request.auth && !isApi && !PUBLIC_PAGES.includes(pathname)) {
    const signIn = new URL("/sign-in", request.nextUrl);
    if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}) as unknown as Promise<(request: NextRequest, event: NextFetchEvent) => Promise<Response>>;

// With a lazily configured Auth.js (the secret is read at request time, not at build), wrapping
// a handler yields a promise of the wrapped handler rather than the handler itself.
export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  // Next answers an oversized or undecodable server action body with a 500; this says what it is.
  const refused = await refuseMalformedAction(request);
  if (refused) return refused;
  return (await handler)(request, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
