/**
 * macOS's BSD `ping`: `PING a (a): 56 data bytes`, replies numbered from 0, "Request
 * timeout for icmp_seq N" for each unanswered packet but the last, and statistics with
 * "packets received" and a one-decimal loss. Exit 2 when nothing came back, 68 for an
 * unknown host, 64 for bad usage (sysexits), as FreeBSD's sbin/ping/ping.c does.
 */
import { formatIpv4 } from '@vnetlab/shared';
import { probe } from '../../probe/probe';
import { refusedAtSource, roundTripMs, ttlOf } from '../format';
import { getopt, hasFlag, lastValue } from '../getopt';
import { resolveName } from '../resolve';
import { answer, type ConsoleResult, type Shell } from '../result';

const SPEC = { short: 'AaC:c:DdfG:g:h:I:i:k:l:M:m:nop:QqRrS:s:T:t:vW:z:' };
const USAGE = `usage: ping [-AaDdfnoQqRrv] [-c count] [-G sweepmaxsize]
            [-g sweepminsize] [-h sweepincrsize] [-i wait]
            [-l preload] [-M mask | time] [-m ttl] [-p pattern]
            [-S src_addr] [-s packetsize] [-t timeout][-W waittime]
            [-z tos] host`;

export function bsdPing(shell: Shell, args: readonly string[]): ConsoleResult {
  const parsed = getopt(args, SPEC);
  if (!parsed.ok) {
    const letter = 'option' in parsed.error ? parsed.error.option : '';
    const what = parsed.error.kind === 'missing-short' ? 'option requires an argument' : 'illegal option';
    return answer(`ping: ${what} -- ${letter}\n${USAGE}`, 64);
  }
  const { options, operands } = parsed;
  const countText = lastValue(options, 'c');
  const count = countText === null ? 4 : Number(countText);
  if (!Number.isInteger(count) || count < 1)
    return answer(`ping: invalid count of packets to transmit: \`${countText}'`, 64);
  const size = Number(lastValue(options, 's') ?? 56);
  if (!Number.isInteger(size) || size < 0)
    return answer(`ping: invalid packet size: \`${lastValue(options, 's')}'`, 64);
  const target = operands.at(-1);
  if (!target) return answer(USAGE, 64);
  const resolved = resolveName(shell.network, shell.node, target);
  if (!resolved.ok) return answer(`ping: cannot resolve ${target}: Unknown host`, 68);
  const address = formatIpv4(resolved.ip);
  const result = probe(shell.network, { from: shell.node.id, to: address, kind: 'ping' });
  const lines = [`PING ${target} (${address}): ${size} data bytes`];
  if (refusedAtSource(result)) {
    lines.push('ping: sendto: Network is unreachable', `Request timeout for icmp_seq 0`);
  }
  const quiet = hasFlag(options, 'q');
  for (let seq = 0; seq < count && !refusedAtSource(result); seq++) {
    if (quiet) break;
    if (result.reachable) {
      const time = size >= 16 ? ` time=${roundTripMs(result.hops, seq + 1)} ms` : '';
      lines.push(
        `${size + 8} bytes from ${address}: icmp_seq=${seq} ttl=${ttlOf(result.hops, shell.network)}${time}`,
      );
    } else if (seq < count - 1) lines.push(`Request timeout for icmp_seq ${seq}`);
  }
  if (countText === null) lines.push('^C');
  const received = result.reachable ? count : 0;
  lines.push('', `--- ${target} ping statistics ---`);
  lines.push(
    `${count} packets transmitted, ${received} packets received, ${((1 - received / count) * 100).toFixed(1)}% packet loss`,
  );
  if (result.reachable && size >= 16) {
    const times = Array.from({ length: count }, (_, i) => Number(roundTripMs(result.hops, i + 1)));
    const avg = times.reduce((a, b) => a + b, 0) / count;
    const dev = Math.sqrt(times.reduce((a, t) => a + (t - avg) ** 2, 0) / count);
    lines.push(
      `round-trip min/avg/max/stddev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${dev.toFixed(3)} ms`,
    );
  }
  return answer(lines.join('\n'), result.reachable ? 0 : 2, result);
}
