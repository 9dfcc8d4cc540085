"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type DragEvent, type FormEvent, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Cell, DataTable, Row, RowHeader } from "@/components/ui/data-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ActionError } from "@/lib/actions/safe-action";
import type { ImportJobView } from "@/lib/hr/import/progress";

/** The job as JSON brings it: dates are strings. */
type Job = Omit<ImportJobView, "createdAt" | "finishedAt" | "sameFileImportedAt"> & {
  createdAt: string;
  finishedAt: string | null;
  sameFileImportedAt: string | null;
};

/** How often the page asks for the job's progress while it runs. */
const POLL_MS = 250;
/** A stalled job only moves when the scheduler settles it: asked after less often. */
const STALLED_POLL_MS = 5_000;
const PROBLEMS_PER_PAGE = 20;
const running = (job: Job | null) => job !== null && ["validating", "staging", "applying"].includes(job.status);

async function call(url: string, init?: RequestInit): Promise<{ job?: Job; error?: ActionError }> {
  try {
    const response = await fetch(url, { cache: "no-store", ...init });
    return (await response.json()) as { job?: Job; error?: ActionError };
  } catch (error) {
    // The server unreachable (fetch's TypeError) or an answer that is no JSON (a proxy's error page).
    if (error instanceof TypeError || error instanceof SyntaxError) return { error: { code: "unexpected" } };
    throw error;
  }
}

