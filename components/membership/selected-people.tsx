import { useTranslations } from "next-intl";

const SHOWN = 6;

/** The names a bulk action applies to: the first few, then how many more. */
export function SelectedPeople({ people }: { people: readonly { userId: string; name: string }[] }) {
  const t = useTranslations("members");
  const more = people.length - SHOWN;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {people.slice(0, SHOWN).map((person) => (
        <li key={person.userId} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-800">
          {person.name}
        </li>
      ))}
      {more > 0 && <li className="px-1 py-0.5 text-xs text-slate-600">{t("andMore", { count: more })}</li>}
    </ul>
  );
}
