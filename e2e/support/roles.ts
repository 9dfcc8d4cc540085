import { join } from "node:path";
import { env } from "@/base/env";

/**
 * The seeded people specs act as. The setup project (e2e/auth.setup.ts) signs each in once through the
 * form and keeps the browser state; a spec reuses it with `test.use({ storageState: stateOf(role) })`
 * or `pageOf(role)`. Nothing may end these sessions: specs that change a password, sign out or
 * deactivate someone do it to people of their own (`newPerson`).
 */
export const roles = {
  dana: "dana.admin@acme.example",
  omar: "omar.admin@acme.example",
  hana: "hana.hr@acme.example",
  lena: "lena.learner@acme.example",
  jonas: "jonas.mueller@acme.example",
  gina: "gina.admin@globex.example",
  gary: "gary.learner@globex.example",
} as const;

export type RoleName = keyof typeof roles;

/** Beside the other generated test data (ignored by git), shifted with the ports like the e2e database. */
const stateDir = join(".data", `e2e-auth-${env().testPortOffset}`);

/** The saved cookies of a role's session. */
export const stateOf = (role: RoleName) => join(stateDir, `${role}.json`);
