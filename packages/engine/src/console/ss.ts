/**
 * iproute2 `ss`: the sockets that listen (`-l`), TCP (`-t`) and/or UDP (`-u`),
 * numeric (`-n`); `-p` names the process only for root, as a real unprivileged
 * user sees no other user's processes. A service bound to one address shows it
 * (`127.0.0.1:6379`), the others listen on every address (`0.0.0.0`, OS-7).
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
    ? services.map((s, index) => rowOf(s, index, { numeric, processes: processes && shell.sudo }))
    : [];
  return answer(table(rows, both));
}

interface Row {
  readonly netid: string;
  readonly state: string;
  readonly sendQ: string;
  readonly address: string;
  readonly port: string;
  readonly process: string;
}

function rowOf(s: Service, index: number, o: { numeric: boolean; processes: boolean }): Row {
  const daemon = DAEMONS[`${s.proto}/${s.port}`] ?? 'server';
  // Deterministic stand-ins for the pids a boot would give: same lab, same bytes.
  const process = o.processes ? `users:(("${daemon}",pid=${700 + index * 37},fd=${3 + (index % 4)}))` : '';
  return {
    netid: s.proto,
    state: s.proto === 'tcp' ? 'LISTEN' : 'UNCONN',
    // A listening socket's Send-Q is its backlog: sshd asks for 128, most daemons for 4096.
    sendQ: s.proto === 'udp' ? '0' : daemon === 'sshd' ? '128' : '4096',
    address: s.address ?? '0.0.0.0',
    port: o.numeric ? String(s.port) : (NAMES[s.port] ?? String(s.port)),
    process,
  };
}

/**
 * ss's columns: the address right-aligned up to the colon, the port left-aligned
 * after it, and "Process" glued to the peer column's header, as iproute2 prints it.
 */
function table(rows: readonly Row[], netid: boolean): string {
  const portWidth = Math.max(4, ...rows.map((r) => r.port.length));
  const line = (
    id: string,
    state: string,
    recvQ: string,
    sendQ: string,
    local: [string, string],
    peer: [string, string],
    process: string,
  ) =>
    `${netid ? `${id.padEnd(5)} ` : ''}${state.padEnd(6)} ${recvQ.padEnd(6)} ${sendQ.padEnd(6)} ${local[0].padStart(13)}:${local[1].padEnd(portWidth)} ${peer[0].padStart(12)}:${peer[1].padEnd(4)}${process}`.trimEnd();
  return [
    line(
      'Netid',
      'State',
      'Recv-Q',
      'Send-Q',
      ['Local Address', 'Port'],
      ['Peer Address', 'Port'],
      'Process',
    ),
    ...rows.map((r) =>
      line(
        r.netid,
        r.state,
        '0',
        r.sendQ,
        [r.address, r.port],
        ['0.0.0.0', '*'],
        r.process ? ` ${r.process}` : '',
      ),
    ),
  ].join('\n');
}
