"use server";

import "server-only";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { authorizedAction } from "@/lib/actions/safe-action";
import { requireGroupAccess } from "@/lib/group-access/access";
import { listFeed, listFeedSince } from "./queries";
import { feedCursorSchema } from "./types";

/** "Load older", and the first page again when a resync finds too much missed. */
export const listFeedAction = authorizedAction(
  z.object({ groupId: z.uuid(), before: feedCursorSchema.nullable() }),
  async ({ groupId, before }, viewer) => ({
    data: await listFeed(companyDb(viewer), viewer, await requireGroupAccess(companyDb(viewer), viewer, groupId), { before }),
  }),
);

/** After a (re)subscription: what arrived while the client was not listening. */
export const listFeedSinceAction = authorizedAction(
  z.object({ groupId: z.uuid(), after: feedCursorSchema }),
  async ({ groupId, after }, viewer) => ({
    data: await listFeedSince(companyDb(viewer), viewer, await requireGroupAccess(companyDb(viewer), viewer, groupId), after),
  }),
);
