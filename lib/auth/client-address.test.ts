import { afterEach, describe, expect, it } from "vitest";
import { env, reloadEnv } from "@/base/env";
import { clientAddress, PEER_ADDRESS_HEADER, trustedProxies } from "./client-address";

const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_ADDRESS_HEADER, peer);
  if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
  return headers;
};

describe("clientAddress", () => {
  const none = trustedProxies([]);
  const proxies = trustedProxies(["10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.7"]);

  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(request("198.51.100.7"), none)).toBe("198.51.100.7");
    // The spoofed office and the rotating addresses of the attacks: the client's own words count for nothing.
    expect(clientAddress(request("198.51.100.7", "203.0.113.50"), none)).toBe("198.51.100.7");
    expect(clientAddress(request("::ffff:198.51.100.7", "203.0.113.51, 10.0.0.1"), none)).toBe("198.51.100.7");
    // A peer that is not a trusted proxy is the client even when it sends a chain.
    expect(clientAddress(request("198.51.100.7", "203.0.113.50"), proxies)).toBe("198.51.100.7");
  });

  it("behind trusted proxies, is the right-most X-Forwarded-For entry outside them", () => {
    expect(clientAddress(request("10.1.2.3", "203.0.113.9, 198.51.100.7"), proxies)).toBe("198.51.100.7");
    // The client wrote 203.0.113.9 and a fake proxy hop; both are left of the real client.
    expect(clientAddress(request("10.1.2.3", "203.0.113.9, 10.9.9.9, 198.51.100.7, 192.0.2.7"), proxies)).toBe("198.51.100.7");
    expect(clientAddress(request("2001:db8:ffff::1", "2001:DB8::42"), proxies)).toBe("2001:db8::42");
    // Nothing but proxies, no header, or garbage where the client should be: the nearest proxy.
    expect(clientAddress(request("10.1.2.3", "10.4.4.4"), proxies)).toBe("10.4.4.4");
    expect(clientAddress(request("10.1.2.3"), proxies)).toBe("10.1.2.3");
    expect(clientAddress(request("10.1.2.3", "not-an-address, 10.4.4.4"), proxies)).toBe("10.4.4.4");
  });

  it("is unknown only without the peer address the server's preload stamps", () => {
    expect(clientAddress(request(null, "203.0.113.9"), none)).toBeNull();
    expect(clientAddress(request("nonsense", "203.0.113.9"), proxies)).toBeNull();
  });
});

describe("TRUSTED_PROXY_CIDRS", () => {
  const saved = { cidrs: process.env.TRUSTED_PROXY_CIDRS, count: process.env.TRUSTED_PROXIES };
  const set = (name: "TRUSTED_PROXY_CIDRS" | "TRUSTED_PROXIES", value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
    reloadEnv();
  };
  afterEach(() => {
    set("TRUSTED_PROXY_CIDRS", saved.cidrs);
    set("TRUSTED_PROXIES", saved.count);
  });

  it("takes addresses and CIDRs of both families, and refuses anything else and the old count", () => {
    set("TRUSTED_PROXY_CIDRS", " 10.0.0.0/8, 2001:db8::/32,192.0.2.7 ");
    expect(env().trustedProxyCidrs).toEqual(["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"]);
    set("TRUSTED_PROXY_CIDRS", undefined);
    expect(env().trustedProxyCidrs).toEqual([]);
    set("TRUSTED_PROXY_CIDRS", "10.0.0.0/33");
    expect(() => env()).toThrow(/TRUSTED_PROXY_CIDRS/);
    set("TRUSTED_PROXY_CIDRS", "proxy.internal");
    expect(() => env()).toThrow(/TRUSTED_PROXY_CIDRS/);
    set("TRUSTED_PROXY_CIDRS", undefined);
    set("TRUSTED_PROXIES", "1");
    expect(() => env()).toThrow(/replaced by TRUSTED_PROXY_CIDRS/);
  });
});
