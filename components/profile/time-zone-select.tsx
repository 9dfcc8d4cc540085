"use client";

import { useCallback } from "react";
import { SearchSelect, usePickerTexts } from "@/components/ui/search-select";
import type { ActionResult } from "@/lib/actions/safe-action";
import { matchTimeZones } from "@/lib/i18n/locales";
import type { OptionPage } from "@/lib/pagination";

type Zone = { id: string };

/**
 * A time zone among the ~420 the runtime knows, as every picker of many things chooses: a search box
 * ("berlin") narrowing the select below it to the matching zones, by keyboard as by pointer. The
 * zones are all on the page already, so the search runs in the browser. `""` is the company's zone.
 */
export function TimeZoneSelect({
  zones,
  defaultValue,
  companyDefault,
  label,
  hint,
  error,
}: {
  zones: readonly string[];
  defaultValue: string;
  /** The empty choice: "Company default (Europe/Berlin)". */
  companyDefault: string;
  label: string;
  hint: string;
  error?: string | null;
}) {
  const texts = usePickerTexts("timeZoneSelect", { choose: companyDefault });
  const search = useCallback(
    async (term: string): Promise<ActionResult<OptionPage<Zone>>> => ({ ok: true, data: matchTimeZones(zones, term) }),
    [zones],
  );
  return (
    <SearchSelect<Zone>
      label={label}
      hint={hint}
      name="timeZone"
      error={error}
      texts={texts}
      search={search}
      defaultValue={defaultValue ? { id: defaultValue } : null}
      render={(options) =>
        options.map((zone) => (
          <option key={zone.id} value={zone.id}>
            {zone.id}
          </option>
        ))
      }
    />
  );
}
