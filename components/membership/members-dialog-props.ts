/** What the Remove and Move dialogs are given: the group, the people selected in its table, and the way back. */
export type MembersDialogProps = {
  groupId: string;
  groupName: string;
  /** The group has an assignment rule or open assignments: removing asks what becomes of them. */
  hasAssignments: boolean;
  people: readonly { userId: string; name: string }[];
  /** After the change (which its toast announces): the selection is cleared. */
  onDone: () => void;
  onClose: () => void;
};
