import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ApiKeyScope, type Role, users } from "@/db/schema";
import { openSession } from "@/lib/auth/sessions";
import type { Ctx } from "@/lib/auth/viewer";
import { createApiKey } from "@/lib/hr/api-keys/operations/create-api-key-operation";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { can, type Permission } from "@/lib/permissions";
import { createCompany, createCourse, createGroup, createLessons, createPerson, opId, type TestPerson } from "./fixtures";

/**
 * The attackers of the authorization matrix (issue #22): who sends a rightful call's exact input in
 * place of the rightful caller, and how each is refused. Which kinds apply to a way in is decided by
 * the permission map (`can`) and by what the way in names, never by a list kept per test.
 */

/** The kinds of attacker issue #22 names. */
export type AttackerKind =
  "otherCompany" | "learner" | "nonOwnerAdmin" | "removedMember" | "deactivated" | "hr" | "apiKeyRead" | "apiKeyWrite";

/** The parts the company's people play: the rightful callers, and the attackers of the same company. */
export type Part = "owner" | "admin" | "member" | "learner" | "removed" | "hr";

/** Who makes a rightful call: a part, or the scheduler (its requests carry the cron secret, never a session). */
export type Caller = Part | "scheduler";

const ROLES: Record<Part, Role[]> = { owner: ["admin"], admin: ["admin"], member: [], learner: [], removed: [], hr: ["hr"] };

/**
 * The other company's attacker, and the deactivated one, hold every role: whatever the rightful
 * caller's roles pass, theirs pass too, so only the company (or the ended session) can refuse them.
 */
const EVERY_ROLE: Role[] = ["admin", "hr"];

/** The attackers of the company itself, each a part: the admin who owns nothing, the member taken out. */
type InCompanyKind = "learner" | "nonOwnerAdmin" | "removedMember" | "hr";
const IN_COMPANY: Record<InCompanyKind, Part> = { learner: "learner", nonOwnerAdmin: "admin", removedMember: "removed", hr: "hr" };

/** A person of the cast, signed in: their requests carry this session. */
export type Player = TestPerson & { sessionId: string };

export type Cast = Record<Part, Player> & {
  db: Database;
  companyId: string;
  courseId: string;
  lessonId: string;
  /** Owned by `owner`, with `member` in it and `removed` taken out of it (through the real removal). */
  privateGroupId: string;
  /** Another such group (private unless said), for a call that changes or ends its group. */
  group: (visibility?: "private" | "public") => Promise<{ id: string; name: string }>;
  /** A new person of the company, signed in: for a call that ends its caller's sessions or changes the person. */
  person: (roles?: Role[], options?: Parameters<typeof createPerson>[2]) => Promise<Player>;
  /** The other company's admin and HR (a member of a group there), and the company's admin and HR deactivated after signing in. */
  otherCompany: Player;
  deactivated: Player;
  /** An API key of the company's owner, of the other company's admin, or of an admin since deactivated (whose keys act no more). */
  apiKey: (holder: "own" | "otherCompany" | "deactivated", scope: ApiKeyScope) => Promise<string>;
};

async function signedIn(db: Database, companyId: string, options: Parameters<typeof createPerson>[2] = {}): Promise<Player> {
  const person = await createPerson(db, companyId, options);
  return { ...person, sessionId: (await openSession(db, person.id))! };
}

/** The company's people in their parts, a group and a course; the other company's people, with a group of their own. */
export async function createCast(db: Database): Promise<Cast> {
  const [acme, globex] = [await createCompany(db, "Acme"), await createCompany(db, "Globex")];
  const play = (part: Part, name: string) => signedIn(db, acme.id, { roles: ROLES[part], name });
  const parts = {
    owner: await play("owner", "Olga Owner"),
    admin: await play("admin", "Adam Admin"),
    member: await play("member", "Mia Member"),
    learner: await play("learner", "Leo Learner"),
    removed: await play("removed", "Rita Removed"),
    hr: await play("hr", "Hugo HR"),
  };
  const course = await createCourse(db, acme.id, "Acme handbook");
  const [lesson] = await createLessons(db, course, [null, null]);
  const group = async (visibility: "private" | "public" = "private") => {
    const { owner, member, removed } = parts;
    const { id, name } = await createGroup(db, owner, { visibility, courseId: course.id, members: [owner, member, removed] });
    await removeMembers(db, owner, { groupId: id, userIds: [removed.id], operationId: opId() });
    return { id, name };
  };
  const otherCompany = await signedIn(db, globex.id, { roles: EVERY_ROLE, name: "Gustav Globex" });
  // "Another company" is someone somewhere, not nobody: a group of their own, with a member.
  await createGroup(db, otherCompany, { members: [otherCompany, await signedIn(db, globex.id, { name: "Greta Globex" })] });
  const deactivated = await signedIn(db, acme.id, { roles: EVERY_ROLE, name: "Dora Departed" });
  await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, deactivated.id));
  const keys = new Map<string, Promise<string>>();
  const apiKey = (holder: "own" | "otherCompany" | "deactivated", scope: ApiKeyScope) => {
    const creator = { own: parts.owner, otherCompany, deactivated }[holder];
    const key = `${holder}:${scope}`;
    if (!keys.has(key)) {
      keys.set(
        key,
        createApiKey(db, creator, { name: `${holder} ${scope}`, scope, operationId: opId() }).then(({ result }) => result.secret!),
      );
    }
    return keys.get(key)!;
  };
  return {
    ...parts,
    db,
    companyId: acme.id,
    courseId: course.id,
    lessonId: lesson!.id,
    privateGroupId: (await group("private")).id,
    group,
    person: (roles = [], options = {}) => signedIn(db, acme.id, { ...options, roles }),
    otherCompany,
    deactivated,
    apiKey,
  };
}

