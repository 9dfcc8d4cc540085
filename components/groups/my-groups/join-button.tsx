"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionAlert } from "@/components/ui/action-alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { joinGroupAction } from "@/lib/membership/actions";

/**
 * Join a public group, then open it (from Discover, or the preview, which becomes the member's page).
 * A refusal (full, say) is read out beside the button, with the numbers.
 */
export function JoinButton({ groupId, groupName }: { groupId: string; groupName: string }) {
  const t = useTranslations("myGroups.join");
  const router = useRouter();
  const [operationId] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState(false);
  const join = useAction(joinGroupAction, { success: () => t("done", { name: groupName }) });
  return (
    <div className="space-y-2">
      <Button
        variant="primary"
        pending={join.pending}
        disabled={done}
        aria-label={t("buttonNamed", { name: groupName })}
        onClick={() =>
          join.run({ groupId, operationId }, () => {
            setDone(true);
            router.push(`/groups/${groupId}`);
            router.refresh();
          })
        }
      >
        {join.pending ? t("pending") : t("button")}
      </Button>
      <ActionAlert error={join.error} />
    </div>
  );
}
