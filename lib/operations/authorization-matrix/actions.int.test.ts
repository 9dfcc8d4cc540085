import { chatActions } from "@/tests/matrix/actions-chat";
import { groupActions } from "@/tests/matrix/actions-groups";
import { hrActions } from "@/tests/matrix/actions-hr";
import { peopleActions } from "@/tests/matrix/actions-people";
import { stageMatrix } from "@/tests/matrix/stage";
import { presentSession } from "@/tests/next-request";
import { beforeAll, describe, expect, it } from "vitest";
import { type ActionResult, actionOperations, readActions } from "@/lib/actions/safe-action";
import type { Operation } from "@/lib/operations/kernel";
import { type Player, type Refusal, rightfulCaller, sessionAttacker, sessionAttackers } from "@/tests/attackers";
import { companyFingerprint, companyMarks } from "@/tests/footprint";
import { importSource, SESSION_FLOWS, serverActionModules } from "@/tests/inventory";
import type { ActionCase, ActionCases } from "@/tests/matrix/cases";

/**
 * The authorization matrix of every server action (issue #22), generated from the inventory: the
 * modules marked "use server" and what each export runs (`actionOperations`, `readActions`). Each
 * action has a rightful call that succeeds; every attacker the permission map refuses (and those the
 * case declares the action itself refuses) sends exactly the rightful input, is refused with the
 * expected code, and leaves the company's database as it was. API keys never reach a server action.
 */

type ServerAction = (input: unknown) => Promise<ActionResult<unknown>>;

const cases: ActionCases = { ...groupActions, ...chatActions, ...peopleActions, ...hrActions };

const inventory = new Map<string, ServerAction>();
for (const file of serverActionModules().filter((file) => file !== SESSION_FLOWS)) {
  for (const [name, action] of Object.entries(await importSource(file))) inventory.set(`${file}#${name}`, action as ServerAction);
}

/** The permission the action checks: its operation's, or the one a read's case names. */
function permissionOf(key: string, action: ServerAction, entry: ActionCase) {
  const operation = actionOperations.get(action) as Operation | undefined;
  if (operation) return { permission: operation.spec.permission, actAs: operation.spec.actAs };
  if (entry.permission === undefined) throw new Error(`${key} only reads: its case names the permission it checks (or null)`);
  return { permission: entry.permission };
}

const entries = [...inventory].flatMap(([key, action]) => {
  const [file, name] = key.split("#") as [string, string];
  const entry = cases[file]?.[name];
  if (!entry) return [];
  const attackers = entry.signedOut
    ? []
    : sessionAttackers(key, entry, { ...permissionOf(key, action, entry), reads: readActions.has(action), keys: false });
  return [{ key, action, entry, attackers }];
});

/** How the action answers a refusal. */
function answer(entry: ActionCase, refusal: Exclude<Refusal, { by: "elsewhere" }>): unknown {
  const failed = (code: string) => ({ ok: false, error: { code } });
  if (refusal.by === "session") return failed("unauthenticated");
  if (refusal.by === "permission") return failed("forbidden");
  const code = refusal.by === "company" ? "not_found" : refusal.code;
  return code === "not_found" && entry.notFound ? entry.notFound : failed(code);
}

const stage = stageMatrix();

describe("the inventory", () => {
  it("has a case for every server action, and none for anything else", () => {
    const keys = Object.entries(cases).flatMap(([file, byName]) => Object.keys(byName).map((name) => `${file}#${name}`));
    expect(keys.sort()).toEqual([...inventory.keys()].sort());
  });
});

describe.each(entries)("$key", ({ action, entry, attackers }) => {
  let input: unknown;
  let actor: Player | null;
  let before: Record<string, string>;

  beforeAll(async () => {
    const call = await entry.prepare(stage.cast);
    input = call.input;
    actor = entry.signedOut ? null : (call.actor ?? rightfulCaller(stage.cast, entry.as));
    before = await companyFingerprint(stage.handle.db, stage.cast.companyId);
  });

  it.each(attackers)("refuses $kind ($refusal.by)", async ({ kind, refusal }) => {
    if (kind === "apiKeyRead" || kind === "apiKeyWrite") throw new Error("API keys never reach a server action");
    const attacker = sessionAttacker(stage.cast, kind);
    await presentSession({ userId: attacker.id, sessionId: attacker.sessionId });
    const result = await action(input);
    if (refusal.by === "elsewhere") {
      expect(result).toMatchObject({ ok: true });
      const text = JSON.stringify(result);
      expect((await companyMarks(stage.handle.db, stage.cast.companyId)).filter((mark) => text.includes(mark))).toEqual([]);
    } else {
      expect(result).toMatchObject(answer(entry, refusal) as object);
    }
    expect(await companyFingerprint(stage.handle.db, stage.cast.companyId)).toEqual(before);
  });

  it("the rightful call succeeds", async () => {
    await presentSession(actor && { userId: actor.id, sessionId: actor.sessionId });
    expect(await action(input)).toMatchObject({ ok: true });
    // What an operation leaves (its claim at least) shows in the fingerprint: the attackers' unchanged one means something.
    if (actionOperations.has(action)) expect(await companyFingerprint(stage.handle.db, stage.cast.companyId)).not.toEqual(before);
  });
});
