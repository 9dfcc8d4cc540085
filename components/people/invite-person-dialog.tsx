"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { DepartmentSelect } from "@/components/departments/department-select";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";
import { invitePersonAction } from "@/lib/accounts/actions";
import { PERSON_NAME_MAX } from "@/lib/accounts/schemas";
import type { DepartmentOption } from "@/lib/departments/queries";
import { ResendInvitationButton } from "./resend-invitation-button";

const FIELDS = ["name", "email", "departmentId", "roles"] as const;
const ROLES = [
  { value: "admin", label: "roleAdmin" },
  { value: "hr", label: "roleHr" },
] as const;

/**
 * "Invite a person": name, work email, department and extra roles. One operation id per opening,
 * so a double click or a retry invites once; afterwards the dialog confirms and offers a resend.
 */
export function InvitePersonDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("accounts.people");
  const tc = useTranslations("common");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const invite = useAction(invitePersonAction);
  const [invited, setInvited] = useState<{ userId: string; email: string } | null>(null);
  const [department, setDepartment] = useState<DepartmentOption | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldErrors = invite.error?.fieldErrors ?? {};

  useFocusFirstInvalid(formRef, invite.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    invite.run(
      {
        name: String(data.get("name") ?? ""),
        email,
        departmentId: department?.id ?? "",
        roles: data
          .getAll("roles")
          .map(String)
          .filter((role): role is "admin" | "hr" => role === "admin" || role === "hr"),
        operationId,
      },
      ({ userId }) => {
        setInvited({ userId, email: email.trim().toLowerCase() });
        router.refresh();
      },
    );
  };

  return (
    <Dialog title={t("invite")} description={invited ? undefined : t("inviteIntro")} onClose={onClose} busy={invite.pending}>
      {invited ? (
        <div className="space-y-4">
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            {t("invited", { email: invited.email })}
          </p>
          <ResendInvitationButton userId={invited.userId} />
          <DialogFooter>
            <Button variant="primary" onClick={onClose}>
              {tc("done")}
            </Button>
          </DialogFooter>
        </div>
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
          <ActionAlert error={invite.error} fields={FIELDS} />
          <FormField label={t("name")} errors={fieldErrors.name}>
            {(control) => <input {...control} name="name" required maxLength={PERSON_NAME_MAX} autoComplete="off" className={inputClass} />}
          </FormField>
          <FormField label={t("email")} errors={fieldErrors.email}>
            {(control) => <input {...control} name="email" type="email" required autoComplete="off" className={inputClass} />}
          </FormField>
          <DepartmentSelect
            label={t("department")}
            choose={t("noDepartment")}
            optional
            value={department}
            onChange={setDepartment}
            error={fieldErrors.departmentId?.[0]}
          />
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">{t("roles")}</legend>
            <p className="mt-1 text-xs text-slate-600">{t("rolesHint")}</p>
            <div className="mt-2 space-y-2">
              {ROLES.map((role) => (
                <label key={role.value} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="roles" value={role.value} className="mt-0.5 accent-brand-600" />
                  {t(role.label)}
                </label>
              ))}
            </div>
          </fieldset>
          <DialogFooter>
            <Button onClick={onClose} disabled={invite.pending}>
              {tc("cancel")}
            </Button>
            <Button type="submit" variant="primary" pending={invite.pending}>
              {invite.pending ? t("sending") : t("send")}
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}
