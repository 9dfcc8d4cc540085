import { jsonRoute } from "@/lib/http/errors";
import { handleRemindersCron } from "@/lib/cron/reminders";

export const dynamic = "force-dynamic";

export const GET = jsonRoute("cron reminders", (request: Request) => handleRemindersCron(request));
export const POST = GET;
