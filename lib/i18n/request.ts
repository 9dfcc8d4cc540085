import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getViewer } from "@/lib/auth/current-user";
import { formatLocale, loadMessages, preferredLocale } from "./catalogue";
import { formats } from "./formats";

/**
 * The person's own locale and time zone format dates and numbers; signed-out pages follow the
 * browser. Sentences come from the catalogue of that locale's language, English when we have none.
 */
export default getRequestConfig(async () => {
  const viewer = await getViewer();
  const requested = viewer?.locale ?? preferredLocale((await headers()).get("accept-language"));
  const locale = formatLocale(requested);
  return {
    locale,
    timeZone: viewer?.timeZone ?? "UTC",
    messages: await loadMessages(locale),
    formats,
  };
});
