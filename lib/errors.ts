/**
 * Expected failures: each code has a sentence in the message catalogue (`errors.<code>`), so a
 * person reads something they understand; `values` fill its placeholders.
 */
export type AppErrorCode = "unauthenticated" | "forbidden" | "not_found" | "invalid_input" | "conflict";

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
