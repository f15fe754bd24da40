/** Deterministic figures for console output: what a real run prints, minus the noise. */
import type { Network } from '../compile/network';
import type { Hop } from '../probe/packet';

export function roundTripMs(hops: readonly Hop[], seq: number): string {
  const crossings = hops.filter((hop) => hop.action === 'send' || hop.action === 'forward').length;
  const internet = hops.some((hop) => hop.node === 'internet') ? 11.5 : 0;
  return roundTripFor(crossings, internet, seq);
}

/** The same figure from the number of links crossed (an IPv6 neighbour: 1; loopback: 0). */
export function roundTripFor(crossings: number, extraMs: number, seq: number): string {
  const base = 0.25 + 0.18 * crossings + extraMs;
  const jitter = 1 + 0.04 * ((seq * 7) % 5);
  return (base * jitter).toFixed(3);
}

/** ping's last line from the round trip of each sequence number. */
export function rttLine(timeOf: (seq: number) => string, count: number): string {
  const times = Array.from({ length: count }, (_, i) => Number(timeOf(i + 1)));
  const avg = times.reduce((sum, t) => sum + t, 0) / count;
  const mdev = Math.sqrt(times.reduce((sum, t) => sum + (t - avg) ** 2, 0) / count);
  const f = (n: number) => n.toFixed(3);
  return `rtt min/avg/max/mdev = ${f(Math.min(...times))}/${f(avg)}/${f(Math.max(...times))}/${f(mdev)} ms`;
}

/**
 * The TTL a reply arrives with: the far end's initial TTL (Linux 64, Windows 128; the
 * internet's hosts are a few routers away) minus one per router on the way back.
 */
export function ttlOf(hops: readonly Hop[], network?: Network): number {
  const back = hops.filter((hop) => hop.dir === 'back');
  const lastDeliver = back.findLastIndex((hop) => hop.action === 'deliver');
  // OS-6: a router VM decrements the reply's TTL whether it forwards it plainly or first
  // undoes its masquerade (the reply is "delivered" to its address, then sent on).
  const unmasqueraded = back.filter(
    (hop, index) =>
      hop.action === 'deliver' && index < lastDeliver && network?.nodes.get(hop.node)?.kind === 'vm',
  ).length;
  const routers = back.filter((hop) => hop.action === 'forward').length + unmasqueraded;
  const fromInternet = hops.some((hop) => hop.node === 'internet' && hop.dir === 'back');
  const farEnd = hops.find((hop) => hop.dir === 'out' && hop.action === 'deliver')?.node;
  const windows = network?.nodes.get(farEnd ?? '')?.os === 'windows';
  return (fromInternet ? 56 : windows ? 128 : 64) - routers;
}

const SERVICE_NAMES: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'domain',
  80: 'http',
  443: 'https',
  3306: 'mysql',
  3389: 'ms-wbt-server',
  5432: 'postgresql',
  8080: 'http-alt',
};

export function serviceName(port: number): string {
  return SERVICE_NAMES[port] ?? '*';
}

/** Verdicts that mean the sender has no address or link to send from at all. */
const NOTHING_TO_SEND_FROM = new Set([
  'no-address',
  'no-lease',
  'dhcp-pool-empty',
  'cable-unplugged',
  'not-attached',
  'no-adapters',
]);

/**
 * The kernel refuses the connect() itself ("Network is unreachable"): no usable
 * address, or no route before the packet leaves the sender.
 */
export function refusedAtSource(result: {
  readonly why: { readonly code: string };
  readonly hops: readonly Hop[];
}): boolean {
  const code = result.why.code;
  return NOTHING_TO_SEND_FROM.has(code) || (code === 'network-unreachable' && result.hops.length <= 1);
}
