/**
 * A macOS host's terminal (zsh): BSD `ping`; curl 8, `dig` and `nslookup` print as on
 * Linux; `nc` and `traceroute` are the BSD builds (their own wording). There is no
 * `ip` or `ss` on macOS: zsh says so. `ifconfig`, `netstat` and `arp` exist but are
 * not simulated, and the console says that rather than print Linux's answers.
 */
import { curl } from '../curl';
import { dig, nslookup } from '../dns';
import { nc } from '../nc';
import { answer, type ConsoleResult, type Shell } from '../result';
import { traceroute } from '../traceroute';
import { bsdPing } from './bsdPing';

const BSD_TOOLS = new Set(['ifconfig', 'netstat', 'arp', 'route', 'networksetup', 'scutil']);

export function zshCommand(shell: Shell, words: readonly string[]): ConsoleResult {
  const [name, ...args] = words;
  switch (name) {
    case undefined:
      return answer('');
    case 'ping':
      return bsdPing(shell, args);
    case 'curl':
      return curl(shell, args);
    case 'nc':
      return nc(shell, args);
    case 'traceroute':
      return traceroute(shell, args);
    case 'dig':
      return dig(shell, args);
    case 'nslookup':
      return nslookup(shell, args);
    case 'hostname':
      return answer(shell.node.id);
    case 'echo':
      return answer(args.join(' '));
    default:
      if (BSD_TOOLS.has(name))
        return answer(
          `vnetlab: macOS's ${name} is not simulated by this console (run it on a Linux or Windows machine of the lab)`,
          127,
        );
      return answer(`zsh: command not found: ${name}`, 127);
  }
}
