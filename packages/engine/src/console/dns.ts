/**
 * `dig` (BIND 9.18) and `nslookup` against the resolver in resolv.conf, or the
 * `@server` / second operand given. They ask DNS directly, so unlike ping they
 * skip /etc/hosts: the lab's machines are not in any DNS (see resolve.ts). The
 * `;; WHEN:` line (a clock) is left out: same lab, same bytes.
 */
import { formatIpv4, type Ipv4, parseIpv4 } from '@vnetlab/shared';
import { type Lookup, nameservers, queryServer } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';

const VERSION = '9.18.30-0ubuntu0.24.04.2-Ubuntu';
const ROOT_SOA =
  '.\t\t\t86400\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2026120200 1800 900 604800 86400';

export function dig(shell: Shell, args: readonly string[]): ConsoleResult {
  let server: string | null = null;
  let short = false;
  let type = 'A';
  let port = 53;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('@')) server = arg.slice(1);
    else if (arg === '+short') short = true;
    else if (arg.startsWith('+')) continue;
    else if (/^(A|AAAA|MX|NS|TXT|SOA|CNAME|PTR|ANY)$/i.test(arg)) type = arg.toUpperCase();
    else if (arg === '-4' || arg === '-6') continue;
    else if (arg === '-t' || arg === '-p' || arg === '-x') {
      const value = args[++i];
      if (value === undefined) return answer(`dig: option requires an argument -- '${arg.slice(1)}'`, 1);
      if (arg === '-t') type = value.toUpperCase();
      if (arg === '-p') {
        // dig.c: parse_uint(…, MAXPORT, "port number"), fatal on failure.
        if (!/^\d+$/.test(value) || Number(value) > 65535)
          return answer("dig: Couldn't parse port number", 10);
        port = Number(value);
      }
      if (arg === '-x') {
        // A reverse lookup: the lab's and the simulated internet's addresses have no PTR records.
        names.push(`${value.split('.').reverse().join('.')}.in-addr.arpa`);
        type = 'PTR';
      }
    } else if (arg.startsWith('-')) return answer(`Invalid option: ${arg}`, 1);
    else names.push(arg);
  }
  const name = names[0] ?? '.';
  const serverIp = server === null ? (nameservers(shell.node)[0] ?? 0x7f000001) : parseIpv4(server);
  if (serverIp === null) return answer(`dig: couldn't get address for '${server}': not found`, 10);
  const at = formatIpv4(serverIp);
  const fqdn = name.endsWith('.') ? name : `${name}.`;
  const lookup = queryServer(shell.network, shell.node, serverIp, name, port);
  // CON-5: dig names how many addresses an @server resolved to (dighost.c, `addresscount`).
  const serversFound = server === null ? [] : ['; (1 server found)'];
  const banner = [
    ``,
    `; <<>> DiG ${VERSION} <<>> ${args.join(' ')}`,
    ...serversFound,
    ';; global options: +cmd',
  ];
  if (lookup.kind === 'timeout' || lookup.kind === 'refused') {
    const why = lookup.kind === 'timeout' ? 'timed out' : 'connection refused';
    const errors = Array.from({ length: 3 }, () => `;; communications error to ${at}#${port}: ${why}`);
    if (short) return answer([...errors, ';; no servers could be reached'].join('\n'), 9);
    return answer([...errors, ...banner, ';; no servers could be reached'].join('\n'), 9);
  }
  const found = lookup.kind === 'answer' && type === 'A';
  if (short) return answer(found ? formatIpv4(lookup.ip) : '');
  const status = lookup.kind === 'nxdomain' || type === 'PTR' ? 'NXDOMAIN' : 'NOERROR';
  // A name that exists but has no record of that type: NOERROR, and its zone's SOA.
  const authority =
    status === 'NOERROR'
      ? `${fqdn}${tabsTo(fqdn, 24)}300\tIN\tSOA\tns.${fqdn} hostmaster.${fqdn} 2026120200 7200 3600 1209600 3600`
      : ROOT_SOA;
  const lines = [
    ...banner,
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${queryId(fqdn)}`,
    `;; flags: qr rd ra; QUERY: 1, ANSWER: ${found ? 1 : 0}, AUTHORITY: ${found ? 0 : 1}, ADDITIONAL: 1`,
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 65494',
    ';; QUESTION SECTION:',
    `;${fqdn}${tabsTo(`;${fqdn}`, 32)}IN\t${type}`,
    '',
  ];
  if (found)
    lines.push(';; ANSWER SECTION:', `${fqdn}${tabsTo(fqdn, 24)}300\tIN\tA\t${formatIpv4(lookup.ip)}`, '');
  else lines.push(';; AUTHORITY SECTION:', authority, '');
  lines.push(
    `;; Query time: ${queryTime(lookup)} msec`,
    `;; SERVER: ${at}#${port}(${at}) (UDP)`,
    `;; MSG SIZE  rcvd: ${found ? 40 + fqdn.length : 92 + fqdn.length}`,
    '',
  );
  return answer(lines.join('\n'));
}

export function nslookup(shell: Shell, args: readonly string[]): ConsoleResult {
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const [name, serverText] = operands;
  if (!name)
    return answer(
      'vnetlab: interactive nslookup is not simulated: give a name, e.g. nslookup example.com',
      2,
    );
  const serverIp: Ipv4 | null =
    serverText === undefined ? (nameservers(shell.node)[0] ?? 0x7f000001) : parseIpv4(serverText);
  if (serverIp === null) return answer(`nslookup: couldn't get address for '${serverText}': not found`, 1);
  const at = formatIpv4(serverIp);
  const lookup = queryServer(shell.network, shell.node, serverIp, name);
  if (lookup.kind === 'timeout' || lookup.kind === 'refused') {
    const why = lookup.kind === 'timeout' ? 'timed out' : 'connection refused';
    return answer(
      [
        `;; communications error to ${at}#53: ${why}`,
        `;; communications error to ${at}#53: ${why}`,
        ';; no servers could be reached',
        '',
      ].join('\n'),
      1,
    );
  }
  const head = [`Server:\t\t${at}`, `Address:\t${at}#53`, ''];
  if (lookup.kind === 'nxdomain')
    return answer([...head, `** server can't find ${name}: NXDOMAIN`, ''].join('\n'), 1);
  return answer(
    [...head, 'Non-authoritative answer:', `Name:\t${name}`, `Address: ${formatIpv4(lookup.ip)}`, ''].join(
      '\n',
    ),
  );
}

/** dig pads names with tabs (8-wide stops): the question to column 32, records to 24. */
function tabsTo(text: string, column: number): string {
  return '\t'.repeat(Math.max(1, Math.ceil((column - text.length) / 8)));
}

function queryId(name: string): number {
  let hash = 5381;
  for (const c of name) hash = ((hash * 33) ^ c.charCodeAt(0)) >>> 0;
  return hash % 65536;
}

function queryTime(lookup: Extract<Lookup, { hops: number }>): number {
  return 4 + lookup.hops * 2;
}
