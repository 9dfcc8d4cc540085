import { getTranslations } from "next-intl/server";
import { buttonClass } from "./button";
import { inputClass } from "./form-field";

/** A GET search form: `?q=`, keeping the `keep` parameters (the tab) and starting again at page 1. */
export async function SearchForm({ label, query, keep = {} }: { label: string; query: string; keep?: Record<string, string> }) {
  const t = await getTranslations("common");
  return (
    <form role="search" method="get" aria-label={label} className="flex w-full max-w-md items-end gap-2">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="min-w-0 flex-1">
        <label htmlFor="search-q" className="sr-only">
          {label}
        </label>
        <input id="search-q" name="q" type="search" defaultValue={query} placeholder={label} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        {t("search")}
      </button>
    </form>
  );
}
