/**
 * `traceroute [-n] [-m MAX] TARGET` (traceroute 2.1 on Debian/Ubuntu): one line per
 * router on the way, then the destination. VB-NAT-3: past a hypervisor's NAT proxy
 * the probes are re-sent by the host's sockets, so the hops behind it do not
 * answer — the real output shows stars. Without -n each address is printed as
 * "name (address)"; the lab's addresses have no PTR record, so the name is the address.
 */
import { formatIpv4 } from '@vnetlab/shared';
import { probe } from '../probe/probe';
import { resolveName } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';

const WITH_ARG = new Set(['m', 'w', 'q', 'f', 'p', 's', 'i', 'z', 'N', 't', 'g']);
const FLAGS = new Set(['n', 'I', 'T', 'U', '4', 'F', 'e', 'A', 'V', 'd', 'r']);

export function traceroute(shell: Shell, args: readonly string[]): ConsoleResult {
  // macOS's BSD traceroute defaults to 64 hops and 52-byte probes.
  const bsd = shell.node.os === 'macos';
  let maxHops = bsd ? 64 : 30;
  let numeric = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (FLAGS.has(letter)) {
        if (letter === 'n') numeric = true;
        continue;
      }
      if (!WITH_ARG.has(letter)) return answer(`Bad option \`-${letter}' (argc ${i + 1})`, 2);
      const value = arg.slice(j + 1) || args[++i];
      if (value === undefined) return answer(`Option \`-${letter}' (argc ${i}) requires an argument`, 2);
      if (letter === 'm') {
        if (!/^\d+$/.test(value))
          return answer(`Cannot handle \`-m' option with arg \`${value}' (argc ${i})`, 2);
        maxHops = Number(value);
        if (maxHops > 255) return answer('max hops cannot be more than 255', 2);
        if (maxHops < 1) return answer('first hop out of range', 2);
      }
      break;
    }
  }
  const target = operands[0];
  if (!target) return answer('Specify "host" missing argument.', 2);
  const resolved = resolveName(shell.network, shell.node, target);
  if (!resolved.ok) {
    return answer(
      `${target}: ${resolved.error === 'no-dns' ? 'Temporary failure in name resolution' : 'Name or service not known'}\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc ${args.length})`,
      2,
    );
  }
  const address = formatIpv4(resolved.ip);
  const result = probe(shell.network, { from: shell.node.id, to: address, kind: 'ping' });
  const head = `traceroute to ${target} (${address}), ${maxHops} hops max, ${bsd ? 52 : 60} byte packets`;
  if (result.why.code === 'network-unreachable' && result.hops.length <= 1)
    return answer(`${head}\nconnect: Network is unreachable`, 1, result);
  const lines = [head];
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
  const shown = (ip: string) => (numeric ? ip : `${ip} (${ip})`);
  const hopLine = (index: number, ip: string) => {
    const ms = (0.3 + (index - 1) * 0.4).toFixed(3);
    return `${String(index).padStart(2)}  ${shown(ip)}  ${ms} ms  ${ms} ms  ${ms} ms`;
  };
  for (const [index, router] of answering.slice(0, maxHops).entries()) lines.push(hopLine(index + 1, router));
  // LV-6: the probe past the libvirt host is rejected with port unreachable, which
  // traceroute takes for the end of the path: the host shows once more, and it stops.
  const rejectedBy = result.why.code === 'libvirt-rejects' ? result.why.params.by : null;
  if (rejectedBy !== null && answering.length < maxHops)
    lines.push(hopLine(answering.length + 1, rejectedBy));
  else if (result.reachable && !hidden && answering.length < maxHops)
    lines.push(hopLine(answering.length + 1, address));
  else
    for (let index = answering.length + 1; index <= maxHops; index++)
      lines.push(`${String(index).padStart(2)}  * * *`);
  return answer(lines.join('\n'), 0, result);
}
