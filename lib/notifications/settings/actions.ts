"use server";

import { operationAction } from "@/lib/actions/safe-action";
import { setDefaultLevel } from "./operations/set-default-level";
import { setGroupLevel } from "./operations/set-group-level";

// Saved at once from a radio group that already shows the choice, so no page is revalidated.

export const setGroupLevelAction = operationAction(setGroupLevel);
export const setDefaultLevelAction = operationAction(setDefaultLevel);
