import { z } from "zod";

/**
 * At most this many people named by id in one add, removal or move, from the dialogs or the API
 * alike (the group maximum's own limit); departments and copies are unbounded.
 */
export const MAX_BATCH_PEOPLE = 10_000;

export const uniqueIds = (max: number) =>
  z
    .array(z.uuid())
    .min(1, { error: "validation.selectSomeone" })
    .max(max, { error: "validation.tooManySelected" })
    .transform((ids) => [...new Set(ids)]);

/** The three ways to choose people (spec: individually, an entire department, copy from a group). */
export const selectionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("people"), userIds: uniqueIds(MAX_BATCH_PEOPLE) }),
  z.object({ mode: z.literal("departments"), departmentIds: uniqueIds(100) }),
  z.object({ mode: z.literal("group"), sourceGroupId: z.uuid() }),
]);
export type Selection = z.output<typeof selectionSchema>;

export const previewAddSchema = z.object({ groupId: z.uuid(), selection: selectionSchema });
export const addMembersSchema = previewAddSchema.extend({ operationId: z.uuid() });
const takeOutSchema = z.object({
  groupId: z.uuid(),
  userIds: uniqueIds(MAX_BATCH_PEOPLE),
  operationId: z.uuid(),
});
export const removeMembersSchema = takeOutSchema.extend({
  /** The remove dialog's choice for open assignments the group gave; absent, the group's rules decide. */
  onAssignments: z.enum(["keep", "waive"]).optional(),
});
export const moveMembersSchema = takeOutSchema.extend({ targetGroupId: z.uuid() });

export type AddMembersInput = z.output<typeof addMembersSchema>;
export type RemoveMembersInput = z.output<typeof removeMembersSchema>;
export type MoveMembersInput = z.output<typeof moveMembersSchema>;

/** Joining or leaving a public group by oneself. */
export const selfServiceSchema = z.object({ groupId: z.uuid(), operationId: z.uuid() });
export type SelfServiceInput = z.output<typeof selfServiceSchema>;
