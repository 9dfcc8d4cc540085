import type { Env } from "@/base/env";

/** A fresh, unguessable nonce for one response's scripts (128 bits, base64). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The WebSocket origin browsers open for realtime: soketi's public host, or Pusher Channels' cluster host. */
export function realtimeSource(pusher: Env["pusher"]): string {
  const scheme = pusher.useTLS ? "wss" : "ws";
  if (!pusher.publicHost) return `${scheme}://ws-${pusher.cluster}.pusher.com`;
  const host = pusher.publicHost.includes(":") && !pusher.publicHost.startsWith("[") ? `[${pusher.publicHost}]` : pusher.publicHost;
  return pusher.publicPort ? `${scheme}://${host}:${pusher.publicPort}` : `${scheme}://${host}`;
}

/**
 * The Content-Security-Policy of one response. Scripts run only with this request's nonce (Next puts
 * it on its own script tags, reading it from the request's copy of this header) and what those load;
 * inline style attributes stay allowed (React's `style` props, recharts); the only other origin is
 * the realtime server's WebSocket, and forms may also go to the identity provider.
 */
export function contentSecurityPolicy(nonce: string, config: Pick<Env, "nodeEnv" | "pusher" | "oidc">): string {
  // React rebuilds server error stacks with eval in development only.
  const devEval = config.nodeEnv === "development" ? " 'unsafe-eval'" : "";
  const formTargets = config.oidc ? ` ${new URL(config.oidc.issuer).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${realtimeSource(config.pusher)}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${formTargets}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS for a year, subdomains included; sent on every response in production unless `HSTS=off`. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
