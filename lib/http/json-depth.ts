/**
 * How deep a request's JSON may nest arrays and objects, wherever a request carries JSON: the HR
 * API's bodies (three levels at most) and server actions' arguments (a few). JSON.parse reads any
 * depth, but what walks the value after it recursively overflows its stack long before 100,000
 * levels: hashing and validating an API body, React decoding an action's arguments (a 500 from Next).
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests deeper than `max`; iterative, so any depth can be measured. */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