/** Upload, the check's problems or preview, Confirm, progress and the outcome of one import. */
export function ImportPanel() {
  const t = useTranslations("hr.import");
  const format = useFormatter();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [page, setPage] = useState(0);

  const jobId = job?.id;
  const isRunning = running(job);
  const stalled = job?.stalled === true;
  useEffect(() => {
    if (!jobId || !isRunning) return;
    const timer = setInterval(
      async () => {
        const answer = await call(`/api/hr/imports/${jobId}`);
        if (answer.job) {
          setJob(answer.job);
          if (!running(answer.job)) router.refresh();
        }
      },
      stalled ? STALLED_POLL_MS : POLL_MS,
    );
    return () => clearInterval(timer);
  }, [jobId, isRunning, stalled, router]);

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError({ code: "invalid_input", fieldErrors: { _: ["hr.import.noFile"] } });
      return;
    }
    setPending(true);
    setError(null);
    // The file itself as the body: the server reads it as it arrives and stops at the limits.
    const answer = await call(`/api/hr/imports?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      body: file,
      headers: { "Content-Type": "text/csv" },
    });
    setPending(false);
    setPage(0);
    if (answer.job) setJob(answer.job);
    else setError(answer.error ?? { code: "unexpected" });
  }

  async function confirm() {
    if (!job) return;
    setPending(true);
    const answer = await call(`/api/hr/imports/${job.id}/confirm`, { method: "POST" });
    setPending(false);
    if (answer.job) {
      setConfirming(false);
      setJob(answer.job);
    } else setError(answer.error ?? { code: "unexpected" });
  }

  function reset() {
    setJob(null);
    setFile(null);
    setError(null);
    if (input.current) input.current.value = "";
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }

  if (!job) {
    return (
      <form
        onSubmit={upload}
        onDragOver={(event) => event.preventDefault()}
        onDrop={drop}
        className="space-y-3 rounded-lg border-2 border-dashed border-slate-300 bg-white p-6"
        noValidate
      >
        <div className="flex flex-wrap items-center gap-3">
          <label htmlFor="import-file" className="text-sm font-medium">
            {t("fileLabel")}
          </label>
          <input
            ref={input}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            className="text-sm"
          />
          <span className="text-sm text-slate-500">{t("dropHint")}</span>
        </div>
        {file && <p className="text-sm text-slate-700">{file.name}</p>}
        <ActionAlert error={error} />
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? t("uploading") : t("upload")}
        </Button>
      </form>
    );
  }

  const summary = job.summary;
  // What the import will do until it is done, then what it did.
  const tense = job.status === "done" ? "done" : "preview";
  const nothingToChange = summary !== null && summary.created + summary.updated + summary.memberships === 0;
  const pages = Math.max(1, Math.ceil(job.problems.length / PROBLEMS_PER_PAGE));
  const shown = job.problems.slice(page * PROBLEMS_PER_PAGE, (page + 1) * PROBLEMS_PER_PAGE);

  return (
    <section aria-labelledby="import-status" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="import-status" className="text-lg font-semibold">
        {job.fileName}: {job.stalled ? t("status.stalled") : t(`status.${job.status}`)}
      </h2>

      {job.stalled && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="import-stalled">
          {t("stalled")}
        </p>
      )}

      {(job.status === "validating" || job.status === "staging") && (
        <div className="space-y-2">
          <ProgressBar label={t("progressLabel")} percent={job.totalRows === 0 ? 0 : (job.stagedRows / job.totalRows) * 100} />
          <p className="text-sm text-slate-700" data-testid="import-progress">
            {t("progress", { staged: job.stagedRows, total: job.totalRows })}
          </p>
        </div>
      )}

      {job.status === "invalid" && (
        <div className="space-y-3">
          <p role="alert" className="text-sm text-red-800">
            {t("problemsTitle", { count: job.problemCount })}{" "}
            {job.problemCount > job.problems.length && t("problemsShown", { shown: job.problems.length })}
          </p>
          <DataTable
            label={t("problemsTable")}
            columns={[{ label: t("row") }, { label: t("field") }, { label: t("value") }, { label: t("problem") }]}
          >
            {shown.map((problem, index) => (
              <Row key={`${problem.row}-${problem.field}-${index}`}>
                <RowHeader>{format.number(problem.row)}</RowHeader>
                <Cell>{problem.field ?? ""}</Cell>
                <Cell wrap>{problem.value && <code className="font-mono text-xs break-all">{problem.value}</code>}</Cell>
                <Cell wrap>{t(`problems.${problem.message}` as "problems.emailInvalid")}</Cell>
              </Row>
            ))}
          </DataTable>
          {pages > 1 && (
            <div className="flex items-center gap-3 text-sm">
              <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t("previous")}
              </Button>
              <span>{t("page", { page: page + 1, pages })}</span>
              <Button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                {t("next")}
              </Button>
            </div>
          )}
        </div>
      )}

      {summary && (job.status === "ready" || job.status === "applying" || job.status === "done") && (
        <div className="space-y-2">
          <h3 className="font-medium">{job.status === "done" ? t("summaryTitle") : t("previewTitle")}</h3>
          {job.sameFileImportedAt && <p className="text-sm text-slate-700">{t("sameFile", { date: new Date(job.sameFileImportedAt) })}</p>}
          {nothingToChange ? (
            <p role="status" className="text-sm text-slate-700">
              {t("nothingToChange")}
            </p>
          ) : (
            <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="import-summary">
              <li>{t(`${tense}.created`, { count: summary.created })}</li>
              <li>{t(`${tense}.updated`, { count: summary.updated })}</li>
              <li>{t(`${tense}.unchanged`, { count: summary.unchanged })}</li>
              <li>{t(`${tense}.memberships`, { count: summary.memberships })}</li>
              <li>{t(`${tense}.invitations`, { count: summary.created })}</li>
            </ul>
          )}
        </div>
      )}

      {job.status === "failed" && job.error && <ActionAlert error={job.error as ActionError} />}
      {!confirming && <ActionAlert error={error} />}

      <div className="flex flex-wrap gap-3">
        {job.status === "ready" && !nothingToChange && (
          <Button variant="primary" onClick={() => setConfirming(true)}>
            {t("confirm")}
          </Button>
        )}
        {(!running(job) || job.stalled) && <Button onClick={reset}>{t("another")}</Button>}
      </div>

      {confirming && (
        <ConfirmDialog
          title={t("confirm")}
          confirmLabel={t("confirmYes")}
          pendingLabel={t("status.applying")}
          pending={pending}
          error={error}
          onConfirm={confirm}
          onClose={() => setConfirming(false)}
        >
          <p>{t("confirmQuestion", { total: job.totalRows })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
