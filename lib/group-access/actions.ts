"use server";

import "server-only";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { channelEpoch } from "@/lib/group-access/epochs";

/**
 * A page's subscription to a group's channel was refused: the epoch it was rendered with may have
 * moved on meanwhile. The current one, or null when the caller may no longer read the group.
 */
export const channelEpochAction = authorizedAction(z.object({ groupId: z.uuid() }), async ({ groupId }, viewer) => ({
  data: await channelEpoch(companyDb(viewer), viewer, groupId),
}));
