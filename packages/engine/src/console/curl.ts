/**
 * curl 8.5 (Ubuntu 24.04) on a guest: one HTTP GET (or HEAD with -I) over the
 * engine's TCP verdict. What goes where follows curl: the body on stdout unless
 * -o, the progress meter only with -o and without -s, errors unless -s (or with
 * -sS), the -w write-out last. `-o FILE` discards the body: the console keeps no files.
 */
import { formatIpv4 } from '@vnetlab/shared';
import { probe } from '../probe/probe';
import { type Outcome, outcomeOf } from './connect';
import { type CurlOptions, parseCurl } from './curlOptions';
import { progressMeter, writeOut } from './curlOutput';
import { roundTripMs } from './format';
import { resolveName } from './resolve';
import { answer, type ConsoleResult, type Shell } from './result';

const HTTP_BODY = '<html><body><h1>It works!</h1></body></html>\n';
const INTERNET_BODY =
  '<!doctype html><html><head><title>Example Domain</title></head><body><h1>Example Domain</h1></body></html>\n';

export interface Transfer {
  readonly exitCode: number;
  readonly error: string | null;
  readonly httpCode: number;
  readonly headers: readonly string[];
  readonly body: string;
  readonly ip: string | null;
  readonly port: number;
  readonly url: string;
  /** Deterministic elapsed time of the whole transfer, in ms. */
  readonly ms: number;
}

export function curl(shell: Shell, args: readonly string[]): ConsoleResult {
  const parsed = parseCurl(args);
  if (!parsed.ok) return answer(parsed.output, parsed.exitCode);
  const options = parsed.options;
  if (options.urls.length > 1) return answer('vnetlab: curl with several URLs is not simulated', 2);
  const url = options.urls[0]!;
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(url);
  const base = { httpCode: 0, headers: [], body: '', ip: null, url, ms: 0 };
  if (!match || match[2] === '') {
    return finish(
      options,
      { ...base, port: 0, exitCode: 3, error: 'URL rejected: Malformed input to a URL function' },
      [],
      null,
    );
  }
  const scheme = (match[1] ?? 'http').toLowerCase();
  const host = match[2]!;
  if (scheme !== 'http' && scheme !== 'https') {
    return finish(
      options,
      { ...base, port: 0, exitCode: 1, error: `Protocol "${scheme}" not supported` },
      [],
      null,
    );
  }
  const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
  const full = `${scheme}://${host}${match[3] ? `:${port}` : ''}${match[4] ?? '/'}`;
  const resolved = resolveName(shell.network, shell.node, host);
  if (!resolved.ok) {
    return finish(
      options,
      { ...base, url: full, port, exitCode: 6, error: `Could not resolve host: ${host}` },
      [],
      null,
    );
  }
  const ip = formatIpv4(resolved.ip);
  const result = probe(shell.network, { from: shell.node.id, to: ip, kind: 'tcp', port });
  const outcome = outcomeOf(result, shell.node);
  const rtt = Number(roundTripMs(result.hops, 1));
  const transfer = transferOf(outcome, options, {
    host,
    ip,
    port,
    url: full,
    rtt,
    internet: result.hops.some((hop) => hop.node === 'internet'),
  });
  const trace = options.verbose ? verboseLines(options, transfer, host, outcome) : [];
  return finish(options, transfer, trace, result);
}

interface Target {
  readonly host: string;
  readonly ip: string;
  readonly port: number;
  readonly url: string;
  readonly rtt: number;
  readonly internet: boolean;
}

