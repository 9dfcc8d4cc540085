import type { ActionError } from "@/lib/actions/safe-action";
import { useErrorMessage, useFieldErrorMessage } from "./use-error-message";

/**
 * An action's error in an alert named by its sentence. Field errors of the `fields` rendered
 * beside their inputs stay there; any others (say, an empty selection) are the alert's text.
 */
export function ActionAlert({ error, fields = [] }: { error: ActionError | null; fields?: readonly string[] }) {
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldErrorMessage();
  if (!error) return null;
  const unbound = Object.entries(error.fieldErrors ?? {})
    .filter(([field]) => !fields.includes(field))
    .flatMap(([, keys]) => keys.map(fieldMessage));
  const text = error.code === "invalid_input" && unbound.length > 0 ? [...new Set(unbound)].join(" ") : errorMessage(error);
  return (
    <div role="alert" aria-label={text} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {text}
    </div>
  );
}
