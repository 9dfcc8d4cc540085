"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButton } from "@/components/ui/dialog-button";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { assignPersonAction } from "@/lib/assignments/actions";
import type { AssignResult } from "@/lib/assignments/assign";
import type { CourseOption } from "@/lib/learning/queries";
import { AssignmentTermsFields, initialTerms, TERMS_FIELDS, termsInput } from "./assignment-terms";

/** The person page's "Assign a course" (admins): course, deadline, reminders, Confirm. One operation id per opening. */
export function AssignPersonButton({ person, courses }: { person: { id: string; name: string }; courses: readonly CourseOption[] }) {
  const t = useTranslations("assignPerson");
  return (
    <DialogButton label={t("open")} variant="primary">
      {(close) => <AssignPersonDialog person={person} courses={courses} onClose={close} />}
    </DialogButton>
  );
}

const outcomeOf = (result: AssignResult) =>
  result.assigned > 0 ? "assigned" : result.alreadyCompleted > 0 ? "alreadyCompleted" : "alreadyAssigned";

function AssignPersonDialog({
  person,
  courses,
  onClose,
}: {
  person: { id: string; name: string };
  courses: readonly CourseOption[];
  onClose: () => void;
}) {
  const t = useTranslations("assignPerson");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [courseId, setCourseId] = useState("");
  const [terms, setTerms] = useState(initialTerms);
  const [result, setResult] = useState<AssignResult | null>(null);
  const assign = useAction(assignPersonAction);
  const fieldErrors = assign.error?.fieldErrors;
  const course = courses.find((option) => option.id === courseId)?.title ?? "";

  const confirm = () =>
    assign.run({ personId: person.id, courseId, operationId, ...termsInput(terms) }, (data) => {
      setResult(data);
      router.refresh();
    });

  return (
    <Dialog
      title={t("title", { name: person.name })}
      description={t("intro", { name: person.name })}
      onClose={onClose}
      busy={assign.pending}
    >
      {result ? (
        <>
          <p role="status" className="text-sm text-slate-800">
            {t(outcomeOf(result), { name: person.name, course })}
          </p>
          <DialogFooter>
            <Button variant="primary" onClick={onClose} autoFocus>
              {tc("done")}
            </Button>
          </DialogFooter>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            confirm();
          }}
          className="space-y-5"
        >
          {courses.length === 0 ? (
            <p className="text-sm text-slate-700">{t("noCourses")}</p>
          ) : (
            <FormField label={t("course")} errors={fieldErrors?.courseId}>
              {(control) => (
                <select {...control} required value={courseId} onChange={(event) => setCourseId(event.target.value)} className={inputClass}>
                  <option value="">{t("chooseCourse")}</option>
                  {courses.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.title}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
          <AssignmentTermsFields draft={terms} onChange={setTerms} fieldErrors={fieldErrors} />
          <ActionAlert error={assign.error} fields={["courseId", ...TERMS_FIELDS]} />
          <DialogFooter>
            <Button onClick={onClose} disabled={assign.pending}>
              {tc("cancel")}
            </Button>
            <Button type="submit" variant="primary" pending={assign.pending} disabled={!courseId}>
              {assign.pending ? t("pending") : t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
