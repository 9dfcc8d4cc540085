import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { groupMembers, learningGroups } from "@/db/schema";
import { type Ctx, isAdmin } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";
import { hasOwnerRights, manageGroupSql } from "@/lib/permissions";

/*
 * lib/group-access: who may see and manage a group (this file), its row read and locked as the caller
 * may reach it (lock.ts), and the same decision for its live channels: which channel epoch a member
 * holds, ended on removal (epochs.ts), and whether a socket may subscribe (channels.ts). Groups,
 * membership, chat, feed, statistics, notifications and assignments all need these; they sit below
 * every one of those domains and import none of them, so no domain reaches a peer for them.
 */

/**
 * Only `getGroupAccess` makes a `GroupAccess`: its brand is a private field of a class that exists
 * only as a type, so an object written by hand (say `{ canRead: true }`) does not type-check where a
 * read takes one, and neither does a copy with a right changed (`{ ...access, canRead: true }`): a
 * spread keeps no private field, and nothing outside this class can write one. At run time the access
 * stays a plain object (pages hand it to client components). A page reads the access once per request
 * and hands it to every read it makes; each read still checks the right it needs. `access.test.ts`
 * proves the forgeries fail to compile.
 */
declare class ReadByGetGroupAccess {
  #brand: true;
}

export type GroupAccess = Readonly<{
  groupId: string;
  /** Whom the access was read for: a read given another caller's access refuses it (`granted`). */
  userId: string;
  companyId: string;
  archived: boolean;
  isMember: boolean;
  /** The caller is the group's owner by name (owner *rights* need the admin role too: `hasOwnerRights`). */
  isOwner: boolean;
  /**
   * May manage the group (edit, archive, restore, delete it, change its members): `manageGroupSql`,
   * the rule the operations apply, read with the row.
   */
  canManage: boolean;
  /** Admins read and post in every group of their company without being members. */
  canRead: boolean;
  /**
   * Statistics and the admin channel: the group's owner while an admin, and the company's admins (and
   * an API key: figures only). A demoted owner is a member like any other.
   */
  canSeeStatistics: boolean;
  /**
   * A public, active group shows everyone of the company who cannot read it its description and
   * Join: never its chat, feed or members. Private and archived groups do not exist for them.
   */
  canPreview: boolean;
  /** Public, active groups: anyone of the company joins by themselves, and members leave by themselves. */
  canJoin: boolean;
  canLeave: boolean;
}> &
  ReadByGetGroupAccess;

/** What the caller may do with a group; null when it does not exist for them (another company's). */
export async function getGroupAccess(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<GroupAccess | null> {
  const [row] = await db
    .select({
      ownerId: learningGroups.ownerId,
      archivedAt: learningGroups.archivedAt,
      visibility: learningGroups.visibility,
      isMember: sql<boolean>`${groupMembers.userId} is not null`,
      canManage: manageGroupSql(ctx),
    })
    .from(learningGroups)
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, learningGroups.id), eq(groupMembers.userId, ctx.userId)))
    .where(and(eq(learningGroups.id, groupId), eq(learningGroups.companyId, ctx.companyId)))
    .limit(1);
  if (!row) return null;
  const admin = isAdmin(ctx);
  const isOwner = row.ownerId === ctx.userId;
  const canRead = row.isMember || admin;
  const selfService = row.visibility === "public" && row.archivedAt === null;
  const access = {
    groupId,
    userId: ctx.userId,
    companyId: ctx.companyId,
    archived: row.archivedAt !== null,
    isMember: row.isMember,
    isOwner,
    canManage: row.canManage,
    canRead,
    // The HR integration API reads any group's figures of its company (HR staff read reports).
    canSeeStatistics: hasOwnerRights(ctx, row) || admin || ctx.actor?.kind === "api_key",
    canPreview: selfService && !canRead,
    canJoin: selfService && !row.isMember,
    canLeave: selfService && row.isMember,
  };
  return access as GroupAccess;
}

/** The access, or not found when the group does not exist for the caller (another company's, or none). */
export async function requireGroupAccess(db: DatabaseOrTransaction, ctx: Ctx, groupId: string): Promise<GroupAccess> {
  const access = await getGroupAccess(db, ctx, groupId);
  if (!access) throw notFound();
  return access;
}

type Right = "canRead" | "canSeeStatistics" | "canPreview" | "canManage";

/**
 * The check every read given an access makes: the access was read for this caller and grants the
 * right, else the group does not exist for them (not found, never a hint).
 */
export function granted(ctx: Ctx, access: GroupAccess, ...rights: Right[]): GroupAccess {
  const mine = access.userId === ctx.userId && access.companyId === ctx.companyId;
  if (!mine || (rights.length > 0 && !rights.some((right) => access[right]))) throw notFound();
  return access;
}
