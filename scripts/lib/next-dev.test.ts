import { describe, expect, it } from "vitest";
import { DEV_HOST, devUrl, nextDevArgs } from "./next-dev";

describe("npm run dev", () => {
  it("binds next dev to the loopback interface only, and calls it there", () => {
    expect(DEV_HOST).toBe("127.0.0.1");
    const args = nextDevArgs("3000");
    expect(args[0]).toBe("dev");
    expect(args[args.indexOf("--hostname") + 1]).toBe("127.0.0.1");
    expect(args[args.indexOf("--port") + 1]).toBe("3000");
    expect(devUrl("3000")).toBe("http://127.0.0.1:3000");
  });
});
