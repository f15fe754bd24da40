/**
 * `traceroute TARGET`: one line per router on the way, then the destination.
 * VB-NAT-3: past a hypervisor's NAT proxy the probes are re-sent by the host's
 * sockets, so the hops behind it do not answer — the real output shows stars.
 */
import { formatIpv4 } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';
import { probe } from '../probe/probe';
import type { ConsoleResult } from './console';
import { resolveName } from './resolve';

const MAX_HOPS = 30;

export function traceroute(network: Network, node: NetNode, args: readonly string[]): ConsoleResult {
  const target = args.find((arg) => !arg.startsWith('-'));
  if (!target) return { output: 'Usage: traceroute host', exitCode: 2, probe: null };
  const resolved = resolveName(network, node, target);
  if (!resolved.ok) {
    return {
      output: `${target}: Temporary failure in name resolution\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 1)`,
      exitCode: 2,
      probe: null,
    };
  }
  const address = formatIpv4(resolved.ip);
  const result = probe(network, { from: node.id, to: address, kind: 'ping' });
  if (result.why.code === 'network-unreachable' && result.hops.length <= 1) {
    return {
      output: `traceroute to ${target} (${address}), ${MAX_HOPS} hops max, 60 byte packets\nconnect: Network is unreachable`,
      exitCode: 1,
      probe: result,
    };
  }
  const lines = [`traceroute to ${target} (${address}), ${MAX_HOPS} hops max, 60 byte packets`];
  const answering: string[] = [];
  let hidden = false;
  for (const hop of result.hops) {
    if (hop.dir !== 'out') break;
    if (hop.why.code === 'hop-proxy') {
      hidden = true;
      break;
    }
    if (hop.why.code === 'hop-arp' && hop.why.params.address !== address)
      answering.push(hop.why.params.address);
  }
  answering.forEach((router, index) => {
    const ms = (0.3 + index * 0.4).toFixed(3);
    lines.push(`${String(index + 1).padStart(2)}  ${router} (${router})  ${ms} ms  ${ms} ms  ${ms} ms`);
  });
  if (result.reachable && !hidden) {
    const index = answering.length + 1;
    const ms = (0.3 + answering.length * 0.4 + (resolved.ip === undefined ? 0 : 0)).toFixed(3);
    lines.push(`${String(index).padStart(2)}  ${address} (${address})  ${ms} ms  ${ms} ms  ${ms} ms`);
  } else {
    for (let index = answering.length + 1; index <= MAX_HOPS; index++)
      lines.push(`${String(index).padStart(2)}  * * *`);
  }
  return { output: lines.join('\n'), exitCode: 0, probe: result };
}
