import { BlockList, isIP } from "node:net";
import { env } from "@/base/env";
import { log } from "@/base/log";

/**
 * The header the server's preload (`server/peer-address.cjs`) puts on every request: the address of
 * the socket the request came on, after deleting whatever copy the client sent. Next gives handlers no
 * socket address, and `next start` keeps a client-written X-Forwarded-For, so this header is the only
 * address in a request that the client did not choose.
 */
export const PEER_ADDRESS_HEADER = "x-cohort-peer-address";

/** An IPv4 address as an IPv6 socket reports it (`::ffff:203.0.113.9`) reads as the IPv4 address. */
function normalize(address: string): string | null {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const plain = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(trimmed)?.[1] ?? trimmed;
  return isIP(plain) ? plain.toLowerCase() : null;
}

/** The proxies whose X-Forwarded-For entries count, from `TRUSTED_PROXY_CIDRS` (validated CIDRs, see base/env.ts). */
export function trustedProxies(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, bits] = cidr.split("/");
    const type = isIP(network!) === 6 ? "ipv6" : "ipv4";
    list.addSubnet(network!, Number(bits ?? (type === "ipv6" ? 128 : 32)), type);
  }
  return list;
}

const isTrusted = (proxies: BlockList, address: string) => proxies.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address: the socket peer, unless the peer is one of our trusted proxies; then the
 * right-most X-Forwarded-For entry that is not a trusted proxy (each proxy appends the address it was
 * reached from, so everything left of the first untrusted entry is the client's own words). When the
 * chain holds only proxies, or something that is not an address, the nearest proxy is the client as
 * far as we can tell. Null only when the request carries no peer address: the server was started
 * without the preload.
 */
export function clientAddress(headers: Headers, proxies: BlockList): string | null {
  const peer = normalize(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return null;
  let nearest = peer;
  if (!isTrusted(proxies, peer)) return nearest;
  for (const hop of (headers.get("x-forwarded-for") ?? "").split(",").reverse()) {
    const address = normalize(hop);
    if (!address) return nearest;
    if (!isTrusted(proxies, address)) return address;
    nearest = address;
  }
  return nearest;
}

let configured: { cidrs: readonly string[]; proxies: BlockList } | undefined;
let warned = false;

/** The client address of a request under the configured proxies (`TRUSTED_PROXY_CIDRS`). */
export function requestClientAddress(headers: Headers): string | null {
  const cidrs = env().trustedProxyCidrs;
  if (configured?.cidrs !== cidrs) configured = { cidrs, proxies: trustedProxies(cidrs) };
  const address = clientAddress(headers, configured.proxies);
  if (!address && !warned) {
    warned = true;
    log.warn(
      "request without a peer address: start the server with `node --require ./server/peer-address.cjs`; sign-in limits count per account only",
    );
  }
  return address;
}
