import { handleRollupCron } from "@/lib/cron/rollup";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleRollupCron(request);
export const POST = GET;
