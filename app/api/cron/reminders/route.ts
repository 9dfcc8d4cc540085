import { handleRemindersCron } from "@/lib/cron/reminders";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleRemindersCron(request);
export const POST = GET;
