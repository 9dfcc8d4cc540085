import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Database } from "@/db/client";
import { createGroup } from "@/lib/groups/operations/create-group";
import { addMembers } from "@/lib/membership/operations/add-members";
import { findUser } from "./data";
import { expect } from "./fixtures";
import type { Say } from "./say";

/** A private group of its own per run, made by Dana Admin, with these members. */
export async function groupWith(db: Database, name: string, members: readonly { id: string }[]): Promise<string> {
  const admin = await findUser(db, "dana.admin@acme.example");
  const { result } = await createGroup(db, admin, {
    name,
    description: "",
    courseId: null,
    maxMembers: null,
    visibility: "private",
    operationId: randomUUID(),
  });
  await addMembers(db, admin, {
    groupId: result.groupId,
    selection: { mode: "people", userIds: members.map((person) => person.id) },
    operationId: randomUUID(),
  });
  return result.groupId;
}

/** The composer of the chat on `page`, in the language `t` speaks: types the text and sends it with Enter. */
export async function send(page: Page, text: string, t: Say): Promise<void> {
  const box = page.getByRole("textbox", { name: t("chatTab.composer.label") });
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}

/**
 * Resolves once the page's socket has joined the group's channel (at any epoch): from then on a
 * message can reach it live, not only through the resync that follows every subscription.
 */
export function joined(page: Page, groupId: string): Promise<void> {
  return new Promise((resolve) =>
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        const frame = String(payload);
        if (frame.includes("pusher_internal:subscription_succeeded") && frame.includes(`private-group-${groupId}`)) resolve();
      }),
    ),
  );
}

/** The chat's message log on `page`, named in the language `t` speaks. */
export const chatLog = (page: Page, t: Say) => page.getByRole("log", { name: t("chatTab.messages") });
