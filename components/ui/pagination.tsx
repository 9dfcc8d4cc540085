import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "./button";

/**
 * Previous / Next links and "Page x of y"; `href` builds the link to a page. Nothing when one page
 * holds everything. Lists too large to count each time give `hasNext` instead of a total: "Page x".
 */
export async function Pagination({
  page,
  href,
  ...extent
}: {
  page: number;
  href: (page: number) => string;
} & ({ pageSize: number; total: number } | { hasNext: boolean })) {
  const t = await getTranslations("common");
  const pages = "total" in extent ? Math.max(1, Math.ceil(extent.total / extent.pageSize)) : page + (extent.hasNext ? 1 : 0);
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
      <p className="text-sm text-slate-700">{"total" in extent ? t("pageOf", { page, pages }) : t("page", { page })}</p>
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
