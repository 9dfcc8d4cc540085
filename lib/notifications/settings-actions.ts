"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { notificationLevelEnum } from "@/db/schema";
import { setDefaultLevel, setGroupLevel } from "./preferences";

// Saved at once from a radio group that already shows the choice, so no page is revalidated.

const notificationLevelSchema = z.enum(notificationLevelEnum.enumValues);

export const setGroupLevelAction = authorizedAction(
  z.object({ groupId: z.uuid(), level: notificationLevelSchema, operationId: z.uuid() }),
  async (input, viewer) => ({ data: await setGroupLevel(getDb(), viewer, input) }),
);

export const setDefaultLevelAction = authorizedAction(z.object({ level: notificationLevelSchema }), async ({ level }, viewer) => ({
  data: await setDefaultLevel(getDb(), viewer, level),
}));
