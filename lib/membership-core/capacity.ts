/**
 * What a refusal for lack of places says (`errors.group_full`, `import_group_full`): the places left,
 * not the places taken, so "3 of 5 taken, 12 selected" reads as "Only 2 places left; 12 selected"
 * and "full" is said only when nothing is left. Browser-safe: the add-members preview words it too.
 */
export function placesRefusal(taken: number, max: number, selected: number): { left: number; max: number; selected: number } {
  return { left: Math.max(0, max - taken), max, selected };
}
