import { jsonRoute } from "@/lib/http/errors";
import { handleRetentionCron } from "@/lib/cron/retention";

export const dynamic = "force-dynamic";

export const GET = jsonRoute("cron retention", (request: Request) => handleRetentionCron(request));
export const POST = GET;
