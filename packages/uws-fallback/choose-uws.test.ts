import { describe, expect, it } from "vitest";
import { chooseUws } from "./choose-uws.cjs";

const modern = { App: "modern" };
const legacy = { App: "legacy" };
const fails = (message: string) => () => {
  throw new Error(message);
};

describe("chooseUws", () => {
  it("takes the modern build when it loads, without trying the legacy one", () => {
    let legacyTried = false;
    const chosen = chooseUws([
      { name: "modern", load: () => modern },
      { name: "legacy", load: () => ((legacyTried = true), legacy) },
    ]);
    expect(chosen).toEqual({ name: "modern", module: modern });
    expect(legacyTried).toBe(false);
  });

  it("falls back to the legacy build when the modern one throws", () => {
    const chosen = chooseUws([
      { name: "modern", load: fails("GLIBC_2.38 not found") },
      { name: "legacy", load: () => legacy },
    ]);
    expect(chosen).toEqual({ name: "legacy", module: legacy });
  });

  it("throws one error that names both builds and both reasons when neither loads", () => {
    const attempt = () =>
      chooseUws([
        { name: "uws-modern", load: fails("GLIBC_2.38 not found") },
        { name: "uws-legacy", load: fails("NODE_MODULE_VERSION 127 is not supported") },
      ]);
    expect(attempt).toThrow(/No build of uWebSockets\.js loads on Node v\d+/);
    expect(attempt).toThrow(/- uws-modern: GLIBC_2\.38 not found\n {2}- uws-legacy: NODE_MODULE_VERSION 127 is not supported$/);
  });
});
