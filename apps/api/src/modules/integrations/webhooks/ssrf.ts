import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may never reach: private, loopback, link-local (cloud metadata), CGNAT, multicast, reserved. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(net, prefix, 'ipv6');
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export class SsrfError extends Error {}

/** Whether a resolved address may be called (`allowLoopback`: development and tests). IPv4-mapped IPv6 counts as IPv4. */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (allowLoopback && loopback.check(ip, type)) return true;
  return !blocked.check(ip, type);
}

/**
 * A `lookup` for http(s).request that refuses forbidden addresses: the check happens on the very address the
 * socket connects to, at delivery time, so a DNS answer changed after the subscription was saved (rebinding)
 * cannot reach the inside either.
 */
export function guardedLookup(allowLoopback: boolean) {
  return (hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      const bad = addresses.find((a) => !addressAllowed(a.address, allowLoopback));
      if (bad || !addresses.length) return callback(new SsrfError(`${hostname} resolves to a forbidden address (${bad?.address ?? 'none'})`), []);
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
