import { afterEach, describe, expect, it, vi } from "vitest";
import { reloadEnv } from "@/base/env";
import { mailTransport } from "./transport";

afterEach(() => {
  vi.unstubAllEnvs();
  reloadEnv();
});

describe("the SMTP transport in production", () => {
  it("insists on STARTTLS when the connection is not TLS from the first byte", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("SMTP_PORT", "587");
    reloadEnv();
    const { options } = mailTransport() as unknown as { options: { secure?: boolean; requireTLS?: boolean } };
    expect(options).toMatchObject({ secure: false, requireTLS: true });
  });
});
