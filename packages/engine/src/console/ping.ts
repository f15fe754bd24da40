/** `ping [-c N] TARGET` as iputils prints it on a Linux guest. */
import { formatIpv4 } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';
import { lookupRoute, sourceFor } from '../l3/routes';
import type { Hop } from '../probe/packet';
import { probe } from '../probe/probe';
import type { ConsoleResult } from './console';
import { refusedAtSource, roundTripMs, ttlOf } from './format';
import { resolveName } from './resolve';

export function ping(network: Network, node: NetNode, args: readonly string[]): ConsoleResult {
  let count = 4;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-c') count = Math.max(1, Math.min(20, Number(args[++i]) || 4));
    else if (!arg.startsWith('-')) target = arg;
  }
  if (!target) return { output: 'ping: usage error: Destination address required', exitCode: 1, probe: null };
  const resolved = resolveName(network, node, target);
  if (!resolved.ok) {
    const message =
      resolved.error === 'no-dns' ? 'Temporary failure in name resolution' : 'Name or service not known';
    return { output: `ping: ${target}: ${message}`, exitCode: 2, probe: null };
  }
  const address = formatIpv4(resolved.ip);
  const result = probe(network, { from: node.id, to: address, kind: 'ping' });
  const code = result.why.code;
  if (refusedAtSource(result)) {
    return { output: 'ping: connect: Network is unreachable', exitCode: 2, probe: result };
  }
  const lines = [`PING ${target} (${address}) 56(84) bytes of data.`];
  // ping reports a local ARP failure from the sender's own address on that route.
  const route = lookupRoute(node, resolved.ip);
  const source = route ? sourceFor(route) : null;
  const ownSource = source === null ? address : formatIpv4(source);
  const localFailure =
    (code === 'no-arp' || code === 'gateway-silent') && result.hops.at(-1)?.node === node.id;
  const routerFailure =
    code === 'network-unreachable' || code === 'no-internet' ? routerAddress(result.hops) : null;
  for (let seq = 1; seq <= count; seq++) {
    if (result.reachable) {
      lines.push(
        `64 bytes from ${address}: icmp_seq=${seq} ttl=${ttlOf(result.hops)} time=${roundTripMs(result.hops, seq)} ms`,
      );
    } else if (localFailure) {
      lines.push(`From ${ownSource} icmp_seq=${seq} Destination Host Unreachable`);
    } else if (routerFailure) {
      lines.push(`From ${routerFailure} icmp_seq=${seq} Destination Net Unreachable`);
    }
  }
  const received = result.reachable ? count : 0;
  const errors = localFailure || routerFailure ? `, +${count} errors` : '';
  const loss = result.reachable ? 0 : 100;
  lines.push('', `--- ${target} ping statistics ---`);
  lines.push(
    `${count} packets transmitted, ${received} received${errors}, ${loss}% packet loss, time ${(count - 1) * 1001 + 3}ms`,
  );
  if (result.reachable) {
    const times = Array.from({ length: count }, (_, i) => Number(roundTripMs(result.hops, i + 1)));
    const avg = times.reduce((sum, t) => sum + t, 0) / count;
    const mdev = Math.sqrt(times.reduce((sum, t) => sum + (t - avg) ** 2, 0) / count);
    lines.push(
      `rtt min/avg/max/mdev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${mdev.toFixed(3)} ms`,
    );
  }
  return { output: lines.join('\n'), exitCode: result.reachable ? 0 : 1, probe: result };
}

/** The router that answered "Destination Net Unreachable": the last address ARP found. */
function routerAddress(hops: readonly Hop[]): string | null {
  let last: string | null = null;
  for (const hop of hops) if (hop.why.code === 'hop-arp') last = hop.why.params.address;
  return last;
}