/**
 * How an attacker is refused; each surface answers it its own way (an action's error code, a
 * route's status):
 * - `session`: nobody is signed in (a deactivated person's session ends with them; a key is no session);
 * - `permission`: the permission map refuses the caller's roles;
 * - `company`: the thing named is another company's, so it does not exist for them;
 * - `elsewhere`: a read that names nothing of the company answers the caller's own company, and
 *   carries none of this one's ids or names;
 * - `resource`: the thing itself refuses them (a group they do not read, someone else's message), with its code.
 */
export type Refusal = { by: "session" } | { by: "permission" } | { by: "company" } | { by: "elsewhere" } | { by: "resource"; code: string };

export type Attacker = { kind: AttackerKind; refusal: Refusal };

/** What a way in guards, beyond its permission: declared with its case, checked against the permission map. */
export type Guard = {
  /** Who makes the rightful call. */
  as: Caller;
  /** The input names a thing of the company (a group, a person, a message). Default: it does. */
  names?: boolean;
  /** The company's people the permission map lets through whom the thing refuses, with its code. */
  refuses?: Partial<Record<InCompanyKind, string>>;
  /** The company's people the permission map lets through whom the thing allows too: the input is theirs to send. */
  allows?: InCompanyKind[];
};

/** Whether the permission map lets a part through; `actAs` first, as the kernel applies it (HR's forms). */
function permits(roles: Role[], permission: Permission | null, actAs?: (ctx: Ctx) => Ctx): boolean {
  if (permission === null) return true;
  const ctx: Ctx = { userId: "someone", companyId: "company", roles };
  try {
    return can(actAs ? actAs(ctx) : ctx, permission);
  } catch {
    return false;
  }
}

/**
 * The attackers of one way in reached with a session: the company's people the permission map
 * refuses (one of each set of roles), and those it lets through but the thing declares it refuses; the other company's admin
 * and HR; the company's, deactivated; and, where a request could carry one instead of a
 * session (`keys`), the API's keys. A person the map lets through must be declared refused or
 * allowed: an undecided way in fails here, before any of its cases run.
 */
export function sessionAttackers(
  where: string,
  guard: Guard,
  surface: { permission: Permission | null; actAs?: (ctx: Ctx) => Ctx; reads: boolean; keys: boolean },
): Attacker[] {
  const attackers: Attacker[] = [];
  const refusedRoles = new Set<string>();
  for (const [kind, part] of Object.entries(IN_COMPANY) as [InCompanyKind, Part][]) {
    if (part === guard.as) continue;
    const declared = guard.refuses?.[kind] !== undefined || guard.allows?.includes(kind);
    if (!permits(ROLES[part], surface.permission, surface.actAs)) {
      if (declared) throw new Error(`${where}: the permission map refuses ${kind} already; drop it from refuses and allows`);
      // The map reads roles alone: a removed member it refuses is a learner like any other, asked once.
      if (!refusedRoles.has(String(ROLES[part]))) attackers.push({ kind, refusal: { by: "permission" } });
      refusedRoles.add(String(ROLES[part]));
    } else if (guard.refuses?.[kind] !== undefined) {
      attackers.push({ kind, refusal: { by: "resource", code: guard.refuses[kind] } });
    } else if (!declared) {
      throw new Error(`${where}: the permission map lets ${kind} through; declare whether the call refuses or allows them`);
    }
  }
  // Every role passes the map but where no person's roles do (a job of the scheduler).
  if (!permits(EVERY_ROLE, surface.permission, surface.actAs)) attackers.push({ kind: "otherCompany", refusal: { by: "permission" } });
  else if (guard.names !== false) attackers.push({ kind: "otherCompany", refusal: { by: "company" } });
  else if (surface.reads) attackers.push({ kind: "otherCompany", refusal: { by: "elsewhere" } });
  attackers.push({ kind: "deactivated", refusal: { by: "session" } });
  if (surface.keys) attackers.push({ kind: "apiKeyRead", refusal: { by: "session" } }, { kind: "apiKeyWrite", refusal: { by: "session" } });
  return attackers;
}

/** The person an attacker of a session surface is. */
export function sessionAttacker(cast: Cast, kind: Exclude<AttackerKind, "apiKeyRead" | "apiKeyWrite">): Player {
  return kind === "otherCompany" || kind === "deactivated" ? cast[kind] : cast[IN_COMPANY[kind]];
}

/** Who sends a rightful call without one of its own: the part's player; the scheduler has no session. */
export const rightfulCaller = (cast: Cast, caller: Caller): Player | null => (caller === "scheduler" ? null : cast[caller]);
