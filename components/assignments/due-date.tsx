import { getFormatter, getTranslations } from "next-intl/server";

/**
 * A deadline as the learner reads it, "Due 23:59, 14 Dec", in the viewer's own zone. `dueAt` is the
 * instant the deadline day ends (the next local midnight), so its last minute is shown.
 */
export async function DueDate({ dueAt }: { dueAt: Date }) {
  const [t, format] = await Promise.all([getTranslations("assignments"), getFormatter()]);
  const lastMinute = new Date(dueAt.getTime() - 60_000);
  return (
    <time dateTime={lastMinute.toISOString()}>
      {t("due", {
        time: format.dateTime(lastMinute, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
        date: format.dateTime(lastMinute, { day: "numeric", month: "short", year: "numeric" }),
      })}
    </time>
  );
}
