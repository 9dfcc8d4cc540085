/**
 * The one place that reads the system clock (docs/architecture.md, "Time"). Operations get their
 * `now` from the kernel, which takes it from here unless the caller injects one (tests, the cron's
 * own time); queries take a `now` parameter defaulting to this. A lint rule keeps `new Date()`
 * without arguments out of the rest of `lib/`.
 */
export function currentTime(): Date {
  return new Date();
}
