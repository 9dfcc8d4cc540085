import { openApiDocument } from "@/lib/hr/api/openapi";

/** The document changes only with a deployment: built once per server. */
let document: string | undefined;

export function GET() {
  document ??= JSON.stringify(openApiDocument());
  return new Response(document, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}