function transferOf(outcome: Outcome, options: CurlOptions, t: Target): Transfer {
  const base = { ip: t.ip, port: t.port, url: t.url, httpCode: 0, headers: [], body: '' };
  const failure = `Failed to connect to ${t.host} port ${t.port}`;
  switch (outcome) {
    case 'connected': {
      if (t.port === 22)
        return {
          ...base,
          ms: Math.round(t.rtt * 2),
          exitCode: 1,
          error: 'Received HTTP/0.9 when not allowed',
        };
      const body = t.internet ? INTERNET_BODY : HTTP_BODY;
      const server = t.internet ? 'ECAcc (dcd/7D5A)' : 'Apache/2.4.58 (Ubuntu)';
      const headers = [
        'HTTP/1.1 200 OK',
        `Server: ${server}`,
        `Content-Length: ${body.length}`,
        'Content-Type: text/html',
      ];
      return {
        ...base,
        ms: Math.round(t.rtt * 2) + 1,
        exitCode: 0,
        error: null,
        httpCode: 200,
        headers,
        body,
      };
    }
    case 'reset':
      return { ...base, ms: 1, exitCode: 56, error: 'Recv failure: Connection reset by peer' };
    case 'refused':
    case 'unreachable':
      return { ...base, ms: 0, exitCode: 7, error: `${failure} after 0 ms: Couldn't connect to server` };
    case 'no-route-to-host':
      return timeoutOr(options, t, failure, 3071, {
        ...base,
        ms: 3071,
        exitCode: 7,
        error: `${failure} after 3071 ms: Couldn't connect to server`,
      });
    case 'timeout':
      // Without a limit the kernel gives up after its SYN retries (~134 s).
      return timeoutOr(options, t, failure, 134061, {
        ...base,
        ms: 134061,
        exitCode: 28,
        error: `${failure} after 134061 ms: Couldn't connect to server`,
      });
    default: {
      const unexpected: never = outcome;
      throw new Error(`unknown outcome ${String(unexpected)}`);
    }
  }
}

/** --connect-timeout and -m cut a connect() that would take `ms` short (curl lib/connect.c, lib/multi.c). */
function timeoutOr(
  options: CurlOptions,
  t: Target,
  failure: string,
  ms: number,
  otherwise: Transfer,
): Transfer {
  const connect = options.connectTimeout === null ? Infinity : options.connectTimeout * 1000;
  const max = options.maxTime === null ? Infinity : options.maxTime * 1000;
  if (Math.min(connect, max) >= ms) return otherwise;
  const base = { ip: t.ip, port: t.port, url: t.url, httpCode: 0, headers: [], body: '', exitCode: 28 };
  if (connect <= max) {
    const after = Math.round(connect) + 2;
    return { ...base, ms: after, error: `${failure} after ${after} ms: Timeout was reached` };
  }
  const after = Math.round(max) + 1;
  return { ...base, ms: after, error: `Connection timed out after ${after} milliseconds` };
}

function verboseLines(options: CurlOptions, t: Transfer, host: string, outcome: Outcome): string[] {
  const lines = [`*   Trying ${t.ip}:${t.port}...`];
  if (outcome !== 'connected' && outcome !== 'reset') {
    if (t.exitCode === 28) lines.push(`* ${t.error}`);
    else
      lines.push(
        `* connect to ${t.ip} port ${t.port} failed: ${outcome === 'refused' ? 'Connection refused' : outcome === 'unreachable' ? 'Network is unreachable' : 'No route to host'}`,
      );
    lines.push('* Closing connection');
    return lines;
  }
  lines.push(`* Connected to ${host} (${t.ip}) port ${t.port}`);
  const path = t.url.replace(/^[a-z]+:\/\/[^/]+/, '') || '/';
  lines.push(
    `> ${options.head ? 'HEAD' : 'GET'} ${path} HTTP/1.1`,
    `> Host: ${host}${t.port === 80 ? '' : `:${t.port}`}`,
    '> User-Agent: curl/8.5.0',
    '> Accept: */*',
    '> ',
  );
  if (t.httpCode === 0) {
    lines.push('* Closing connection');
    return lines;
  }
  lines.push(...t.headers.map((header) => `< ${header}`), '< ');
  return lines;
}

function finish(
  options: CurlOptions,
  t: Transfer,
  trace: readonly string[],
  result: ConsoleResult['probe'],
): ConsoleResult {
  let out = trace.length > 0 ? `${trace.join('\n')}\n` : '';
  const showMeter = options.output !== null && !options.silent;
  if (showMeter) out += progressMeter(t.exitCode === 0 ? t.body.length : 0, t.ms);
  if (options.output === null && t.exitCode === 0) {
    if (options.head) out += `${t.headers.join('\n')}\n\n`;
    else out += `${options.include ? `${t.headers.join('\n')}\n\n` : ''}${t.body}`;
  }
  if (options.verbose && t.exitCode === 0)
    out += `* Connection #0 to host ${t.url.replace(/^[a-z]+:\/\/([^/:]+).*$/, '$1')} left intact\n`;
  if (t.error !== null && (!options.silent || options.showError)) out += `curl: (${t.exitCode}) ${t.error}\n`;
  if (options.writeOut !== null) out += writeOut(options.writeOut, t);
  return { output: out.replace(/\n$/, ''), exitCode: t.exitCode, probe: result };
}
