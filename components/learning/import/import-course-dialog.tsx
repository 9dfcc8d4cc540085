"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { importCourseAction } from "@/lib/learning/import/actions";
import { COURSE_FILE_MAX_BYTES } from "@/lib/learning/import/format";
import type { ImportResult } from "@/lib/learning/import/import-course";
import { ImportIssues } from "./import-issues";
import { ImportSummaryView } from "./import-summary";

/**
 * Reads the chosen file in the browser and sends its bytes as they are (a Blob, never a JSON
 * string, which escaping could make several times larger than the file). An invalid file changes nothing and
 * lists every problem with where it is; the corrected file can go with the same operation id,
 * which only a successful import claims. A new id is drawn for each further file after a success.
 */
export function ImportCourseDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("coursesAdmin.import");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId, setOperationId] = useState(() => crypto.randomUUID());
  const [outcome, setOutcome] = useState<ImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const action = useAction(importCourseAction);
  const busy = reading || action.pending;

  // The result is announced and takes the focus, so a keyboard user lands on what to do next.
  useEffect(() => {
    if (outcome) resultRef.current?.focus();
    else if (fileError) inputRef.current?.focus();
  }, [outcome, fileError]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOutcome(null);
    setFileError(null);
    const file = inputRef.current?.files?.[0];
    if (!file) return setFileError("coursesAdmin.import.chooseFile");
    if (file.size > COURSE_FILE_MAX_BYTES) {
      return setOutcome({
        status: "invalid",
        total: 1,
        issues: [{ path: "", code: "fileTooLarge", values: { bytes: file.size, max: COURSE_FILE_MAX_BYTES } }],
      });
    }
    setReading(true);
    let bytes: ArrayBuffer;
    try {
      // Read here, so that a file that has gone or cannot be read is said so before anything is sent.
      bytes = await file.arrayBuffer();
    } catch (error) {
      // The browser's NotReadableError or NotFoundError: the file changed or went after it was chosen.
      if (!(error instanceof DOMException)) throw error;
      return setFileError("coursesAdmin.import.unreadable");
    } finally {
      setReading(false);
    }
    action.run({ file: new Blob([bytes], { type: "application/json" }), operationId }, (data) => {
      setOutcome(data);
      if (data.status === "imported") router.refresh();
    });
  };

  // The form comes back with an empty file input, since the summary replaced it.
  const another = () => {
    setOperationId(crypto.randomUUID());
    setOutcome(null);
  };

  const imported = outcome?.status === "imported" ? outcome.summary : null;
  return (
    <Dialog title={t("title")} description={imported ? undefined : t("intro")} onClose={onClose} busy={busy} wide>
      {imported ? (
        <>
          <div ref={resultRef} tabIndex={-1} role="status" className="outline-none">
            <ImportSummaryView summary={imported} />
          </div>
          <DialogFooter>
            <Button onClick={another}>{t("another")}</Button>
            <Button variant="primary" onClick={onClose}>
              {tc("done")}
            </Button>
          </DialogFooter>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-5">
          <ActionAlert error={action.error} />
          <FormField label={t("file")} hint={t("fileHint")} errors={fileError ? [fileError] : undefined}>
            {(control) => (
              <input
                {...control}
                ref={inputRef}
                type="file"
                name="file"
                accept=".json,application/json"
                onChange={() => setFileError(null)}
                className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm file:font-medium`}
              />
            )}
          </FormField>
          {outcome?.status === "invalid" && (
            <div ref={resultRef} tabIndex={-1} className="outline-none">
              <ImportIssues issues={outcome.issues} total={outcome.total} />
            </div>
          )}
          <DialogFooter>
            <Button onClick={onClose} disabled={busy}>
              {tc("cancel")}
            </Button>
            <Button type="submit" variant="primary" pending={busy}>
              {busy ? t("pending") : t("submit")}
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
