import { jsonRoute } from "@/lib/http/errors";
import { handleImportsCron } from "@/lib/cron/imports";

export const dynamic = "force-dynamic";

export const GET = jsonRoute("cron imports", (request: Request) => handleImportsCron(request));
export const POST = GET;
