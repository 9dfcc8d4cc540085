import { randomUUID } from "node:crypto";
import { createCompany, createDepartment, createGroup, createPerson } from "@/tests/fixtures";
import { expect, test } from "./support/fixtures";
import { demoPasswordHash } from "./support/people";

test("adding a department that would overflow a group says how many places are left, not that it is full", async ({ db, pageOf }) => {
  const suffix = randomUUID().slice(0, 6);
  const company = await createCompany(db, `Roomy ${suffix}`);
  const admin = await createPerson(db, company.id, {
    name: "Ada Admin",
    email: `ada.${suffix}@roomy.example`,
    roles: ["admin"],
    passwordHash: await demoPasswordHash(),
  });
  const sales = await createDepartment(db, company.id, `Sales ${suffix}`);
  const [first, second, third] = await Promise.all(
    Array.from({ length: 15 }, (_, index) => createPerson(db, company.id, { name: `Seller ${index}`, departmentId: sales.id })),
  );
  // 3 of 5 places taken by three of the department's people; the other 12 would not fit.
  const group = await createGroup(db, admin, { name: `Cohort ${suffix}`, maxMembers: 5, members: [first!, second!, third!] });

  const page = await pageOf({ email: admin.email });
  await page.goto(`/groups/${group.id}/members`);
  await page.getByRole("button", { name: "Add members" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("tab", { name: "Department" }).click();
  await dialog.getByRole("checkbox", { name: new RegExp(`^Sales ${suffix}\\b`) }).check();
  await expect(dialog.getByText("3 of 5 places taken before adding.")).toBeVisible();
  await expect(dialog.getByText("Only 2 places are left in this group; 12 people are selected.")).toBeVisible();
  await expect(dialog).not.toContainText("is full");
});
