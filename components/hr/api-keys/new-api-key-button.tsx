"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogButton } from "@/components/ui/dialog-button";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { FormField, inputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { API_KEY_NAME_MAX } from "@/lib/hr/api-keys/schemas";
import { createApiKeyAction } from "@/lib/hr/api-keys/actions";
import type { CreatedApiKey } from "@/lib/hr/api-keys/secret";
import { SecretOnce } from "./secret-once";

const FIELDS = ["name"] as const;
const SCOPES = ["read", "write"] as const;

export function NewApiKeyButton() {
  const t = useTranslations("apiKeys");
  return (
    <DialogButton variant="primary" label={t("create")}>
      {(close) => <NewApiKeyDialog onClose={close} />}
    </DialogButton>
  );
}

/** Name and scope, then the secret, shown this once. One operation id per opening. */
function NewApiKeyDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("apiKeys");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [operationId] = useState(() => crypto.randomUUID());
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const action = useAction(createApiKeyAction);

  useEffect(() => {
    if (action.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [action.error]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scope = String(form.get("scope") ?? "") as (typeof SCOPES)[number];
    action.run({ name: String(form.get("name") ?? ""), scope, operationId }, (data) => {
      setCreated(data);
      router.refresh();
    });
  };

  if (created) {
    return (
      <Dialog title={t("createdTitle")} onClose={onClose}>
        {created.secret ? <SecretOnce secret={created.secret} /> : <p className="text-sm text-slate-700">{t("replayed")}</p>}
        <DialogFooter>
          <Button variant="primary" onClick={onClose}>
            {t("close")}
          </Button>
        </DialogFooter>
      </Dialog>
    );
  }

  return (
    <Dialog title={t("createTitle")} onClose={onClose} busy={action.pending}>
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
        <ActionAlert error={action.error} fields={FIELDS} />
        <FormField label={t("name")} hint={t("nameHint")} errors={action.error?.fieldErrors?.name}>
          {(control) => <input {...control} name="name" required maxLength={API_KEY_NAME_MAX} autoComplete="off" className={inputClass} />}
        </FormField>
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-slate-900">{t("scope")}</legend>
          <div className="space-y-2">
            {SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input type="radio" name="scope" value={scope} defaultChecked={scope === "read"} className="mt-1" />
                <span>
                  <span className="font-medium text-slate-900">{t(`scopes.${scope}`)}</span>
                  <span className="block text-xs text-slate-600">{t(`scopeHints.${scope}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <DialogFooter>
          <Button onClick={onClose} disabled={action.pending}>
            {t("cancel")}
          </Button>
          <Button type="submit" variant="primary" pending={action.pending}>
            {action.pending ? t("creating") : t("submit")}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
