"use server";

import "server-only";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction, operationAction } from "@/lib/actions/safe-action";
import { countUnreadNotifications, listNotifications, notificationCursorSchema } from "./queries";
import { markAllNotificationsRead } from "./operations/mark-all-notifications-read";
import { markNotificationRead } from "./operations/mark-notification-read";

export const listNotificationsAction = authorizedAction(
  z.object({ cursor: notificationCursorSchema.nullable() }),
  async ({ cursor }, viewer) => {
    const db = companyDb(viewer);
    const [page, unread] = await Promise.all([listNotifications(db, viewer, cursor), countUnreadNotifications(db, viewer)]);
    return { data: { ...page, unread } };
  },
);

export const markNotificationReadAction = operationAction(markNotificationRead);
export const markAllNotificationsReadAction = operationAction(markAllNotificationsRead);
