/**
 * cmd.exe on a Windows guest or host: command names and switches are
 * case-insensitive, switches start with / or -, and an unknown program gets
 * cmd's own sentence (exit 9009).
 */
import { answer, type ConsoleResult, type Shell } from '../result';
import { ipconfig } from './ipconfig';
import { arpA, routePrint } from './routePrint';
import { tracert, winPing } from './winPing';

export function windowsCommand(shell: Shell, line: string): ConsoleResult {
  const words = line.match(/"[^"]*"|\S+/g)?.map((word) => word.replace(/^"|"$/g, '')) ?? [];
  const [first, ...args] = words;
  if (first === undefined) return answer('');
  const name = first.toLowerCase().replace(/\.exe$/, '');
  const switches = args.map((arg) => arg.toLowerCase());
  switch (name) {
    case 'ipconfig':
      if (switches.length === 0) return answer(ipconfig(shell.network, shell.node, false));
      if (switches[0] === '/all' || switches[0] === '-all')
        return answer(ipconfig(shell.network, shell.node, true));
      if (['/release', '/renew', '/flushdns', '/displaydns', '/registerdns'].includes(switches[0]!))
        return answer(
          `vnetlab: ipconfig ${switches[0]} is not simulated by this console (leases follow the lab)`,
          1,
        );
      return answer(
        `\nError: unrecognized or incomplete command line.\n\nUSAGE:\n    ipconfig [/allcompartments] [/? | /all | /renew [adapter] | /release [adapter] | ...]`,
        1,
      );
    case 'ping':
      return winPing(shell, args);
    case 'tracert':
      return tracert(shell, args);
    case 'route':
      if (switches[0] === 'print') return answer(routePrint(shell.network, shell.node));
      return answer('vnetlab: only "route print" is simulated by this console', 1);
    case 'arp':
      if (switches[0] === '-a' || switches[0] === '/a' || switches[0] === '-g')
        return answer(arpA(shell.network, shell.node));
      return answer('vnetlab: only "arp -a" is simulated by this console', 1);
    case 'hostname':
      return answer(shell.node.id);
    default:
      return answer(
        `'${first}' is not recognized as an internal or external command,\noperable program or batch file.`,
        9009,
      );
  }
}
