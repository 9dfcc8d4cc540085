import { sql } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { queryRows } from "@/db/client";
import { companies, learningGroups, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { expect, expectAccessible, signInAs, test } from "./support/fixtures";
import { expectCurrentEntry, navigateTo } from "./support/menu";

// A company of its own: the 1,000 people it gets would change the seeded companies' counts other specs read.

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("an admin creates an API key, a system adds 1,000 members with it, the admin revokes it", async ({ page, db, baseURL }) => {
  test.slow();
  const stamp = Date.now();
  const [company] = await db
    .insert(companies)
    .values({ name: `API Co ${stamp}`, defaultTimeZone: "UTC", defaultLocale: "en" })
    .returning();
  const email = `api.admin.${stamp}@api-e2e.example`;
  const [admin] = await db
    .insert(users)
    .values({ companyId: company!.id, name: "Api Admin", email, roles: ["admin"], passwordHash: await hashPassword("cohort-demo") })
    .returning();
  const groupName = `Integration wave ${stamp}`;
  const [group] = await db
    .insert(learningGroups)
    .values({ companyId: company!.id, name: groupName, ownerId: admin!.id, createdBy: admin!.id, visibility: "private" })
    .returning();
  const people = await queryRows<{ id: string }>(
    db,
    sql`insert into users (company_id, name, email)
        select ${company!.id}, 'Hire ' || i, 'hire' || i || '.' || ${stamp} || '@api-e2e.example'
        from generate_series(1, 1000) i returning id`,
  );

  await signInAs(page, email);
  // Straight to the page (the menu is not this test's subject); the menu offers it as the current one.
  await page.goto("/admin/api-keys");
  await expectCurrentEntry(page, "API keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByRole("main").getByText("No API keys yet.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Create API key" }).click();
  const create = page.getByRole("dialog", { name: "Create an API key" });
  await create.getByRole("textbox", { name: "Name" }).fill("HR sync");
  await create.getByRole("radio", { name: /Read and write/ }).check();
  await create.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("dialog", { name: "Copy your new key now" });
  await expect(shown.getByRole("note")).toContainText("This is the only time the key is shown.");
  const secret = await shown.getByRole("textbox", { name: "API key" }).inputValue();
  expect(secret).toMatch(/^chk_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  await shown.getByRole("button", { name: "Close" }).click();
  await expect(row(page, "HR sync")).toContainText(secret.slice(0, 10));
  await expect(row(page, "HR sync")).toContainText("Never");
  // The secret is nowhere on the page any more.
  await expect(page.getByText(secret)).toHaveCount(0);

  const addMembers = () =>
    fetch(`${baseURL}/api/v1/groups/${group!.id}/members`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "idempotency-key": `e2e-${stamp}` },
      body: JSON.stringify({ userIds: people.map((person) => person.id) }),
    });
  const added = await addMembers();
  expect(added.status).toBe(200);
  expect(await added.json()).toEqual({ added: 1000, alreadyMembers: 0, deactivated: 0, unknown: 0 });

  await navigateTo(page, "Learning groups");
  await expect(row(page, groupName)).toContainText("1,000");

  // The list is there before the row is read: a missing row would pass for one without "Never".
  await navigateTo(page, "API keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(row(page, "HR sync")).toBeVisible();
  await expect(row(page, "HR sync")).not.toContainText("Never");
  await row(page, "HR sync").getByRole("button", { name: "Revoke the key HR sync" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke “HR sync”?" });
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(row(page, "HR sync")).toContainText("Revoked");

  // The reference the page links to, and the document it is written from.
  await page.getByRole("main").getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "HR integration API" })).toBeVisible();
  await expectCurrentEntry(page, "API reference");
  await expect(page.getByRole("heading", { level: 3, name: "POST /api/v1/groups/{id}/members", exact: true })).toBeVisible();
  await expectAccessible(page);
  const openapi = await fetch(`${baseURL}/api/v1/openapi.json`);
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");

  const refused = await addMembers();
  expect(refused.status).toBe(401);
  expect(refused.headers.get("content-type")).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ status: 401, code: "revokedKey" });
});
