import { useTranslations } from "next-intl";
import { MAX_BODY_LENGTH } from "@/lib/chat/schemas";

/** "1,234 / 4,000", red with the excess spelled out once a message is too long. */
export function CharacterCounter({ id, length }: { id: string; length: number }) {
  const t = useTranslations("chatTab.composer");
  const over = length - MAX_BODY_LENGTH;
  return (
    <p id={id} className={`text-xs ${over > 0 ? "font-medium text-red-700" : "text-slate-600"}`}>
      <span aria-hidden="true">{t("counter", { count: length, max: MAX_BODY_LENGTH })}</span>
      <span className="sr-only">{t("counterLabel", { count: length, max: MAX_BODY_LENGTH })}</span>
      {over > 0 && <span className="ml-2">{t("tooLong", { over })}</span>}
    </p>
  );
}
