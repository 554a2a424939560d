// Which addresses a webhook may reach. A webhook URL is chosen by the caller, so without this the
// server would POST (SSRF) to its own loopback services, the LAN or a cloud metadata endpoint.
// Checked on the literal address, on every address a name resolves to when the job is created,
// and again in the socket's own lookup at delivery time (DNS rebinding: the name may resolve to
// something else by then, so the address checked is the address connected to).
import dns from "node:dns";
import net from "node:net";

const blocked = new net.BlockList();
for (const [addr, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, incl. 169.254.169.254 metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved + broadcast
] as const)
  blocked.addSubnet(addr, bits, "ipv4");
for (const [addr, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local, incl. fd00:ec2::254 metadata
  ["fe80::", 10], // link-local
  ["fec0::", 10], // old site-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(addr, bits, "ipv6");

/** An IPv4 address carried inside IPv6 (::ffff:a.b.c.d mapped, 64:ff9b::/96 NAT64, ::a.b.c.d), else null. */
function embeddedV4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for loopback, private, link-local, metadata, multicast and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family === 6) {
    const v4 = embeddedV4(ip);
    if (v4) return blocked.check(v4, "ipv4");
    return blocked.check(ip, "ipv6");
  }
  return true; // not an address at all: refuse rather than guess
}

export class PrivateAddressError extends Error {
  readonly code = "WEBHOOK_PRIVATE_ADDRESS";
  constructor(host: string, address: string) {
    super(`webhook host ${host} resolves to a private or local address (${address}); set WEBHOOK_ALLOW_PRIVATE=1 to allow it`);
  }
}

/** The URL host without IPv6 brackets. */
export function bareHost(u: URL): string {
  return u.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Resolves `host` (all addresses) and throws PrivateAddressError if any of them is private. */
export async function checkResolvedHost(host: string): Promise<void> {
  if (net.isIP(host)) {
    if (isPrivateAddress(host)) throw new PrivateAddressError(host, host);
    return;
  }
  const addrs = await dns.promises.lookup(host, { all: true, verbatim: true });
  for (const a of addrs) if (isPrivateAddress(a.address)) throw new PrivateAddressError(host, a.address);
}

/**
 * A `lookup` for http(s).request that resolves every address and fails the connection if any is
 * private, so the address checked is the one connected to.
 */
export const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addrs) => {
    if (err) return (callback as (e: Error) => void)(err);
    const list = addrs as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return (callback as (e: Error) => void)(new PrivateAddressError(hostname, bad.address));
    if (!list.length) return (callback as (e: Error) => void)(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }));
    if ((options as dns.LookupOptions).all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
  });
};
