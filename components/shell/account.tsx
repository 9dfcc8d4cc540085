import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";

/** Who is signed in, to which company, and the way out: pinned to the foot of the sidebar, and of the drawer. */
export async function Account({ name, companyName }: { name: string; companyName: string }) {
  const t = await getTranslations("nav");
  return (
    <div className="flex items-center gap-3 border-t border-slate-200 px-4 py-3">
      <p className="min-w-0 flex-1 text-sm">
        <span className="sr-only">{t("account", { name })}</span>
        <span aria-hidden="true" className="block truncate font-medium text-slate-900">
          {name}
        </span>
        <span className="block truncate text-slate-600">{companyName}</span>
      </p>
      <form action={signOutAction}>
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100"
        >
          {t("signOut")}
        </button>
      </form>
    </div>
  );
}
