import type { Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { forbidden } from "@/lib/errors";

/**
 * Who may do what, in one place, checked fail-closed: an action missing here is allowed to nobody.
 * Learners (no role) manage nothing; HR staff read people and reports and act through the HR forms.
 */
export const PERMISSIONS = {
  "group.list": ["admin"],
  "group.create": ["admin"],
  "group.edit": ["admin"],
  "group.archive": ["admin"],
  "group.restore": ["admin"],
  "group.delete": ["admin"],
  "group.takeOwnership": ["admin"],
  "group.viewHistory": ["admin"],
  "department.list": ["admin"],
  "department.create": ["admin"],
  "department.rename": ["admin"],
  "department.setHead": ["admin"],
  "department.merge": ["admin"],
  "department.delete": ["admin"],
  "department.options": ["admin", "hr"],
  "people.list": ["admin", "hr"],
  "people.view": ["admin", "hr"],
  "people.edit": ["admin"],
  "people.deactivate": ["admin"],
  "people.invite": ["admin"],
  "course.import": ["admin"],
  /** Another person's certificates and badges, on their person page. */
  "learning.viewOthers": ["admin", "hr"],
  /** Reports across all groups (HR staff read them; a group's own Statistics tab is for admins and its owner). */
  "reports.view": ["admin", "hr"],
  /** Mandatory assignments: the person page's "Assign a course" and the bulk wizard. HR assigns through its forms. */
  "assignment.assign": ["admin"],
  /** "Mandatory assignments": the overview by course and by group, and its CSV. */
  "assignment.overview": ["admin"],
  /** The HR area (`/hr`): new hire, department change, leaver, CSV import. */
  "hr.forms": ["admin", "hr"],
  /** API keys for the HR integration API. */
  "apiKeys.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * What the HR paths may do beyond their roles: an API key (acting with HR staff's roles, its scope
 * checked by the API first) and the `hr` actor of HR's forms (new hire, department change, leaver),
 * which a server action takes on only after `hr.forms` allowed the person. An HR person signed in to
 * the admin screens gets none of these: only those actors do.
 */
const DELEGATED_ACTOR_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "people.invite",
  "people.edit",
  "people.deactivate",
  "group.list",
]);

const isDelegatedActor = (ctx: Ctx) => ctx.actor?.kind === "api_key" || ctx.actor?.kind === "hr";

export function can(ctx: Ctx, permission: Permission): boolean {
  if (isDelegatedActor(ctx) && DELEGATED_ACTOR_PERMISSIONS.has(permission)) return true;
  const allowed: readonly Role[] = PERMISSIONS[permission] ?? [];
  return allowed.some((role) => ctx.roles.includes(role));
}

export function assertCan(ctx: Ctx, permission: Permission): void {
  if (!can(ctx, permission)) throw forbidden();
}

/**
 * Adding and removing members. Public groups: the company's admins (the owner among them).
 * Private groups: only the owner ("only you as the creator invite"), and only while an admin;
 * another admin takes ownership first, which is audited.
 */
export function canManageMembers(ctx: Ctx, group: { visibility: "private" | "public"; ownerId: string }): boolean {
  // HR forms, imports and API keys act on any group of their company (ARCHITECTURE, "Ownership").
  if (isDelegatedActor(ctx)) return true;
  if (!ctx.roles.includes("admin")) return false;
  return group.visibility === "public" || group.ownerId === ctx.userId;
}
