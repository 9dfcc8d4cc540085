/**
 * A deadline date (`YYYY-MM-DD`, the learner's own calendar day) as a Date to format in UTC: shown to
 * someone in another zone it stays the same day.
 */
export const dueOnDate = (dueOn: string): Date => new Date(`${dueOn}T12:00:00Z`);
