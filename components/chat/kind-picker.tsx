"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ChatMessageDto } from "@/lib/chat/queries";

type Kind = ChatMessageDto["kind"];

/**
 * The kind of the message being written, as a segmented control: native radios (so ←/→ move the
 * choice and Tab leaves the group, as everywhere), drawn as one row of pills.
 */
export function KindPicker({ kinds, value, onChange }: { kinds: readonly Kind[]; value: Kind; onChange: (kind: Kind) => void }) {
  const t = useTranslations("chatTab");
  const name = useId();
  return (
    <div role="radiogroup" aria-label={t("composer.kind")} className="inline-flex rounded-md bg-slate-100 p-0.5">
      {kinds.map((kind) => (
        <label key={kind} className="relative">
          <input
            type="radio"
            name={name}
            value={kind}
            checked={value === kind}
            onChange={() => onChange(kind)}
            className="peer absolute inset-0 cursor-pointer opacity-0"
          />
          <span className="block rounded px-2.5 py-1 text-xs font-medium text-slate-700 peer-checked:bg-white peer-checked:text-slate-900 peer-checked:shadow-sm peer-hover:text-slate-900 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600">
            {t(`kinds.${kind}`)}
          </span>
        </label>
      ))}
    </div>
  );
}
