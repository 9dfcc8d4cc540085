"use server";

import "server-only";
import { operationAction } from "@/lib/actions/safe-action";
import { markAllNotificationsRead } from "./operations/mark-all-notifications-read";
import { markNotificationRead } from "./operations/mark-notification-read";

export const markNotificationReadAction = operationAction(markNotificationRead);
export const markAllNotificationsReadAction = operationAction(markAllNotificationsRead);
