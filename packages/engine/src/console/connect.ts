/** `curl URL` and `nc -zv ADDR PORT`: a TCP connection and what each tool prints of it. */
import { formatIpv4 } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';
import { type ProbeResult, probe } from '../probe/probe';
import type { ConsoleResult } from './console';
import { refusedAtSource, serviceName } from './format';
import { resolveName } from './resolve';

/**
 * `reset`: a port forward accepted the connection on the host, then the guest refused
 * it — the client sees a connection that opens and is reset (VirtualBox NAT).
 */
type Outcome = 'connected' | 'reset' | 'refused' | 'unreachable' | 'no-route-to-host' | 'timeout';

function outcomeOf(result: ProbeResult, node: NetNode): Outcome {
  if (result.reachable) return 'connected';
  const code = result.why.code;
  if (code === 'pf-reset' || (code === 'refused' && result.hops.some((hop) => hop.why.code === 'hop-dnat')))
    return 'reset';
  if (code === 'refused') return 'refused';
  if (refusedAtSource(result)) return 'unreachable';
  if (code === 'network-unreachable') return 'no-route-to-host';
  if ((code === 'no-arp' || code === 'gateway-silent') && result.hops.at(-1)?.node === node.id)
    return 'no-route-to-host';
  return 'timeout';
}

const HTTP_BODY = '<html><body><h1>It works!</h1></body></html>';
const INTERNET_BODY =
  '<!doctype html><html><head><title>Example Domain</title></head><body><h1>Example Domain</h1></body></html>';

export function curl(network: Network, node: NetNode, args: readonly string[]): ConsoleResult {
  const url = args.find((arg) => !arg.startsWith('-'));
  if (!url) return { output: "curl: try 'curl --help' for more information", exitCode: 2, probe: null };
  const match = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?/.exec(url);
  if (!match)
    return { output: `curl: (3) URL rejected: Malformed input to a URL function`, exitCode: 3, probe: null };
  const scheme = match[1] ?? 'http';
  const host = match[2]!;
  const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
  const resolved = resolveName(network, node, host);
  if (!resolved.ok) return { output: `curl: (6) Could not resolve host: ${host}`, exitCode: 6, probe: null };
  const address = formatIpv4(resolved.ip);
  const result = probe(network, { from: node.id, to: address, kind: 'tcp', port });
  const failure = `Failed to connect to ${host} port ${port}`;
  const outcome = outcomeOf(result, node);
  switch (outcome) {
    case 'connected': {
      if (port === 22)
        return {
          output: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\ncurl: (1) Received HTTP/0.9 when not allowed',
          exitCode: 1,
          probe: result,
        };
      return {
        output:
          result.why.code === 'reached' && result.hops.some((hop) => hop.node === 'internet')
            ? INTERNET_BODY
            : HTTP_BODY,
        exitCode: 0,
        probe: result,
      };
    }
    case 'refused':
      return {
        output: `curl: (7) ${failure} after 0 ms: Couldn't connect to server`,
        exitCode: 7,
        probe: result,
      };
    case 'reset':
      return { output: 'curl: (56) Recv failure: Connection reset by peer', exitCode: 56, probe: result };
    case 'unreachable':
      return {
        output: `curl: (7) ${failure} after 0 ms: Couldn't connect to server`,
        exitCode: 7,
        probe: result,
      };
    case 'no-route-to-host':
      return {
        output: `curl: (7) ${failure} after 3071 ms: Couldn't connect to server`,
        exitCode: 7,
        probe: result,
      };
    case 'timeout':
      return {
        output: `curl: (28) ${failure} after 134061 ms: Couldn't connect to server`,
        exitCode: 28,
        probe: result,
      };
    default: {
      const unexpected: never = outcome;
      throw new Error(`unknown outcome ${String(unexpected)}`);
    }
  }
}

export function nc(network: Network, node: NetNode, args: readonly string[]): ConsoleResult {
  const positional = args.filter((arg) => !arg.startsWith('-'));
  const [host, portText] = positional;
  const port = Number(portText);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    return {
      output: 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] ... [destination] [port]',
      exitCode: 1,
      probe: null,
    };
  }
  const resolved = resolveName(network, node, host);
  if (!resolved.ok)
    return {
      output: `nc: getaddrinfo for host "${host}" port ${port}: Temporary failure in name resolution`,
      exitCode: 1,
      probe: null,
    };
  const address = formatIpv4(resolved.ip);
  const result = probe(network, { from: node.id, to: address, kind: 'tcp', port });
  const prefix = `nc: connect to ${host} port ${port} (tcp)`;
  const outcome = outcomeOf(result, node);
  switch (outcome) {
    case 'connected':
    case 'reset':
      return {
        output: `Connection to ${host} ${port} port [tcp/${serviceName(port)}] succeeded!`,
        exitCode: 0,
        probe: result,
      };
    case 'refused':
      return { output: `${prefix} failed: Connection refused`, exitCode: 1, probe: result };
    case 'unreachable':
      return { output: `${prefix} failed: Network is unreachable`, exitCode: 1, probe: result };
    case 'no-route-to-host':
      return { output: `${prefix} failed: No route to host`, exitCode: 1, probe: result };
    case 'timeout':
      return { output: `${prefix} failed: Connection timed out`, exitCode: 1, probe: result };
    default: {
      const unexpected: never = outcome;
      throw new Error(`unknown outcome ${String(unexpected)}`);
    }
  }
}
