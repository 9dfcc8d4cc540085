import { jsonRoute } from "@/lib/http/errors";
import { handleSignInsCron } from "@/lib/cron/sign-ins";

export const dynamic = "force-dynamic";

export const GET = jsonRoute("cron sign-ins", (request: Request) => handleSignInsCron(request));
export const POST = GET;
