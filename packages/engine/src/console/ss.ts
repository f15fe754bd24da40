/**
 * iproute2 `ss`: the sockets that listen (`-l`), TCP (`-t`) and/or UDP (`-u`),
 * numeric (`-n`); `-p` names the process only for root, as a real unprivileged
 * user sees no other user's processes. Services listen on every address.
 */
import type { Service } from '@vnetlab/shared';
import { getopt, getoptMessage, hasFlag } from './getopt';
import { answer, type ConsoleResult, type Shell } from './result';

const SPEC = {
  short: 'hVnrapletuwxs4603Hm',
  long: {
    numeric: false,
    listening: false,
    tcp: false,
    udp: false,
    processes: false,
    all: false,
    help: false,
  },
};

/** A likely daemon for a port, for -p; anything else is a generic server. */
const DAEMONS: Record<string, string> = {
  'tcp/22': 'sshd',
  'tcp/80': 'apache2',
  'tcp/443': 'apache2',
  'tcp/8080': 'python3',
  'tcp/3306': 'mysqld',
  'tcp/5432': 'postgres',
  'udp/53': 'dnsmasq',
  'udp/67': 'dnsmasq',
  'udp/69': 'in.tftpd',
};

const NAMES: Record<number, string> = {
  22: 'ssh',
  53: 'domain',
  80: 'http',
  443: 'https',
  8080: 'http-alt',
  3306: 'mysql',
  5432: 'postgresql',
};

export function ss(shell: Shell, args: readonly string[]): ConsoleResult {
  const parsed = getopt(args, SPEC);
  if (!parsed.ok) return answer(getoptMessage('ss', parsed.error), 1);
  const o = parsed.options;
  const long = (name: string, letter: string) => hasFlag(o, letter, name);
  let tcp = long('tcp', 't');
  let udp = long('udp', 'u');
  if (!tcp && !udp) tcp = udp = true;
  const listening = long('listening', 'l') || long('all', 'a');
  const numeric = long('numeric', 'n');
  const processes = long('processes', 'p');
  const services = shell.node.listen.filter((s) => (s.proto === 'tcp' ? tcp : udp));
  const both = tcp && udp;
  const rows = listening
    ? services.map((s, index) => row(s, index, { numeric, processes: processes && shell.sudo, both }))
    : [];
  const header = both
    ? ['Netid', 'State', 'Recv-Q', 'Send-Q', 'Local Address:Port', 'Peer Address:Port', 'Process']
    : ['State', 'Recv-Q', 'Send-Q', 'Local Address:Port', 'Peer Address:Port', 'Process'];
  return answer(table(header, rows));
}

function row(
  s: Service,
  index: number,
  o: { numeric: boolean; processes: boolean; both: boolean },
): string[] {
  const port = o.numeric ? String(s.port) : (NAMES[s.port] ?? String(s.port));
  const state = s.proto === 'tcp' ? 'LISTEN' : 'UNCONN';
  const sendQ = s.proto === 'tcp' ? '4096' : '0';
  const daemon = DAEMONS[`${s.proto}/${s.port}`] ?? 'server';
  // Deterministic stand-ins for the pids a boot would give: same lab, same bytes.
  const process = o.processes ? `users:(("${daemon}",pid=${700 + index * 37},fd=${3 + (index % 4)}))` : '';
  const cells = [state, '0', sendQ, `0.0.0.0:${port}`, '0.0.0.0:*', process];
  return o.both ? [s.proto, ...cells] : cells;
}

/** ss aligns columns to their widest cell; addresses are right-aligned on the colon. */
function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const local = header.indexOf('Local Address:Port');
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        c === local || c === local + 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
      )
      .join(' ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
