/**
 * A shell on any machine of the lab (a VM, the host, a LAN device) that answers the
 * networking commands of the course as the machine's system prints them: a Linux
 * guest's bash (iputils, iproute2, curl 8, OpenBSD nc, BIND dig) or, with
 * `os: "windows"`, cmd.exe. The line is split as bash splits it (shell.ts); each tool
 * parses its options as the real one does. Each answer carries the probe behind it,
 * so an interface can show why, and any change the command makes to the lab (`edit`).
 */
import { english, formatIpv4 } from '@vnetlab/shared';
import type { Network } from '../compile/network';
import { findEndpoint, isSource } from '../probe/endpoints';
import { curl } from './curl';
import { dig, nslookup } from './dns';
import { ip } from './ipCommand';
import { zshCommand } from './macos/zsh';
import { nc } from './nc';
import { arpTable } from './neighbours';
import { ping } from './ping';
import { nameservers, searchDomains } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';
import { parseShellLine } from './shell';
import { ss } from './ss';
import { traceroute } from './traceroute';
import { windowsCommand } from './windows/cmd';

export type { ConsoleResult, LabEdit } from './result';

/** Real tools this console knows of but does not simulate: said so, never "command not found". */
const NOT_SIMULATED: Record<string, string> = {
  tcpdump: 'packet capture',
  wireshark: 'packet capture',
  tshark: 'packet capture',
  nmap: 'port scans (use nc -zv HOST PORT-PORT)',
  ssh: 'interactive sessions (use nc -zv HOST 22 to test the port)',
  telnet: 'interactive sessions (use nc -zv HOST PORT)',
  wget: 'downloads (use curl)',
  iptables: 'firewall editing (set "firewall" in the lab)',
  nft: 'firewall editing (set "firewall" in the lab)',
  ufw: 'firewall editing (set "firewall" in the lab)',
  dhclient: 'renewing a lease (leases follow the lab)',
  nmcli: 'NetworkManager (set "ip" on the adapter in the lab)',
  netstat: 'netstat (use ss -tlnp)',
  route: 'the net-tools route table (use ip route)',
  host: 'host (use dig or nslookup)',
  mtr: 'mtr (use traceroute)',
  tracepath: 'tracepath (use traceroute)',
};

const SUDO_USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...`;

export function runCommand(network: Network, machine: string, command: string): ConsoleResult {
  const node = findEndpoint(network, machine);
  if (!node || !isSource(node)) return answer(`vnetlab: no machine named "${machine}"`, 2);
  if (node.notStarted) return answer(`vnetlab: ${node.label} is powered off: ${english(node.notStarted)}`, 2);
  if (node.os === 'windows') return windowsCommand({ network, node, sudo: false }, command);
  const line = parseShellLine(command);
  if (!line.ok) return answer(line.output, line.exitCode);
  const shell: Shell = { network, node, sudo: line.sudo };
  if (node.os === 'macos') return zshCommand(shell, line.words);
  const [name, ...args] = line.words;
  switch (name) {
    case undefined:
      return line.sudo ? answer(SUDO_USAGE, 1) : answer('');
    case 'ping':
      return ping(shell, args);
    case 'ping6':
      // iputils installs ping6 as ping -6.
      return ping(shell, ['-6', ...args]);
    case 'traceroute':
      return traceroute(shell, args);
    case 'curl':
      return curl(shell, args);
    case 'nc':
    case 'netcat':
      return nc(shell, args);
    case 'ip':
      return ip(shell, args);
    case 'ss':
      return ss(shell, args);
    case 'dig':
      return dig(shell, args);
    case 'nslookup':
      return nslookup(shell, args);
    case 'arp':
      return answer(arpTable(node));
    case 'cat':
      if (args[0] === '/etc/resolv.conf') return answer(resolvConf(shell));
      if (args[0] === '/etc/hostname') return answer(node.id);
      if (args[0] === '/etc/hosts') return answer(hostsFile(node.id));
      return answer(`cat: ${args[0] ?? ''}: No such file or directory`, 1);
    case 'hostname':
      return answer(node.id);
    case 'whoami':
      return answer(line.sudo ? 'root' : 'student');
    case 'echo':
      return answer(args.join(' '));
    default: {
      const missing = NOT_SIMULATED[name];
      if (missing) return answer(`vnetlab: ${name} is not simulated by this console: ${missing}`, 127);
      return answer(`bash: ${name}: command not found`, 127);
    }
  }
}

/** Debian and Ubuntu's /etc/hosts: the hostname on 127.0.1.1 (CON-1), and nothing of the lab. */
function hostsFile(hostname: string): string {
  return [
    '127.0.0.1 localhost',
    `127.0.1.1 ${hostname}`,
    '',
    '# The following lines are desirable for IPv6 capable hosts',
    '::1     ip6-localhost ip6-loopback',
    'fe00::0 ip6-localnet',
    'ff00::0 ip6-mcastprefix',
    'ff02::1 ip6-allnodes',
    'ff02::2 ip6-allrouters',
  ].join('\n');
}

function resolvConf(shell: Shell): string {
  // NetworkManager writes every lease's domain on one `search` line.
  const search = searchDomains(shell.node);
  return [
    '# Generated by NetworkManager',
    ...(search.length > 0 ? [`search ${search.join(' ')}`] : []),
    ...nameservers(shell.node).map((ip) => `nameserver ${formatIpv4(ip)}`),
  ].join('\n');
}
