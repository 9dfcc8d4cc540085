import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { learningGroups, type Role } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { AppError, forbidden } from "@/lib/errors";

/**
 * Not a role: every person of the company acting in their own right, learners included, for what
 * they do for themselves (joining a public group, completing a lesson, writing in a chat). Delegated
 * and system actors act for nobody in person, so they never hold it.
 */
const ANY_PERSON = "person";

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
  /** Adding, removing and moving a group's members (on top of `manageGroupSql`: the group's own rule). */
  "group.manageMembers": ["admin"],
  /** Joining a public group, and leaving one, by oneself. */
  "group.join": [ANY_PERSON],
  "group.leave": [ANY_PERSON],
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
  /**
   * What every person does for themselves, whatever their roles: complete their lessons, talk in the
   * chats they can read, keep their profile and their notifications. The operation checks the
   * resource (a lesson of their company, a group they can read).
   */
  "learning.complete": [ANY_PERSON],
  "chat.write": [ANY_PERSON],
  "profile.edit": [ANY_PERSON],
  "notifications.manage": [ANY_PERSON],
  /** A person's own account: their password, their sessions (the operation acts on the caller's own row). */
  "account.manage": [ANY_PERSON],
  /** The scheduler's jobs: held by no role, only by the system actor running that job (see `can`). */
  "system.reminders": [],
  "system.rollup": [],
  "system.sign-ins": [],
  "system.imports": [],
  "system.retention": [],
} as const satisfies Record<string, readonly (Role | typeof ANY_PERSON)[]>;

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
  "group.manageMembers",
  "assignment.assign",
]);

/** Anyone acting other than as a person in their own right: an API key, or HR's forms and imports. */
export const isDelegatedActor = (ctx: Ctx) => ctx.actor?.kind === "api_key" || ctx.actor?.kind === "hr";

/**
 * Delegated actors never touch admins: deactivating or reactivating an admin, taking the admin role
 * away or giving it is an admin's own act, signed in (HR's Leaver form, an API key and an import alike).
 */
export function assertMayTouchAdmin(ctx: Ctx, person: { name: string }): void {
  if (isDelegatedActor(ctx)) throw new AppError("delegated_admin", { name: person.name });
}

export function can(ctx: Ctx, permission: Permission): boolean {
  // A job's actor holds its job's permission and nothing else; no person's permission reaches it.
  if (ctx.actor?.kind === "system") return permission === `system.${ctx.actor.job}`;
  if (isDelegatedActor(ctx) && DELEGATED_ACTOR_PERMISSIONS.has(permission)) return true;
  const allowed: readonly (Role | typeof ANY_PERSON)[] = PERMISSIONS[permission] ?? [];
  return allowed.some((role) => (role === ANY_PERSON ? !isDelegatedActor(ctx) : ctx.roles.includes(role)));
}

export function assertCan(ctx: Ctx, permission: Permission): void {
  if (!can(ctx, permission)) throw forbidden();
}

/**
 * Owner rights (a private group's management, its Statistics tab and admin channel, marking its
 * questions answered) hold only while the owner is an admin of the company: a demoted owner stays
 * the group's owner by name and keeps what every member has, nothing more.
 */
export function hasOwnerRights(ctx: Ctx, group: { ownerId: string }): boolean {
  return ctx.roles.includes("admin") && group.ownerId === ctx.userId;
}

/**
 * "Manage this group": edit it (its visibility included), add, remove and move its members, archive,
 * restore and delete it — each on top of that action's own permission above. Public groups: the
 * company's admins (the owner among them). Private groups: only the owner, and only while an admin
 * ("only you as the creator invite"); any other admin first takes ownership, which is audited and
 * tells the previous owner. HR's forms, imports and API keys act on any group of their company
 * (docs/architecture.md), within their own permissions.
 *
 * The one place of the rule, as an SQL boolean over a `learning_groups` row: services read it with
 * the row they lock (lib/groups/lock.ts), pages with the row they show (getGroupAccess), so the
 * screen never offers what the server refuses. `group` names the row's columns when the table is
 * aliased.
 */
export function manageGroupSql(
  ctx: Ctx,
  group: { visibility: SQL | typeof learningGroups.visibility; ownerId: SQL | typeof learningGroups.ownerId } = learningGroups,
): SQL<boolean> {
  if (isDelegatedActor(ctx)) return sql<boolean>`true`;
  if (!ctx.roles.includes("admin")) return sql<boolean>`false`;
  return sql<boolean>`(${group.visibility} = 'public' or ${group.ownerId} = ${ctx.userId}::uuid)`;
}
