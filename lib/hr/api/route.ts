import type { z } from "zod";
import type { Database } from "@/db/client";
import type { ApiKeyScope } from "@/db/schema";
import type { OutgoingMail } from "@/lib/mail/send";
import type { OperationCall } from "@/lib/operations/kernel";
import type { Delivery } from "@/lib/realtime/channels";
import type { ApiCaller } from "./auth";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** What an endpoint answers, and what its committed operation delivers after the response. */
export type RouteOutcome = { status?: number; body: unknown; mail?: readonly OutgoingMail[] } & Delivery;

/** What an endpoint is given: its database, its caller and, for writes, the operation id its services run under. */
export type RouteContext = { db: Database; caller: ApiCaller; operationId: string };

type Input<P, Q, B> = { params: P; query: Q; body: B };

/**
 * One endpoint: the router matches, authorizes and validates with it, and the OpenAPI document and
 * the reference page are written from it, so none of these can disagree.
 */
export type ApiRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  method: HttpMethod;
  /** Below /api/v1, with `{name}` for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: "People" | "Groups" | "Members" | "Assignments" | "Statistics";
  /** What the key must be allowed: every write needs a write key (and an Idempotency-Key). */
  scope: ApiKeyScope;
  params?: P;
  query?: Q;
  body?: B;
  response: { status: number; description: string; schema: z.ZodType };
  /**
   * The kernel operation a write runs (with the operation id derived from its Idempotency-Key), so
   * a test can check that every write goes through the kernel. Read routes run none.
   */
  operation?: OperationCall<never, unknown>;
  handle: (input: Input<z.output<P>, z.output<Q>, z.output<B>>, context: RouteContext) => Promise<RouteOutcome>;
};

/** Keeps each endpoint's handler typed by its own schemas; the registry holds them side by side. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(route: ApiRoute<P, Q, B>): ApiRoute {
  return route as unknown as ApiRoute;
}
