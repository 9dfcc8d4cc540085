import { cache } from "react";
import { z } from "zod";
import { type DatabaseOrTransaction, companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import type { GroupAccess } from "@/lib/group-access/access";
import { type DiscoverGroup, getGroupPreview } from "@/lib/groups/my-groups/queries";
import { type GroupView, getGroupPage } from "@/lib/groups/queries";
import { currentEpochs } from "@/lib/realtime/epochs";
import { getStatisticsTabKind, type StatisticsTabKind } from "@/lib/statistics/group";

/**
 * The group as this request's viewer may reach it: the whole group for whoever reads it, a public
 * group's preview for someone of the company who cannot, null when it does not exist for them (also
 * for an id that is no uuid). The access is read here, once: the layout and the tab hand it on to
 * every read they make.
 */
export type GroupPage =
  | { kind: "group"; viewer: Viewer; access: GroupAccess; group: GroupView }
  | { kind: "preview"; viewer: Viewer; access: GroupAccess; preview: DiscoverGroup };

/** The same group page for a reader: what the layout and every tab receive. */
export type ReadablePage = Extract<GroupPage, { kind: "group" }>;

export async function readGroupPage(db: DatabaseOrTransaction, viewer: Viewer, id: string): Promise<GroupPage | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const found = await getGroupPage(db, viewer, id);
  if (!found) return null;
  const { access, group } = found;
  if (access.canRead) return group && { kind: "group", viewer, access, group };
  const preview = await getGroupPreview(db, viewer, access);
  return preview && { kind: "preview", viewer, access, preview };
}

/** One read per request, shared by the layout, the page and `generateMetadata` (React `cache`). */
export const loadGroupPage = cache(async (id: string) => {
  const viewer = await requireViewer();
  return readGroupPage(companyDb(viewer), viewer, id);
});

/**
 * What the Statistics tab shows (course figures, assignment figures only, or nothing): the layout
 * offers the tab by it and the tab renders by it, read once per request.
 */
export const readStatisticsKind = cache(async (db: DatabaseOrTransaction, page: ReadablePage): Promise<StatisticsTabKind | null> =>
  getStatisticsTabKind(db, page.viewer, page.access),
);

/** The channel epoch the live parts subscribe at (and follow when it moves on), read once per request. */
export const readChannelEpoch = cache(
  async (db: DatabaseOrTransaction, groupId: string): Promise<number> => (await currentEpochs(db, [groupId])).get(groupId) ?? 0,
);
