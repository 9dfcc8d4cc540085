"use client";

import { useTranslations } from "next-intl";
import { DialogButton } from "@/components/ui/dialog-button";
import { ImportCourseDialog } from "./import-course-dialog";

export function ImportCourseButton() {
  const t = useTranslations("coursesAdmin.import");
  return (
    <DialogButton variant="primary" label={t("button")}>
      {(close) => <ImportCourseDialog onClose={close} />}
    </DialogButton>
  );
}
