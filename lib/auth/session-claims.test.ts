import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authSecret } from "@/base/env";
import { sessionClaims } from "./session-claims";

const COOKIE = "authjs.session-token";
const token = (maxAge: number, uid = "u1") => encode({ token: { uid, sid: "s1" }, secret: authSecret(), salt: COOKIE, maxAge });

describe("sessionClaims", () => {
  afterEach(() => vi.useRealTimers());

  it("reads the claims of a token the app issued", async () => {
    expect(await sessionClaims(COOKIE, await token(60))).toMatchObject({ uid: "u1", sid: "s1" });
  });

  it("refuses a token it already decrypted once it has expired", async () => {
    const value = await token(60, "u2");
    expect(await sessionClaims(COOKIE, value)).toMatchObject({ uid: "u2" });
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    expect(await sessionClaims(COOKIE, value)).toBeNull();
  });

  it("refuses a token altered, made with another secret or for another cookie", async () => {
    const value = await token(60);
    const altered = value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await sessionClaims(COOKIE, altered)).toBeNull();
    const foreign = await encode({ token: { uid: "u1", sid: "s1" }, secret: "another secret of enough length", salt: COOKIE });
    expect(await sessionClaims(COOKIE, foreign)).toBeNull();
    expect(await sessionClaims(`__Secure-${COOKIE}`, value)).toBeNull();
  });
});
