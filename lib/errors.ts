import type { Messages } from "@/lib/i18n/catalogue";

/** A domain's own errors, named by their full catalogue key so each domain keeps its sentences in its namespace. */
type AccountsErrorCode = `accounts.errors.${keyof Messages["accounts"]["errors"]}`;

/**
 * Expected failures: each code has a sentence in the message catalogue (`errors.<code>`, or the
 * code itself when it is a full key such as `accounts.errors.linkExpired`), so a person reads
 * something they understand; `values` fill its placeholders.
 */
export type AppErrorCode =
  | AccountsErrorCode
  | "unauthenticated"
  | "action_body_too_large"
  | "action_body_invalid"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "conflict"
  | "idempotency_key_reused"
  | "group_archived"
  | "group_not_archived"
  | "name_taken"
  | "restore_name_taken"
  | "group_full"
  | "group_full_join"
  | "max_below_members"
  | "course_not_found"
  | "source_group_not_found"
  | "target_group_not_found"
  | "same_group"
  | "delete_name_mismatch"
  | "department_name_taken"
  | "department_not_empty"
  | "department_merge_same"
  | "head_not_found"
  | "last_admin"
  | "deactivate_self"
  | "already_deactivated"
  | "deactivation_busy"
  | "not_deactivated"
  | "department_not_found"
  | "manager_not_found"
  | "manager_self"
  | "manager_cycle"
  | "quiz_answers_required"
  | "quiz_answers_count"
  | "quiz_answer_invalid"
  | "quiz_not_expected"
  | "chat_rate_limited"
  | "chat_edit_window_closed"
  | "chat_message_deleted"
  | "chat_not_a_question"
  | "chat_praise_not_member"
  | "chat_reply_not_found"
  | "assignment_date_past"
  | "assignment_person_not_found"
  | "assignment_person_deactivated"
  | "assignment_group_not_found"
  | "assignment_rule_not_found"
  | "import_too_large"
  | "import_unreadable"
  | "import_empty"
  | "import_too_many_rows"
  | "import_not_ready"
  | "import_group_gone"
  | "import_group_full"
  | "hr_group_not_found"
  | "hr_group_full"
  | "hr_deadline_past"
  | "hr_person_deactivated"
  | "delegated_admin"
  | "import_stale"
  | "import_email_unavailable"
  | "import_failed"
  | "import_interrupted";

export class AppError extends Error {
  /**
   * `field` names the form field the error is about: the action shows the sentence beside that
   * field (see `authorizedAction`), as it does for a schema's errors.
   */
  constructor(
    readonly code: AppErrorCode,
    readonly values: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = "AppError";
  }
}

/** Input its schema refused: each issue's message is a catalogue key, `path` the field it is about. */
export class InvalidInputError extends AppError {
  readonly issues: readonly { path: string; message: string }[];
  constructor(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
    super("invalid_input");
    this.name = "InvalidInputError";
    this.issues = error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = () => new AppError("forbidden");
