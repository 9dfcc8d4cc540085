"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { storableString } from "@/lib/text";
import { countUnreadNotifications, listNotifications, notificationCursorSchema } from "./queries";
import { markAllNotificationsRead, markNotificationRead } from "./service";

export const listNotificationsAction = authorizedAction(
  z.object({ cursor: notificationCursorSchema.nullable() }),
  async ({ cursor }, viewer) => {
    const db = getDb();
    const [page, unread] = await Promise.all([listNotifications(db, viewer, cursor), countUnreadNotifications(db, viewer)]);
    return { data: { ...page, unread } };
  },
);

export const markNotificationReadAction = authorizedAction(
  z.object({ key: storableString().min(1).max(100) }),
  async ({ key }, viewer) => ({ data: null, events: await markNotificationRead(getDb(), viewer, key) }),
);

export const markAllNotificationsReadAction = authorizedAction(z.object({}), async (_input, viewer) => ({
  data: null,
  events: await markAllNotificationsRead(getDb(), viewer),
}));
