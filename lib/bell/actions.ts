"use server";

import "server-only";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { listNotifications, notificationCursorSchema } from "@/lib/notifications/queries";
import { loadBell } from "./queries";

/** A page of my notifications (the newest, or older than `cursor`) with the bell's counts and chat lines. */
export const listNotificationsAction = authorizedAction(
  z.object({ cursor: notificationCursorSchema.nullable() }),
  async ({ cursor }, viewer) => {
    const db = companyDb(viewer);
    const [page, bell] = await Promise.all([listNotifications(db, viewer, cursor), loadBell(db, viewer)]);
    return { data: { ...page, ...bell } };
  },
);
