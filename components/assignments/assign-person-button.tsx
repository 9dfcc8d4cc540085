"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButton } from "@/components/ui/dialog-button";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { CourseSelect } from "@/components/learning/course-select";
import { useAction } from "@/components/ui/use-action";
import { assignPersonAction } from "@/lib/assignments/actions";
import type { AssignResult } from "@/lib/assignments/assign";
import type { CourseOption } from "@/lib/learning/queries";
import { AssignmentTermsFields, initialTerms, TERMS_FIELDS, termsInput } from "./assignment-terms";

/**
 * The person page's "Assign a course" (admins): course, deadline, reminders, Confirm; a toast says
 * what came of it. One operation id per opening.
 */
export function AssignPersonButton({ person }: { person: { id: string; name: string } }) {
  const t = useTranslations("assignPerson");
  return (
    <DialogButton label={t("open")} variant="primary">
      {(close) => <AssignPersonDialog person={person} onClose={close} />}
    </DialogButton>
  );
}

const outcomeOf = (result: AssignResult) =>
  result.assigned > 0 ? "assigned" : result.alreadyCompleted > 0 ? "alreadyCompleted" : "alreadyAssigned";

function AssignPersonDialog({ person, onClose }: { person: { id: string; name: string }; onClose: () => void }) {
  const t = useTranslations("assignPerson");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [course, setCourse] = useState<CourseOption | null>(null);
  const [terms, setTerms] = useState(initialTerms);
  const assign = useAction(assignPersonAction, {
    success: (result) => t(outcomeOf(result), { name: person.name, course: course?.title ?? "" }),
  });
  const fieldErrors = assign.error?.fieldErrors;

  const confirm = () =>
    course &&
    assign.run({ personId: person.id, courseId: course.id, operationId, ...termsInput(terms) }, () => {
      router.refresh();
      onClose();
    });

  return (
    <Dialog
      title={t("title", { name: person.name })}
      description={t("intro", { name: person.name })}
      onClose={onClose}
      busy={assign.pending}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
        className="space-y-5"
      >
        <CourseSelect
          label={t("course")}
          choose={t("chooseCourse")}
          none={t("noCourses")}
          value={course}
          onChange={setCourse}
          error={fieldErrors?.courseId?.[0]}
        />
        <AssignmentTermsFields draft={terms} onChange={setTerms} fieldErrors={fieldErrors} />
        <ActionAlert error={assign.error} fields={["courseId", ...TERMS_FIELDS]} />
        <DialogFooter>
          <Button onClick={onClose} disabled={assign.pending}>
            {tc("cancel")}
          </Button>
          <Button type="submit" variant="primary" pending={assign.pending} disabled={!course}>
            {assign.pending ? t("pending") : t("confirm")}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
