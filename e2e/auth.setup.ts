import { test as setup } from "@playwright/test";
import { roles, stateOf, type RoleName } from "./support/roles";
import { signIn } from "./support/fixtures";

// Each role signs in through the real form once per run; the specs reuse the session it leaves.
for (const role of Object.keys(roles) as RoleName[]) {
  setup(`${role} signs in`, async ({ page }) => {
    await signIn(page, roles[role]);
    await page.context().storageState({ path: stateOf(role) });
  });
}
