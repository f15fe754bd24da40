/** Windows `nslookup NAME [SERVER]`: the server is "UnKnown" when it has no PTR record, as here. */
import { formatIpv4, parseIpv4 } from '@vnetlab/shared';
import { nameservers, queryServer } from '../resolve';
import { answer, type ConsoleResult, type Shell } from '../result';

export function winNslookup(shell: Shell, args: readonly string[]): ConsoleResult {
  const [name, serverText] = args.filter((arg) => !arg.startsWith('-'));
  if (!name)
    return answer(
      'vnetlab: interactive nslookup is not simulated: give a name, e.g. nslookup example.com',
      1,
    );
  const server = serverText === undefined ? (nameservers(shell.node)[0] ?? null) : parseIpv4(serverText);
  if (server === null) return answer(`*** Can't find server address for '${serverText ?? ''}'`, 1);
  const at = formatIpv4(server);
  const head = ['Server:  UnKnown', `Address:  ${at}`, ''];
  const lookup = queryServer(shell.network, shell.node, server, name);
  switch (lookup.kind) {
    // WIN-6: an ICMP port unreachable ends the query at once: "No response from server".
    case 'refused':
      return answer([...head, `*** UnKnown can't find ${name}: No response from server`, ''].join('\n'), 1);
    case 'timeout': {
      const timedOut = ['DNS request timed out.', '    timeout was 2 seconds.'];
      return answer(
        [...timedOut, ...head, ...timedOut, ...timedOut, '*** Request to UnKnown timed-out', ''].join('\n'),
        1,
      );
    }
    case 'nxdomain':
      return answer([...head, `*** UnKnown can't find ${name}: Non-existent domain`, ''].join('\n'), 1);
    case 'answer':
      return answer(
        [
          ...head,
          'Non-authoritative answer:',
          `Name:    ${name}`,
          `Address:  ${formatIpv4(lookup.ip)}`,
          '',
        ].join('\n'),
      );
    default: {
      const unexpected: never = lookup;
      throw new Error(`unknown lookup ${JSON.stringify(unexpected)}`);
    }
  }
}
