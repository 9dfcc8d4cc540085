import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "./button";

/** Previous / Next links and "Page x of y"; `href` builds the link to a page. Nothing when one page holds everything. */
export async function Pagination({
  page,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const t = await getTranslations("common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1 && page === 1) return null;
  const disabled = `${buttonClass("secondary")} pointer-events-none opacity-50`;
  return (
    <nav aria-label={t("pagination")} className="mt-4 flex items-center justify-between gap-4">
      {page > 1 ? (
        <Link href={href(Math.min(page - 1, pages))} rel="prev" className={buttonClass("secondary")}>
          {t("previous")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("previous")}
        </span>
      )}
      <p className="text-sm text-slate-700">{t("pageOf", { page, pages })}</p>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={buttonClass("secondary")}>
          {t("next")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("next")}
        </span>
      )}
    </nav>
  );
}
