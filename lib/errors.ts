/**
 * Expected failures: each code has a sentence in the message catalogue (`errors.<code>`), so a
 * person reads something they understand; `values` fill its placeholders.
 */
export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "group_archived"
  | "group_not_archived"
  | "name_taken"
  | "restore_name_taken"
  | "group_full"
  | "max_below_members"
  | "course_not_found"
  | "source_group_not_found"
  | "target_group_not_found"
  | "same_group"
  | "delete_name_mismatch"
  | "last_admin"
  | "deactivate_self"
  | "already_deactivated"
  | "not_deactivated"
  | "department_not_found"
  | "manager_not_found"
  | "manager_self"
  | "manager_cycle";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly values: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = () => new AppError("forbidden");
