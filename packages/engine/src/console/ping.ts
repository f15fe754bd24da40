/**
 * iputils `ping` on a Linux guest: getopt's `-c1`/`-c 1`, `-q`, `-n`, `-W`, `-i`,
 * `-s` (the sizes printed follow it; under 16 bytes no times), `-I` interface or
 * address; its own words for bad usage (iputils ping.c, iputils_common.c). With no
 * `-c` a real ping runs until Ctrl-C: the console shows four replies and the ^C.
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '@vnetlab/shared';
import type { RouteEntry } from '../compile/network';
import { lookupRoute, sourceFor } from '../l3/routes';
import type { Hop } from '../probe/packet';
import { probe } from '../probe/probe';
import { refusedAtSource, roundTripMs, rttLine, ttlOf } from './format';
import { getopt, getoptMessage, hasFlag, lastValue } from './getopt';
import { parseIpv6 } from './ipv6';
import { ping6 } from './ping6';
import { PING_USAGE } from './pingUsage';
import { resolveName } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';

const SPEC = { short: 'h?4bRT:6F:N:aABCc:dDe:fHi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:' };
const LONG_MAX = '9223372036854775807';
const MAX_DATA = 65507;
/** IPv6: 65535 less the ICMPv6 header (iputils ping6_common.c). */
const MAX_DATA6 = 65527;

export function ping(shell: Shell, args: readonly string[]): ConsoleResult {
  const parsed = getopt(args, SPEC);
  if (!parsed.ok) return answer(`${getoptMessage('ping', parsed.error)}\n${PING_USAGE}`, 2);
  const { options, operands } = parsed;
  if (hasFlag(options, 'h', '?')) return answer(PING_USAGE, 2);
  if (hasFlag(options, 'V')) return answer('ping from iputils 20240117');
  const countText = lastValue(options, 'c');
  const count = countText === null ? 4 : integerIn(countText, 1);
  if (typeof count === 'string') return answer(count, 1);
  const sizeText = lastValue(options, 's');
  const size = sizeText === null ? 56 : integerIn(sizeText, 0, 2147483647);
  if (typeof size === 'string') return answer(size, 1);
  const interval = seconds(lastValue(options, 'i'), 'bad timing interval', 1);
  if (typeof interval === 'string') return answer(interval, 2);
  const linger = seconds(lastValue(options, 'W'), 'bad linger time', 10);
  if (typeof linger === 'string') return answer(linger, 2);
  if (linger < 0.001) return answer(`ping: bad linger time: ${lastValue(options, 'W')}`, 2);
  const target = operands.at(-1);
  if (!target) return answer('ping: usage error: Destination address required', 1);
  const family6 = hasFlag(options, '6') || (!hasFlag(options, '4') && parseIpv6(target) !== null);
  if (hasFlag(options, '4') && parseIpv6(target) !== null)
    return answer(`ping: ${target}: Address family for hostname not supported`, 2);
  if (family6) {
    if (size > MAX_DATA6) return answer(`ping: packet size ${size} is too large. Maximum is ${MAX_DATA6}`, 2);
    return ping6(shell, target, {
      count,
      endless: countText === null,
      size,
      interval,
      quiet: hasFlag(options, 'q'),
    });
  }
  if (size > MAX_DATA) return answer(`ping: packet size ${size} is too large. Maximum is ${MAX_DATA}`, 2);

  const resolved = resolveName(shell.network, shell.node, target);
  if (!resolved.ok) {
    const message =
      resolved.error === 'no-dns' ? 'Temporary failure in name resolution' : 'Name or service not known';
    return answer(`ping: ${target}: ${message}`, 2);
  }
  const route = lookupRoute(shell.node, resolved.ip);
  const bound = bindTo(shell, lastValue(options, 'I'), resolved.ip, route);
  if (!bound.ok) return answer(bound.output, bound.exitCode);

  const address = formatIpv4(resolved.ip);
  const result = probe(shell.network, { from: shell.node.id, to: address, kind: 'ping' });
  if (refusedAtSource(result)) return answer('ping: connect: Network is unreachable', 2, result);
  const code = result.why.code;
  const numeric = hasFlag(options, 'n') || parseIpv4(target) !== null;
  const from = numeric ? address : `${address} (${address})`;
  const timed = size >= 16;
  const lines = [`PING ${target} (${address}) ${bound.header}${size}(${size + 28}) bytes of data.`];
  // CON-7: below 2 ms (or -f) only root may send; iputils says so after its PING line, exit 2.
  if (!shell.sudo && (interval < 0.002 || hasFlag(options, 'f')))
    return answer(
      `${lines[0]}\nping: cannot flood, minimal interval for user must be >= 2 ms, use -i 0.002 (or higher)`,
      2,
      result,
    );
  const source = route ? sourceFor(route) : null;
  const ownSource = source === null ? address : formatIpv4(source);
  const localFailure =
    (code === 'no-arp' || code === 'gateway-silent') && result.hops.at(-1)?.node === shell.node.id;
  const routerFailure =
    code === 'network-unreachable' || code === 'no-internet' ? routerAddress(result.hops) : null;
  // LV-6: the libvirt host answers with icmp-port-unreachable, from its address the ping arrived at.
  const portFailure = result.why.code === 'libvirt-rejects' ? result.why.params.by : null;
  if (!hasFlag(options, 'q')) {
    for (let seq = 1; seq <= count; seq++) {
      if (result.reachable) {
        const time = timed ? ` time=${roundTripMs(result.hops, seq)} ms` : '';
        lines.push(
          `${size + 8} bytes from ${from}: icmp_seq=${seq} ttl=${ttlOf(result.hops, shell.network)}${time}`,
        );
      } else if (localFailure) {
        lines.push(`From ${ownSource} icmp_seq=${seq} Destination Host Unreachable`);
      } else if (routerFailure) {
        lines.push(`From ${routerFailure} icmp_seq=${seq} Destination Net Unreachable`);
      } else if (portFailure) {
        lines.push(`From ${portFailure} icmp_seq=${seq} Destination Port Unreachable`);
      }
    }
  }
  if (countText === null) lines.push('^C');
  const received = result.reachable ? count : 0;
  const errors = localFailure || routerFailure || portFailure ? `, +${count} errors` : '';
  const loss = result.reachable ? 0 : 100;
  const elapsed = count === 1 ? 0 : Math.round((count - 1) * (interval * 1000 + 1)) + 3;
  lines.push('', `--- ${target} ping statistics ---`);
  lines.push(
    `${count} packets transmitted, ${received} received${errors}, ${loss}% packet loss, time ${elapsed}ms`,
  );
  if (result.reachable && timed) lines.push(rttLine((seq) => roundTripMs(result.hops, seq), count));
  return { output: lines.join('\n'), exitCode: result.reachable ? 0 : 1, probe: result };
}

