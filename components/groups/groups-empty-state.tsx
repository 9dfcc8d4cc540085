import { getTranslations } from "next-intl/server";

/**
 * What an empty list says: for a search, that nothing matched; for the archive, what archiving is;
 * for a company without groups, when a group makes sense (and when a direct assignment is enough).
 */
export async function GroupsEmptyState({ archived, query }: { archived: boolean; query: string }) {
  const t = await getTranslations("groups");
  const frame = "rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700";
  if (query) return <p className={frame}>{t("empty.noMatches", { query })}</p>;
  if (archived) return <p className={frame}>{t("empty.noArchived")}</p>;
  const reasons = ["journey", "bulk", "crossTeam", "reporting"] as const;
  return (
    <section aria-labelledby="groups-empty" className={`${frame} sm:p-8`}>
      <h2 id="groups-empty" className="text-lg font-semibold text-slate-900">
        {t("empty.title")}
      </h2>
      <p className="mt-2 max-w-2xl">{t("empty.intro")}</p>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {reasons.map((reason) => (
          <li key={reason} className="rounded-md bg-slate-50 p-4">
            <p className="font-medium text-slate-900">{t(`empty.${reason}.title`)}</p>
            <p className="mt-1 text-sm text-slate-600">{t(`empty.${reason}.body`)}</p>
          </li>
        ))}
      </ul>
      <p className="mt-4 max-w-2xl text-sm">{t("empty.single")}</p>
    </section>
  );
}
