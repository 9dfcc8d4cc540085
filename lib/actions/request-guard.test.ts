import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH } from "@/lib/http/json-depth";
import { ACTION_BODY_LIMIT_BYTES } from "./body-limit";
import { refuseMalformedAction, settledAction, thrownActionError } from "./request-guard";

const ACTION = "7f02bd19c6e8a8c69d3066e6048b04fd05c0645745";

const action = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://cohort.test/admin/courses", {
    method: "POST",
    headers: { "next-action": ACTION, "content-type": "text/plain;charset=UTF-8", ...headers },
    body,
  });

/** A multipart body as React encodes arguments with a Blob in them: the Blob as its own part, then the root at "0". */
function multipart(parts: [string, string | Blob][]): Request {
  const form = new FormData();
  for (const [name, value] of parts) form.append(name, value);
  return new Request("http://cohort.test/admin/courses", { method: "POST", headers: { "next-action": ACTION }, body: form });
}

async function outcome(request: Request): Promise<string> {
  const refused = await refuseMalformedAction(request);
  if (!refused) return "passes";
  expect(refused.headers.get("content-type")).toBe("text/plain");
  return `${refused.status} ${await refused.text()}`;
}

describe("server action bodies the proxy refuses before Next answers them with a 500", () => {
  it("passes what React sends: JSON arguments, and multipart with a Blob", async () => {
    expect(await outcome(action('[{"file":"{}","operationId":"00000000-0000-4000-8000-000000000001"}]'))).toBe("passes");
    expect(await outcome(action('[{"amount":"$n12","when":"$D2026-05-04T08:00:00.000Z","text":"$$literal","none":"$undefined"}]'))).toBe(
      "passes",
    );
    expect(await outcome(action("[]"))).toBe("passes");
    const blob = new Blob(["{}"], { type: "application/json" });
    expect(
      await outcome(
        multipart([
          ["1", blob],
          ["0", '[{"file":"$B1","operationId":"x"}]'],
        ]),
      ),
    ).toBe("passes");
    expect(
      await outcome(
        multipart([
          ["0", '[{"a":"$1"}]'],
          ["1", '{"b":"$Q2"}'],
          ["2", "[]"],
        ]),
      ),
    ).toBe("passes");
  });

  it("leaves everything that is no server action alone", async () => {
    expect(await refuseMalformedAction(new Request("http://cohort.test/groups", { method: "POST", body: "not json" }))).toBeNull();
    expect(await refuseMalformedAction(new Request("http://cohort.test/groups", { headers: { "next-action": ACTION } }))).toBeNull();
  });

  it("refuses a body over the limit with 413, by its length or by what arrives", async () => {
    expect(await outcome(action("[]", { "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }))).toBe("413 action_body_too_large");
    const big = `["${"x".repeat(ACTION_BODY_LIMIT_BYTES)}"]`;
    expect(await outcome(action(big))).toBe("413 action_body_too_large");
    // A course file of control characters, sent as JSON text, grows six times: 1 MB of them is 6 MB.
    expect(await outcome(action(JSON.stringify([{ file: "\u0001".repeat(1024 * 1024) }])))).toBe("413 action_body_too_large");
  });

  it.each([
    ["not JSON", "not json at all"],
    ["an empty body", ""],
    ["JSON that is no argument list", '"str"'],
    ["an object", '{"a":1}'],
    ["a reference to a part a plain body cannot have", '["$1"]'],
    ["a map without its part", '["$Q1"]'],
    ["a Blob without its part", '[{"file":"$B1"}]'],
    ["a bare $", '["$"]'],
    ["a typed array", '["$A1"]'],
    ["a stream", '["$R1"]'],
  ])("refuses %s with 400", async (_label, body) => {
    expect(await outcome(action(body))).toBe("400 action_body_invalid");
  });

  it.each([
    ["no root part", [["1", '"x"']]],
    ["a root that is not JSON", [["0", "not json"]]],
    ["a reference to a missing part", [["0", '["$1"]']]],
    [
      "a referenced part that is not JSON",
      [
        ["0", '["$1"]'],
        ["1", "not json"],
      ],
    ],
    [
      "a Blob reference to a text part",
      [
        ["1", "[]"],
        ["0", '["$B1"]'],
      ],
    ],
    [
      "a Blob that comes after the part naming it",
      [
        ["0", '["$B1"]'],
        ["1", new Blob(["x"])],
      ],
    ],
    [
      "a missing part two references away",
      [
        ["0", '["$1"]'],
        ["1", '["$@2"]'],
      ],
    ],
  ] as [string, [string, string | Blob][]][])("refuses multipart with %s with 400", async (_label, parts) => {
    expect(await outcome(multipart(parts))).toBe("400 action_body_invalid");
  });

  it("refuses a multipart body that is not multipart with 400", async () => {
    expect(await outcome(action("garbage", { "content-type": "multipart/form-data; boundary=x" }))).toBe("400 action_body_invalid");
  });

  it("reads a very long argument list, and one nested as deep as React decodes, without overflowing", async () => {
    expect(await outcome(action(`[${Array.from({ length: 500_000 }, () => "0").join(",")}]`))).toBe("passes");
    expect(await outcome(action(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`))).toBe("passes");
  });

  // React revives an action's arguments recursively: 5,000 levels overflowed its stack, and Next
  // answered with a 500 (issue 22). The guard measures the depth without recursion and refuses.
  it.each([
    ["a plain body", action(`[${"[".repeat(100_000)}${"]".repeat(100_000)}]`)],
    ["a multipart part", multipart([["0", `[${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}]`]])],
  ])("refuses arguments nested deeper than React decodes in %s with 400", async (_label, request) => {
    expect(await outcome(request)).toBe("400 action_body_invalid");
  });
});

describe("what the caller sees when the call threw", () => {
  it("a refusal's own code, anything else as unexpected", () => {
    expect(thrownActionError(new Error("action_body_too_large"))).toEqual({ code: "action_body_too_large", values: { max: 2 } });
    expect(thrownActionError(new Error("action_body_invalid"))).toEqual({ code: "action_body_invalid" });
    expect(thrownActionError(new TypeError("Failed to fetch"))).toEqual({ code: "unexpected" });
    expect(thrownActionError("x")).toEqual({ code: "unexpected" });
  });

  it("a settled call answers as the action did, and a throw as its refusal", async () => {
    expect(await settledAction(async () => ({ ok: true as const, data: 1 }))).toEqual({ ok: true, data: 1 });
    expect(await settledAction(() => Promise.reject(new Error("action_body_invalid")))).toEqual({
      ok: false,
      error: { code: "action_body_invalid" },
    });
    expect(
      await settledAction(() => {
        throw new TypeError("Failed to fetch");
      }),
    ).toEqual({ ok: false, error: { code: "unexpected" } });
  });
});
