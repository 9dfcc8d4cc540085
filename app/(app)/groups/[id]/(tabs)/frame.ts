import type { DatabaseOrTransaction } from "@/db/client";
import type { GroupRights } from "@/components/groups/group-actions";
import { getGroupLevel } from "@/lib/notifications/settings/queries";
import { can } from "@/lib/permissions";
import { readChannelEpoch, type ReadablePage, readStatisticsKind } from "../load";

/**
 * What the group's layout shows around every tab: the actions the viewer may take (what the services
 * allow, read with the group's row by `manageGroupSql`: a private group is its owner's to edit,
 * archive, restore, delete and fill; another admin is offered Take ownership instead), whether
 * Statistics has something to show, the channel epoch and the viewer's notification setting.
 */
export async function readFrame(db: DatabaseOrTransaction, page: ReadablePage) {
  const { viewer, access, group } = page;
  const archived = group.archivedAt !== null;
  const rights: GroupRights = {
    edit: !archived && access.canManage && can(viewer, "group.edit"),
    archive: !archived && access.canManage && can(viewer, "group.archive"),
    delete: access.canManage && can(viewer, "group.delete"),
    restore: archived && access.canManage && can(viewer, "group.restore"),
    takeOwnership: !access.isOwner && can(viewer, "group.takeOwnership"),
    ownerOnly: !access.canManage && can(viewer, "group.edit"),
  };
  const [level, statisticsKind, channelEpoch] = await Promise.all([
    getGroupLevel(db, viewer, access),
    readStatisticsKind(db, page),
    readChannelEpoch(db, group.id),
  ]);
  return { rights, level, statisticsKind, channelEpoch };
}
