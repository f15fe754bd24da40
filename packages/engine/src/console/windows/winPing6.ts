/**
 * Windows `ping` to an IPv6 address (WIN-3): `::1`, and a neighbour's link-local address
 * on an interface (`fe80::…%3`, the zone being the interface index ipconfig shows). A
 * neighbour that drops echo requests (a Windows firewall, WIN-1) times out; no neighbour
 * with the address fails neighbour discovery ("Destination host unreachable."); a global
 * address has no route (the lab gives none): "General failure".
 */
import type { Iface } from '../../compile/network';
import { roundTripFor } from '../format';
import { linkLocal } from '../ipv6';
import { neighbour } from '../ping6';
import { answer, type ConsoleResult, type Shell } from '../result';
import { winAdapters } from './names';

type Outcome = 'reply' | 'timeout' | 'unreachable';

export function winPing6(
  shell: Shell,
  parsed: { address: string; zone: string | null },
  count: number,
  size: number,
): ConsoleResult {
  const { address, zone } = parsed;
  if (address === '::1') return pings('::1', 0, 'reply', count, size);
  if (!address.startsWith('fe80:')) return answer('PING: transmit failed. General failure.', 1);
  const adapters = winAdapters(shell.network, shell.node).filter((a) => linkLocal(a.iface) !== null);
  // Without a zone Windows needs one interface to pick; the lab takes the only one there is.
  const adapter =
    zone === null
      ? adapters.length === 1
        ? adapters[0]
        : undefined
      : adapters.find((a) => String(a.index) === zone);
  if (!adapter) return answer('PING: transmit failed. General failure.', 1);
  const shown = `${address}%${adapter.index}`;
  if (linkLocal(adapter.iface) === address) return pings(shown, 0, 'reply', count, size);
  return pings(shown, 1, outcomeOf(adapter.iface, address), count, size);
}

function outcomeOf(iface: Iface, address: string): Outcome {
  const owner = neighbour(iface, address);
  if (!owner) return 'unreachable';
  return owner.node.firewall.icmp ? 'reply' : 'timeout';
}

function pings(
  shown: string,
  crossings: number,
  outcome: Outcome,
  count: number,
  size: number,
): ConsoleResult {
  const lines = ['', `Pinging ${shown} with ${size} bytes of data:`];
  const times: number[] = [];
  for (let seq = 1; seq <= count; seq++) {
    if (outcome === 'reply') {
      const ms = Math.floor(Number(roundTripFor(crossings, 0, seq)));
      times.push(ms);
      lines.push(`Reply from ${shown}: time${ms < 1 ? '<1' : `=${ms}`}ms`);
    } else lines.push(outcome === 'timeout' ? 'Request timed out.' : 'Destination host unreachable.');
  }
  const received = times.length;
  const lost = count - received;
  lines.push(
    '',
    `Ping statistics for ${shown}:`,
    `    Packets: Sent = ${count}, Received = ${received}, Lost = ${lost} (${Math.round((lost / count) * 100)}% loss),`,
  );
  if (received > 0) {
    const avg = Math.round(times.reduce((a, b) => a + b, 0) / received);
    lines.push(
      'Approximate round trip times in milli-seconds:',
      `    Minimum = ${Math.min(...times)}ms, Maximum = ${Math.max(...times)}ms, Average = ${avg}ms`,
    );
  }
  return answer(lines.join('\n'), received > 0 ? 0 : 1);
}
