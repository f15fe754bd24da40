/** Deterministic figures for console output: what a real run prints, minus the noise. */
import type { Hop } from '../probe/packet';

export function roundTripMs(hops: readonly Hop[], seq: number): string {
  const crossings = hops.filter((hop) => hop.action === 'send' || hop.action === 'forward').length;
  const internet = hops.some((hop) => hop.node === 'internet') ? 11.5 : 0;
  const base = 0.25 + 0.18 * crossings + internet;
  const jitter = 1 + 0.04 * ((seq * 7) % 5);
  return (base * jitter).toFixed(3);
}

export function ttlOf(hops: readonly Hop[]): number {
  const routers = hops.filter((hop) => hop.dir === 'back' && hop.action === 'forward').length;
  const fromInternet = hops.some((hop) => hop.node === 'internet' && hop.dir === 'back');
  return (fromInternet ? 56 : 64) - routers;
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
