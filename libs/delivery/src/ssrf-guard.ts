// SPEC §8's SSRF guard for outbound HTTP: an address is allowed only when ipaddr.js puts it
// in the plain `unicast` range, so loopback, private, link-local (the 169.254.169.254
// metadata service), CGNAT, multicast, unique-local (fd00:ec2::254), unspecified, reserved,
// IPv4-mapped and NAT64 IPv6 forms are all refused. A hostname is resolved once, by the
// socket's own `lookup` hook, and every address it resolves to must pass; the socket then
// connects to the address that was checked, so a DNS answer that changes between check and
// connect (rebinding) cannot slip through. Literal IPs never reach `lookup`, so the sender
// checks them with `refusedAddress` before connecting.
import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';

  constructor(host: string, address: string, range: string) {
    super(`refused to connect to ${host}: ${address} is a ${range} address`);
    this.name = 'DestinationRefusedError';
  }
}

/** The range that makes `address` refused, or undefined when it is a public unicast address. */
export function refusedAddress(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'unparseable';
  const range = ipaddr.parse(address).range();
  return range === 'unicast' ? undefined : range;
}

/** The host of a URL as an IP literal (brackets of IPv6 removed), or undefined for a name. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) ? bare : undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `net.connect` lookup that resolves once and refuses the connection unless every address is public. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    for (const { address } of addresses) {
      const range = refusedAddress(address);
      if (range) return callback(new DestinationRefusedError(hostname, address, range), []);
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error(`${hostname} resolved to no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}
