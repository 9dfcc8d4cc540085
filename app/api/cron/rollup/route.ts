import { jsonRoute } from "@/lib/http/errors";
import { handleRollupCron } from "@/lib/cron/rollup";

export const dynamic = "force-dynamic";

export const GET = jsonRoute("cron rollup", (request: Request) => handleRollupCron(request));
export const POST = GET;
