"use client";

import { useTranslations } from "next-intl";
import { ActionAlert } from "@/components/ui/action-alert";
import { placesRefusal } from "@/lib/membership-core/capacity";
import { fitsInGroup, type PreviewState } from "./use-add-preview";

/** The counts before Confirm: "37 to add, 2 already members, 1 deactivated — skipped", and the places. */
export function AddPreview({ state }: { state: PreviewState }) {
  const t = useTranslations("members.add.preview");
  const te = useTranslations("errors");
  if (state.status === "idle") return null;
  return (
    <div aria-live="polite" className="rounded-md bg-slate-50 px-4 py-3 text-sm">
      {state.status === "loading" && <p className="text-slate-600">{t("counting")}</p>}
      {state.status === "done" && !state.result.ok && <ActionAlert error={state.result.error} />}
      {state.status === "done" && state.result.ok && (
        <>
          <p className="font-medium text-slate-900">
            {t("summary", {
              toAdd: state.result.data.toAdd,
              alreadyMembers: state.result.data.alreadyMembers,
              deactivated: state.result.data.deactivated,
            })}
          </p>
          <p className="mt-1 text-slate-600">
            {state.result.data.max === null
              ? t("placesUnlimited", { taken: state.result.data.taken })
              : t("places", { taken: state.result.data.taken, max: state.result.data.max })}
          </p>
          {!fitsInGroup(state.result.data) && state.result.data.max !== null && (
            <p className="mt-2 font-medium text-red-800">
              {te("group_full", placesRefusal(state.result.data.taken, state.result.data.max, state.result.data.toAdd))}
            </p>
          )}
        </>
      )}
    </div>
  );
}
