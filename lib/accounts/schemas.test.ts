import { describe, expect, it } from "vitest";
import { changePasswordSchema, invitePersonSchema, setPasswordSchema } from "./schemas";

const token = "A".repeat(43);
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];

describe("password rules", () => {
  it("accept ten characters up to 72 bytes, typed twice alike", () => {
    expect(setPasswordSchema.safeParse({ token, password: "0123456789", confirmPassword: "0123456789" }).success).toBe(true);
    expect(setPasswordSchema.safeParse({ token, password: "x".repeat(72), confirmPassword: "x".repeat(72) }).success).toBe(true);
  });

  it("name the field and the rule that failed", () => {
    expect(issues(setPasswordSchema.safeParse({ token, password: "short", confirmPassword: "short" }))).toEqual([
      ["password", "accounts.validation.passwordTooShort"],
    ]);
    // 25 four-byte characters are 100 bytes, more than the limit.
    const emoji = "🙂".repeat(25);
    expect(issues(setPasswordSchema.safeParse({ token, password: emoji, confirmPassword: emoji }))).toEqual([
      ["password", "accounts.validation.passwordTooLong"],
    ]);
    expect(issues(setPasswordSchema.safeParse({ token, password: "0123456789", confirmPassword: "0123456780" }))).toEqual([
      ["confirmPassword", "accounts.validation.passwordMismatch"],
    ]);
    expect(issues(setPasswordSchema.safeParse({ token: "not-a-token", password: "0123456789", confirmPassword: "0123456789" }))).toEqual([
      ["token", "accounts.errors.linkInvalid"],
    ]);
    expect(
      issues(
        changePasswordSchema.safeParse({
          currentPassword: "",
          password: "0123456789",
          confirmPassword: "0123456789",
          operationId: crypto.randomUUID(),
        }),
      ),
    ).toEqual([["currentPassword", "accounts.validation.passwordRequired"]]);
  });
});

describe("invitation input", () => {
  it("lower-cases the email, de-duplicates roles and treats an empty department as none", () => {
    const parsed = invitePersonSchema.parse({
      name: " Nia New ",
      email: " Nia.New@Acme.Example ",
      departmentId: "",
      roles: ["hr", "hr"],
      operationId: crypto.randomUUID(),
    });
    expect(parsed).toMatchObject({ name: "Nia New", email: "nia.new@acme.example", departmentId: null, roles: ["hr"] });
  });

  it("says what is wrong with the name and the email", () => {
    expect(issues(invitePersonSchema.safeParse({ name: " ", email: "nia@", operationId: crypto.randomUUID() }))).toEqual([
      ["name", "accounts.validation.nameRequired"],
      ["email", "accounts.validation.emailInvalid"],
    ]);
  });
});
