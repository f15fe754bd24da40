/**
 * OpenBSD netcat (Debian's netcat-openbsd) as a port tester: `-z` (scan, send
 * nothing), `-v` (say what happened; without it nc is silent and only the exit
 * status tells), `-w N`, `-u`, `-n`, port ranges. Connect errors are printed only
 * with -v, as netcat.c does. UDP has no handshake: a port is "succeeded" unless an
 * ICMP port-unreachable comes back, so a filtered UDP port looks open.
 */
import { formatIpv4, parseIpv4 } from '@vnetlab/shared';
import { attempt, probe } from '../probe/probe';
import { connectError, outcomeOf } from './connect';
import { refusedAtSource, serviceName } from './format';
import { getopt, getoptMessage, hasFlag, lastValue } from './getopt';
import { resolveName } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';

const SPEC = { short: '46CDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz' };
const MAX_PORTS = 1024;
const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]`;

export function nc(shell: Shell, args: readonly string[]): ConsoleResult {
  const parsed = getopt(args, SPEC);
  if (!parsed.ok) return answer(`${getoptMessage('nc', parsed.error)}\n${USAGE}`, 1);
  const { options, operands } = parsed;
  if (hasFlag(options, 'h')) return answer(USAGE, 1);
  const timeout = lastValue(options, 'w');
  if (timeout !== null && !/^\d+$/.test(timeout)) return answer(`nc: timeout invalid: ${timeout}`, 1);
  if (hasFlag(options, 'l'))
    return answer(
      'vnetlab: nc -l (listening) is not simulated: add the service to the machine\'s "listen" in the lab',
      2,
    );
  const [host, portText, ...extra] = operands;
  if (!host || !portText || extra.length > 0) return answer(USAGE, 1);
  const ports = portsOf(portText);
  if (typeof ports === 'string') return answer(ports, 1);
  const numeric = hasFlag(options, 'n');
  if (numeric && parseIpv4(host) === null)
    return answer(`nc: getaddrinfo for host "${host}" port ${portText}: Name or service not known`, 1);
  const resolved = resolveName(shell.network, shell.node, host);
  if (!resolved.ok)
    return answer(
      `nc: getaddrinfo for host "${host}" port ${portText}: Temporary failure in name resolution`,
      1,
    );
  const address = formatIpv4(resolved.ip);
  // remote_connect() in netcat.c names the address after a host name, in successes and failures alike.
  const shown = parseIpv4(host) === null ? `${host} (${address})` : host;
  const verbose = hasFlag(options, 'v');
  const bsd = shell.node.os === 'macos';
  const connect = bsd ? 'connectx' : 'connect';
  const udp = hasFlag(options, 'u');
  const proto = udp ? 'udp' : 'tcp';
  const lines: string[] = [];
  let anyOk = false;
  let lastProbe: ConsoleResult['probe'] = null;
  for (const port of ports) {
    // macOS's nc (FreeBSD's) words it "HOST port N [tcp/name]" and fails in connectx().
    const succeeded = bsd
      ? `Connection to ${host} port ${port} [${proto}/${serviceName(port)}] succeeded!`
      : `Connection to ${shown} ${port} port [${proto}/${serviceName(port)}] succeeded!`;
    if (udp) {
      const tried = attempt(shell.network, shell.node, resolved.ip, 'udp', port, false);
      const noSend = !tried.ok && refusedAtSource({ why: tried.why, hops: tried.hops });
      if (noSend) {
        if (verbose) lines.push(`nc: connect to ${shown} port ${port} (udp) failed: Network is unreachable`);
        continue;
      }
      // ICMP port unreachable makes the next write fail (udptest in netcat.c): nothing printed.
      if (!tried.ok && tried.why.code === 'refused') continue;
      anyOk = true;
      if (verbose) lines.push(succeeded);
      continue;
    }
    const result = probe(shell.network, { from: shell.node.id, to: address, kind: 'tcp', port });
    lastProbe = result;
    const outcome = outcomeOf(result, shell.node);
    if (outcome === 'connected' || outcome === 'reset') {
      anyOk = true;
      if (verbose) lines.push(succeeded);
      if (!hasFlag(options, 'z') && outcome === 'connected') lines.push(...interactive(port));
      continue;
    }
    if (!verbose) continue;
    // CON-8: with -w, Debian's netcat-openbsd polls the non-blocking connect() and, when
    // the time is up, warns "timed out" with errno still EINPROGRESS from connect().
    if (outcome === 'timeout' && timeout !== null && !bsd)
      lines.push(`nc: connect to ${shown} port ${port} (tcp) timed out: Operation now in progress`);
    else
      lines.push(
        `nc: ${connect} to ${bsd ? host : shown} port ${port} (tcp) failed: ${connectError(outcome)}`,
      );
  }
  return { output: lines.join('\n'), exitCode: anyOk ? 0 : 1, probe: lastProbe };
}

/** Without -z nc stays connected, relaying stdin: the console shows what the server sends first, then hangs up. */
function interactive(port: number): string[] {
  const banner = port === 22 ? ['SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13'] : [];
  return [
    ...banner,
    'vnetlab: nc stays connected waiting for input; this console closes the connection here (use -z to only test)',
  ];
}

function portsOf(text: string): number[] | string {
  const range = /^(\d+)-(\d+)$/.exec(text);
  const parse = (part: string): number | string => {
    if (!/^\d+$/.test(part)) return `nc: port number invalid: ${part}`;
    const n = Number(part);
    if (n < 1) return `nc: port number too small: ${part}`;
    if (n > 65535) return `nc: port number too large: ${part}`;
    return n;
  };
  if (!range) {
    const port = parse(text);
    return typeof port === 'string' ? port : [port];
  }
  const low = parse(range[1]!);
  const high = parse(range[2]!);
  if (typeof low === 'string') return low;
  if (typeof high === 'string') return high;
  const [from, to] = low <= high ? [low, high] : [high, low];
  if (to - from + 1 > MAX_PORTS) return `vnetlab: nc scans at most ${MAX_PORTS} ports at a time here`;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
