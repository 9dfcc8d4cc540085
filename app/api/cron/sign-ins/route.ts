import { handleSignInsCron } from "@/lib/cron/sign-ins";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleSignInsCron(request);
export const POST = GET;
