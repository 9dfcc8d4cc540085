import { test as setup } from "@playwright/test";
import { roles, stateOf, type RoleName } from "./support/roles";
import { signInRequest } from "./support/fixtures";

// Each role signs in once per run, through the credentials endpoint the form's action calls (no page to
// render: the desktop and mobile projects wait for this one); the specs reuse the session it leaves.
// The form itself is auth.spec.ts's subject, and the sign-in of the smoke and password specs.
for (const role of Object.keys(roles) as RoleName[]) {
  setup(`${role} signs in`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    await signInRequest(request, roles[role]);
    await request.storageState({ path: stateOf(role) });
    await request.dispose();
  });
}
