import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionOperations, readActions } from "@/lib/actions/safe-action";
import { API_ROUTES } from "@/lib/hr/api/registry";
import { importSteps } from "@/lib/hr/import/steps";
import { PERMISSIONS } from "@/lib/permissions";
import { importSource, importSources, SESSION_FLOWS, serverActionModules as actionModules, sourceFiles } from "@/tests/inventory";
import { isOperation, registeredOperations } from "./kernel";

/**
 * Every way in that changes something runs through the operation kernel (docs/architecture.md, "The
 * operation kernel"). The inventory is read from the code — the modules marked "use server", the API's
 * registry, the cron routes — never from a list kept here (tests/inventory.ts), so a new action, route or
 * job is checked the day it is written.
 */

const root = path.join(import.meta.dirname, "../..");
const serverActionModules = actionModules();

describe("server actions", () => {
  it("finds the action modules", () => {
    expect(serverActionModules.length).toBeGreaterThan(10);
  });

  it.each(serverActionModules.filter((file) => file !== SESSION_FLOWS))("%s: each action runs an operation or only reads", async (file) => {
    const exports = Object.entries(await importSource(file));
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      const operation = actionOperations.get(value as never);
      const kind = operation ? "operation" : readActions.has(value as never) ? "read" : "unchecked";
      expect({ name, kind }).not.toEqual({ name, kind: "unchecked" });
      if (operation) expect(isOperation(operation), `${name} runs ${operation.spec.kind}, which is no registered operation`).toBe(true);
    }
  });
});

describe("the HR API", () => {
  it.each(API_ROUTES.filter((route) => route.scope === "write").map((route) => [route.operationId, route] as const))(
    "%s runs an operation",
    (_, route) => {
      expect(route.operation && isOperation(route.operation)).toBe(true);
    },
  );
});

describe("HR's import", () => {
  it.each(Object.entries(importSteps))("the step %s is an operation", (_, step) => {
    expect(isOperation(step)).toBe(true);
  });
});

const cronJobs = readdirSync(path.join(root, "app/api/cron"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const cronModules = sourceFiles("lib/cron");

describe("the scheduler", () => {
  it.each(cronJobs)("/api/cron/%s runs operations of its own system permission", async (job) => {
    await importSources([...cronModules, ...serverActionModules]);
    expect(PERMISSIONS).toHaveProperty(`system.${job}`);
    const kinds = [...registeredOperations().values()].filter((operation) => operation.spec.permission === `system.${job}`);
    expect(kinds.length).toBeGreaterThan(0);
  });
});

describe("the registry", () => {
  it("every operation's permission is in the permission map", async () => {
    await importSources(serverActionModules);
    expect(registeredOperations().size).toBeGreaterThan(30);
    for (const [kind, operation] of registeredOperations()) expect(PERMISSIONS, kind).toHaveProperty(operation.spec.permission);
  });
});
