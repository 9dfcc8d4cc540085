import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { importJobs } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { asHrActor } from "@/lib/hr/actor";

/**
 * Each step of an import (upload, check, staging, Confirm, the final transaction, a failure) is a
 * kernel operation of its own, run as the `hr` actor whoever runs it (docs/architecture.md,
 * "Ownership"): on any group, audited as HR; taken only by a person in their own right whom
 * `hr.forms` allows, as HR's forms are (an API key or an actor already delegated is refused). The
 * steps are the server's, not a form's: each call is one intent with its own operation id, and the
 * job's status is what makes a second Confirm or a second final transaction refused.
 */
export const ofCompany = (ctx: Ctx, jobId: string) => and(eq(importJobs.id, jobId), eq(importJobs.companyId, ctx.companyId));
export const importStep = { permission: "hr.forms", actAs: asHrActor } as const;
export const stepId = () => ({ operationId: randomUUID() });
export const jobStep = z.object({ jobId: z.uuid(), operationId: z.uuid() });
/** A count of rows or problems: what the job's integer columns hold. */
export const jobCount = z.int32().nonnegative();
/** The longest file name a job keeps (`lenientText` cuts the upload's own to it). */
export const IMPORT_FILE_NAME_MAX = 200;
/** What our own validator produced on the server (never a browser's): taken as it is. */
export const produced = <T>() => z.custom<T>((value) => Array.isArray(value));
