/** Windows `ping` (`-n`, `-l`, `-w`) and `tracert` (`-d`, `-h`), as cmd.exe prints them. */
import { formatIpv4, parseIpv4 } from '@vnetlab/shared';
import { lookupRoute, sourceFor } from '../../l3/routes';
import { probe } from '../../probe/probe';
import { refusedAtSource, roundTripMs, ttlOf } from '../format';
import { parseIpv6 } from '../ipv6';
import { resolveName } from '../resolve';
import { answer, type ConsoleResult, type Shell } from '../result';
import { winPing6 } from './winPing6';

const PING_USAGE = `
Usage: ping [-t] [-a] [-n count] [-l size] [-f] [-i TTL] [-v TOS]
            [-r count] [-s count] [[-j host-list] | [-k host-list]]
            [-w timeout] [-R] [-S srcaddr] [-c compartment] [-p]
            [-4] [-6] target_name`;

export function winPing(shell: Shell, args: readonly string[]): ConsoleResult {
  let count = 4;
  let size = 32;
  let target: string | null = null;
  let family: 4 | 6 | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    // An IPv6 address is an operand, not an option, even though it has no leading letter.
    const option = parseIpv6(arg) ? undefined : /^[-/](.+)$/.exec(arg)?.[1]?.toLowerCase();
    if (option === undefined) {
      target = arg;
      continue;
    }
    if (option === 'n' || option === 'l' || option === 'w' || option === 'i') {
      const value = args[++i];
      if (value === undefined)
        return answer(`Value must be supplied for option -${option}.\n${PING_USAGE}`, 1);
      const n = Number(value);
      if (option === 'n') {
        if (!/^\d+$/.test(value) || n < 1)
          return answer(`Bad value for option -n, valid range is from 1 to 4294967295.`, 1);
        count = Math.min(n, 100);
      }
      if (option === 'l') {
        if (!/^\d+$/.test(value) || n > 65500)
          return answer('Bad value for option -l, valid range is from 0 to 65500.', 1);
        size = n;
      }
      continue;
    }
    if (option === '4' || option === '6') {
      family = option === '4' ? 4 : 6;
      continue;
    }
    if (option === 't' || option === 'a') continue;
    if (option === '?') return answer(PING_USAGE);
    return answer(`Bad option ${arg}.\n${PING_USAGE}`, 1);
  }
  if (target === null) return answer('IP address must be specified.', 1);
  const notFound = `Ping request could not find host ${target}. Please check the name and try again.`;
  const v6 = parseIpv6(target);
  // WIN-3: IPv6 (link-local and ::1 are all a lab has); -4 and -6 each refuse the other family.
  if (v6) return family === 4 ? answer(notFound, 1) : winPing6(shell, v6, count, size);
  if (family === 6) {
    // A name has no AAAA record in the lab, and an IPv4 address is not IPv6.
    return answer(notFound, 1);
  }
  const resolved = resolveName(shell.network, shell.node, target);
  if (!resolved.ok) return answer(notFound, 1);
  const address = formatIpv4(resolved.ip);
  const result = probe(shell.network, { from: shell.node.id, to: address, kind: 'ping' });
  const named = parseIpv4(target) === null ? `${target} [${address}]` : address;
  if (refusedAtSource(result)) return answer('PING: transmit failed. General failure.', 1, result);
  const lines = ['', `Pinging ${named} with ${size} bytes of data:`];
  const code = result.why.code;
  const route = lookupRoute(shell.node, resolved.ip);
  const own = route ? sourceFor(route) : null;
  const local =
    (code === 'no-arp' || code === 'gateway-silent') && result.hops.at(-1)?.node === shell.node.id;
  const times: number[] = [];
  for (let seq = 1; seq <= count; seq++) {
    if (result.reachable) {
      const ms = Math.floor(Number(roundTripMs(result.hops, seq)));
      times.push(ms);
      lines.push(
        `Reply from ${address}: bytes=${size} time${ms < 1 ? '<1' : `=${ms}`}ms TTL=${ttlOf(result.hops, shell.network)}`,
      );
    } else if (local)
      lines.push(`Reply from ${own === null ? address : formatIpv4(own)}: Destination host unreachable.`);
    else lines.push('Request timed out.');
  }
  // "Destination host unreachable" is a reply: Windows counts it as received.
  const received = result.reachable || local ? count : 0;
  const lost = count - received;
  lines.push(
    '',
    `Ping statistics for ${address}:`,
    `    Packets: Sent = ${count}, Received = ${received}, Lost = ${lost} (${Math.round((lost / count) * 100)}% loss),`,
  );
  if (result.reachable) {
    const avg = Math.round(times.reduce((a, b) => a + b, 0) / times.length);
    lines.push(
      'Approximate round trip times in milli-seconds:',
      `    Minimum = ${Math.min(...times)}ms, Maximum = ${Math.max(...times)}ms, Average = ${avg}ms`,
    );
  }
  return answer(lines.join('\n'), result.reachable ? 0 : 1, result);
}

export function tracert(shell: Shell, args: readonly string[]): ConsoleResult {
  let maxHops = 30;
  let target: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = /^[-/](.+)$/.exec(arg)?.[1]?.toLowerCase();
    if (option === undefined) target = arg;
    else if (option === 'd') continue;
    else if (option === 'h') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) return answer(`Bad value for option -h.`, 1);
      maxHops = value;
    } else return answer(`Bad option ${arg}.`, 1);
  }
  if (target === null)
    return answer('Usage: tracert [-d] [-h maximum_hops] [-j host-list] [-w timeout] target_name', 1);
  const resolved = resolveName(shell.network, shell.node, target);
  if (!resolved.ok) return answer(`Unable to resolve target system name ${target}.`, 1);
  const address = formatIpv4(resolved.ip);
  const result = probe(shell.network, { from: shell.node.id, to: address, kind: 'ping' });
  const head =
    parseIpv4(target) === null
      ? [``, `Tracing route to ${target} [${address}]`, `over a maximum of ${maxHops} hops:`, '']
      : ['', `Tracing route to ${address} over a maximum of ${maxHops} hops`, ''];
  if (refusedAtSource(result))
    return answer([...head, 'Unable to contact IP driver. General failure.'].join('\n'), 1, result);
  const routers: string[] = [];
  let hidden = false;
  for (const hop of result.hops) {
    if (hop.dir !== 'out') break;
    if (hop.why.code === 'hop-proxy') {
      hidden = true;
      break;
    }
    if (hop.why.code === 'hop-arp' && hop.why.params.address !== address)
      routers.push(hop.why.params.address);
  }
  const lines = [...head];
  const time = (index: number) => {
    const ms = Math.floor(0.3 + (index - 1) * 0.4);
    return (ms < 1 ? '<1 ms' : `${ms} ms`).padStart(7);
  };
  const line = (index: number, ip: string) =>
    `${String(index).padStart(3)}  ${time(index)}  ${time(index)}  ${time(index)}  ${ip}`;
  for (const [i, router] of routers.slice(0, maxHops).entries()) lines.push(line(i + 1, router));
  if (result.reachable && !hidden && routers.length < maxHops) lines.push(line(routers.length + 1, address));
  else
    for (let i = routers.length + 1; i <= maxHops; i++)
      lines.push(`${String(i).padStart(3)}     *        *        *     Request timed out.`);
  lines.push('', 'Trace complete.');
  return answer(lines.join('\n'), 0, result);
}
