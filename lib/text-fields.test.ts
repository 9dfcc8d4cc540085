import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { invitePersonSchema } from "@/lib/accounts/schemas";
import { postMessageSchema } from "@/lib/chat/schemas";
import { createDepartmentSchema } from "@/lib/departments/schemas";
import { createGroupSchema } from "@/lib/groups/schemas";
import { createApiKeySchema } from "@/lib/hr/api-keys/schemas";
import { createPersonBody } from "@/lib/hr/api/schemas";
import { newHireSchema } from "@/lib/hr/forms/schemas";
import { updateProfileSchema } from "@/lib/profile/schemas";

/**
 * Every field where people name something or write to others goes through `textField`
 * (lib/text.ts): the same refusals and the same cleaning, wherever the text comes from.
 */
const id = "3f0c5e7a-1b2c-4d5e-8f90-123456789abc";
/** `TEXT_ERRORS` of lib/text.ts, spelled out so this file also runs (and fails) where that module is missing. */
const TEXT_ERRORS = { nul: "validation.textNul", loneSurrogate: "validation.textLoneSurrogate", invisible: "validation.textInvisible" };
const FIELDS: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["group name", createGroupSchema, { operationId: id }, "name"],
  ["group description", createGroupSchema, { operationId: id, name: "Wave" }, "description"],
  ["invited person's name", invitePersonSchema, { operationId: id, email: "a@b.example" }, "name"],
  ["new hire's name", newHireSchema, { operationId: id, email: "a@b.example", startDate: "2026-05-04" }, "name"],
  ["API person's name", createPersonBody, { email: "a@b.example" }, "name"],
  ["own name", updateProfileSchema, { operationId: id }, "name"],
  ["department name", createDepartmentSchema, { operationId: id }, "name"],
  ["API key name", createApiKeySchema, { operationId: id, scope: "read" }, "name"],
  ["chat message", postMessageSchema, { operationId: id, groupId: id, kind: "note" }, "body"],
];

const issuesOf = (schema: z.ZodType, input: Record<string, unknown>, field: string) =>
  (schema.safeParse(input).error?.issues ?? []).filter((issue) => issue.path[0] === field).map((issue) => issue.message);

describe.each(FIELDS)("%s", (_label, schema, base, field) => {
  const required = field !== "description";

  it("refuses NUL and broken characters with their own sentence", () => {
    expect(issuesOf(schema, { ...base, [field]: "Wave\u0000 1" }, field)).toEqual([TEXT_ERRORS.nul]);
    expect(issuesOf(schema, { ...base, [field]: "Wave 1 \uD83D" }, field)).toEqual([TEXT_ERRORS.loneSurrogate]);
  });

  it("removes bidirectional overrides and keeps the rest (positive control: the input is otherwise valid)", () => {
    const parsed = schema.parse({ ...base, [field]: "\u202EWave\u2066 1\u2069 \uD83D\uDE00" }) as Record<string, unknown>;
    expect(parsed[field]).toBe("Wave 1 \uD83D\uDE00");
  });

  it(required ? "refuses text of only zero-width spaces" : "reads text of only zero-width spaces as empty", () => {
    const input = { ...base, [field]: "\u200B\u200B\u200B" };
    if (required) expect(issuesOf(schema, input, field)).toEqual([TEXT_ERRORS.invisible]);
    else expect((schema.parse(input) as Record<string, unknown>)[field]).toBe("");
  });
});
