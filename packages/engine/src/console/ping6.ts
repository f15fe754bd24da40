/**
 * iputils `ping -6` (and `ping6`, and `ping` given an IPv6 address) on a Linux guest,
 * CON-4: the loopback and link-local addresses are all the IPv6 a lab has. A link-local
 * address needs its interface (`fe80::…%enp0s3`): without one the kernel refuses the
 * connect() (EINVAL) and iputils warns first. A neighbour answers if it has that address
 * on the interface's segment; if no one does, neighbour discovery fails and the kernel
 * reports "Address unreachable" from the sender's own link-local address.
 */
import { parseIpv4 } from '@vnetlab/shared';
import type { Iface } from '../compile/network';
import { roundTripFor, rttLine } from './format';
import { linkLocal, linkLocalOwner, parseIpv6 } from './ipv6';
import { resolveName } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';

export interface Ping6Options {
  readonly count: number;
  /** No `-c`: a real ping runs until Ctrl-C. */
  readonly endless: boolean;
  readonly size: number;
  readonly interval: number;
  readonly quiet: boolean;
}

const LINK_LOCAL_WARNING =
  'ping: Warning: IPv6 link-local address on ICMP datagram socket may require ifname or scope-id => use: address%<ifname|scope-id>';

export function ping6(shell: Shell, target: string, options: Ping6Options): ConsoleResult {
  const parsed = parseIpv6(target);
  if (!parsed) {
    if (parseIpv4(target) !== null)
      return answer(`ping: ${target}: Address family for hostname not supported`, 2);
    const resolved = resolveName(shell.network, shell.node, target);
    if (!resolved.ok) {
      const message =
        resolved.error === 'no-dns' ? 'Temporary failure in name resolution' : 'Name or service not known';
      return answer(`ping: ${target}: ${message}`, 2);
    }
    // The lab's names have IPv4 addresses only: no AAAA record.
    return answer(`ping: ${target}: No address associated with hostname`, 2);
  }
  const { address, zone } = parsed;
  if (address === '::1') return replies(target, '::1', '::1', 0, options);
  if (!address.startsWith('fe80:')) return answer('ping: connect: Network is unreachable', 2);
  if (zone === null) return answer(`${LINK_LOCAL_WARNING}\nping: connect: Invalid argument`, 2);
  const iface = shell.node.ifaces.find((candidate) => candidate.name === zone);
  if (!iface) return answer(`ping: ${target}: Name or service not known`, 2);
  const own = linkLocal(iface);
  if (own === null) return answer('ping: connect: Network is unreachable', 2);
  const shown = `${address}%${zone}`;
  if (shell.node.ifaces.some((candidate) => linkLocal(candidate) === address)) {
    return replies(target, shown, shown, 0, options);
  }
  const owner = neighbour(iface, address);
  // WIN-2: Windows' IPv6 hop limit starts at 128, like its IPv4 TTL.
  if (owner?.node.firewall.icmp)
    return replies(target, shown, shown, 1, options, owner.node.os === 'windows' ? 128 : 64);
  return unanswered(target, shown, owner ? null : `${own}%${zone}`, options);
}

/** The interface that answers neighbour discovery for `address`, if any reaches this one. */
export function neighbour(iface: Iface, address: string): Iface | null {
  const owner = linkLocalOwner(iface, address);
  if (!owner || owner.node.notStarted !== null) return null;
  // LV-4: a macvtap guest and its own host never see each other's frames.
  if (owner.macvtapOn === iface.id || iface.macvtapOn === owner.id) return null;
  return owner;
}

function header(target: string, shown: string, options: Ping6Options): string {
  return `PING ${target} (${shown}) ${options.size} data bytes`;
}

function statistics(target: string, options: Ping6Options, received: number, errors: number): string[] {
  const { count, interval } = options;
  const elapsed = count === 1 ? 0 : Math.round((count - 1) * (interval * 1000 + 1)) + 3;
  const loss = Math.round(((count - received) / count) * 100);
  return [
    '',
    `--- ${target} ping statistics ---`,
    `${count} packets transmitted, ${received} received${errors ? `, +${errors} errors` : ''}, ${loss}% packet loss, time ${elapsed}ms`,
  ];
}

function replies(
  target: string,
  shown: string,
  from: string,
  crossings: number,
  options: Ping6Options,
  hopLimit = 64,
): ConsoleResult {
  const timed = options.size >= 16;
  const timeOf = (seq: number) => roundTripFor(crossings, 0, seq);
  const lines = [header(target, shown, options)];
  if (!options.quiet) {
    for (let seq = 1; seq <= options.count; seq++) {
      const time = timed ? ` time=${timeOf(seq)} ms` : '';
      lines.push(`${options.size + 8} bytes from ${from}: icmp_seq=${seq} ttl=${hopLimit}${time}`);
    }
  }
  if (options.endless) lines.push('^C');
  lines.push(...statistics(target, options, options.count, 0));
  if (timed) lines.push(rttLine(timeOf, options.count));
  return answer(lines.join('\n'));
}

/** No reply: a firewall that drops (nothing printed), or no neighbour (`reporter` says so). */
function unanswered(
  target: string,
  shown: string,
  reporter: string | null,
  options: Ping6Options,
): ConsoleResult {
  const lines = [header(target, shown, options)];
  if (!options.quiet && reporter !== null) {
    for (let seq = 1; seq <= options.count; seq++) {
      lines.push(`From ${reporter} icmp_seq=${seq} Destination unreachable: Address unreachable`);
    }
  }
  if (options.endless) lines.push('^C');
  lines.push(...statistics(target, options, 0, reporter === null ? 0 : options.count));
  return answer(lines.join('\n'), 1);
}
