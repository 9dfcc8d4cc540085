import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ACTION_BODY_LIMIT_MB } from "./lib/actions/body-limit";

// The Content-Security-Policy (with a nonce per response) and HSTS (production, runtime `HSTS`) are
// set per request in proxy.ts; these never change.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its package folder at run time; Neon's
  // driver and ws are left to Node as well, so the app runs them as the integration tests do.
  // pdfkit reads its standard fonts' metrics (AFM files) from its package folder when it draws.
  serverExternalPackages: ["@electric-sql/pglite", "@neondatabase/serverless", "ws", "pdfkit"],
  // A self-contained server in .next/standalone, with only the node_modules it needs (see the Dockerfile).
  output: "standalone",
  poweredByHeader: false,
  // Responses leave uncompressed: the proxy in front of every deployment compresses them (Vercel's
  // edge; nginx in the self-hosted set-up, README "Deployment"), in native code and with brotli,
  // instead of gzip on the event loop that renders pages (2 ms of a 200-message chat resync here,
  // bench/README.md "chat.resync").
  compress: false,
  typedRoutes: false,
  experimental: {
    // A course import sends its file (at most 1 MiB, lib/learning/import/format.ts) as a Blob in the
    // action's body; the default limit is 1 MB. proxy.ts answers larger bodies with a 413 of its own.
    serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` },
    // The proxy (proxy.ts) runs on every route and buffers request bodies up to this size, cutting
    // longer ones: an HR import file may be up to 20 MB (lib/hr/import/csv.ts), sent with its multipart envelope.
    proxyClientMaxBodySize: "21mb",
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