/** strtol_or_err: "invalid argument: 'x'" or "… out of range: MIN <= value <= MAX". */
function integerIn(text: string, min: number, max?: number): number | string {
  if (!/^[+-]?\d+$/.test(text.trim())) return `ping: invalid argument: '${text}'`;
  const value = Number(text);
  if (value < min || (max !== undefined && value > max))
    return `ping: invalid argument: '${text}': out of range: ${min} <= value <= ${max ?? LONG_MAX}`;
  return value;
}

function seconds(text: string | null, message: string, fallback: number): number | string {
  if (text === null) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) return `ping: ${message}: ${text}`;
  return value;
}

type Binding =
  | { readonly ok: true; readonly header: string }
  | { readonly ok: false; readonly output: string; readonly exitCode: number };

/** `-I`: an interface name (SO_BINDTODEVICE) or one of the machine's addresses (bind). */
function bindTo(shell: Shell, value: string | null, dst: Ipv4, route: RouteEntry | null): Binding {
  if (value === null) return { ok: true, header: '' };
  const ip = parseIpv4(value);
  if (ip !== null) {
    const owns = shell.node.ifaces.some((iface) => iface.up && iface.addrs.some((a) => a.ip === ip));
    if (!owns) return { ok: false, output: 'ping: bind: Cannot assign requested address', exitCode: 2 };
    return { ok: true, header: `from ${value} : ` };
  }
  const iface = shell.node.ifaces.find((candidate) => candidate.name === value);
  if (!iface) return { ok: false, output: `ping: SO_BINDTODEVICE ${value}: No such device`, exitCode: 2 };
  const onIface = shell.node.routes.some(
    (entry) => entry.iface === iface && entry.iface.up && matches(entry, dst),
  );
  if (!onIface) return { ok: false, output: 'ping: connect: Network is unreachable', exitCode: 2 };
  if (route?.iface !== iface) {
    // The walk follows the routing table; a packet forced out of another interface is not modelled.
    return {
      ok: false,
      output: `vnetlab: ping -I ${value}: sending out of an interface the routing table does not choose (it picks ${route?.iface.name ?? 'none'}) is not simulated`,
      exitCode: 2,
    };
  }
  const source = sourceFor(route);
  return { ok: true, header: `from ${source === null ? '0.0.0.0' : formatIpv4(source)} ${value}: ` };
}

function matches(route: RouteEntry, dst: Ipv4): boolean {
  const mask = route.prefix === 0 ? 0 : (0xffffffff << (32 - route.prefix)) >>> 0;
  return (dst & mask) >>> 0 === (route.net & mask) >>> 0;
}

/** The router that answered "Destination Net Unreachable": the last address ARP found. */
function routerAddress(hops: readonly Hop[]): string | null {
  let last: string | null = null;
  for (const hop of hops) if (hop.why.code === 'hop-arp') last = hop.why.params.address;
  return last;
}
