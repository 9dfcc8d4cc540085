import type { DatabaseOrTransaction } from "@/db/client";
import { groupAssignmentFigures } from "@/lib/assignments/overview";
import { getStatisticsTab, type MemberTableOptions } from "@/lib/statistics/group";
import { getProgressOverTime } from "@/lib/statistics/over-time";
import { readChannelEpoch, type ReadablePage, readStatisticsKind } from "../../load";

/**
 * The Statistics tab: the linked course's figures, member table and progress over time, and the
 * group's assignment figures beside them; only the assignment figures for a group without a course;
 * nothing (`kind` null) for a group with neither.
 */
export async function readStatisticsTab(db: DatabaseOrTransaction, page: ReadablePage, options: MemberTableOptions) {
  const { viewer, access } = page;
  const kind = await readStatisticsKind(db, page);
  const course = kind === "course";
  const tabRead = course ? getStatisticsTab(db, viewer, access, options) : null;
  const [tab, overTime, figures, channelEpoch] = await Promise.all([
    tabRead,
    // The chart's live point is the tab's own figures: the aggregate runs once per view.
    tabRead
      ? getProgressOverTime(
          db,
          viewer,
          access,
          tabRead.then((read) => read.statistics),
        )
      : null,
    kind ? groupAssignmentFigures(db, viewer, access) : null,
    readChannelEpoch(db, page.group.id),
  ]);
  return { kind, tab, overTime, figures, channelEpoch };
}
