import "server-only";
import { headers } from "next/headers";
import { after } from "next/server";
import type { z } from "zod";
import { getViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Delivery } from "@/lib/realtime/channels";
import { deliver } from "@/lib/realtime/server";

export type ActionError = {
  code: AppErrorCode | "unexpected";
  values?: Record<string, string | number>;
  fieldErrors?: Record<string, string[]>;
  requestId?: string;
};
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** What a handler returns: its data, and what its committed operation delivers after the response. */
export type Outcome<T> = { data: T } & Delivery;

async function requestId(): Promise<string> {
  return (await headers()).get("x-request-id") ?? crypto.randomUUID();
}

/**
 * The only way a server action is exported: parse the input, resolve the caller from the
 * database, run the handler, publish its events after the response, and map errors — expected
 * ones to a code the page translates, everything else to a logged request id.
 */
export function authorizedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, viewer: Viewer) => Promise<Outcome<T>>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const viewer = await getViewer();
    if (!viewer) return { ok: false, error: { code: "unauthenticated" } };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, error: { code: "invalid_input", fieldErrors } };
    }
    try {
      const { data, ...delivery } = await handler(parsed.data, viewer);
      if (delivery.events?.length || delivery.disconnectUsers?.length) after(() => deliver(delivery));
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, values: error.values } };
      const id = await requestId();
      log.error("server action failed", { requestId: id, userId: viewer.userId, error });
      return { ok: false, error: { code: "unexpected", requestId: id } };
    }
  };
}
