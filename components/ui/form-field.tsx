import { useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";
import { useFieldErrorMessage } from "./use-error-message";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 aria-[invalid=true]:border-red-600";

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled control with its hint and its errors, tied together by id for assistive technology. */
export function FormField({
  label,
  hint,
  errors,
  optional = false,
  children,
}: {
  label: string;
  hint?: string;
  errors?: readonly string[];
  optional?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const t = useTranslations("common");
  const fieldMessage = useFieldErrorMessage();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = (errors?.length ?? 0) > 0;
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-900">
        {label}
        {optional && <span className="ml-1 font-normal text-slate-600">{t("optional")}</span>}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": invalid || undefined })}
      {invalid && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {[...new Set((errors ?? []).map(fieldMessage))].join(" ")}
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}
