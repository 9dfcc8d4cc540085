import type { Permission } from "@/lib/permissions";
import type { Cast, Guard, Player } from "../attackers";

/** A rightful call: its input, made in the cast, and who sends it when not the part's own player. */
export type Rightful = { input: unknown; actor?: Player };

/** One server action of the inventory: its rightful call, and what it guards beyond its permission. */
export type ActionCase = Guard & {
  /** The permission a read checks; an operation's is the kernel's own (`spec.permission`). */
  permission?: Permission | null;
  /** Made once, before the attackers: they send exactly this input, and the rightful call comes last. */
  prepare: (cast: Cast) => Promise<Rightful>;
  /**
   * What the call answers when the thing it names does not exist for the caller, when not the
   * usual not_found: a domain's own code, or a read's empty answer (a channel's epoch: none).
   */
  notFound?: unknown;
  /** An action of signed-out people (a reset link, a mailed link): what it may do is decided by what it is given, never by who asks. */
  signedOut?: true;
};

/** Cases by action module, then by export. */
export type ActionCases = Record<string, Record<string, ActionCase>>;

export const rightful = (input: unknown, actor?: Player): Rightful => ({ input, actor });
