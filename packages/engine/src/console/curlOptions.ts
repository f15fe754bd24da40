/**
 * curl 8's own command-line parser (src/tool_getparam.c): short flags combine
 * (`-sS`, `-sSo out`), a short option's parameter sticks or follows, long options
 * take their parameter as the next word only (`--max-time=5` is unknown), and
 * every bad usage exits 2 with curl's words.
 */

export interface CurlOptions {
  readonly urls: readonly string[];
  readonly silent: boolean;
  readonly showError: boolean;
  readonly output: string | null;
  readonly writeOut: string | null;
  readonly head: boolean;
  readonly include: boolean;
  readonly verbose: boolean;
  readonly fail: boolean;
  readonly maxTime: number | null;
  readonly connectTimeout: number | null;
}

export type CurlParse =
  | { readonly ok: true; readonly options: CurlOptions }
  | { readonly ok: false; readonly output: string; readonly exitCode: number };

/** Short letter -> long name; the long names that take a parameter. */
const SHORT: Record<string, string> = {
  s: 'silent',
  S: 'show-error',
  o: 'output',
  O: 'remote-name',
  w: 'write-out',
  I: 'head',
  i: 'include',
  v: 'verbose',
  f: 'fail',
  m: 'max-time',
  L: 'location',
  k: 'insecure',
  '4': 'ipv4',
  H: 'header',
  A: 'user-agent',
  x: 'proxy',
  d: 'data',
  X: 'request',
  u: 'user',
  h: 'help',
  V: 'version',
};
const TAKES = new Set([
  'output',
  'write-out',
  'max-time',
  'connect-timeout',
  'header',
  'user-agent',
  'proxy',
  'data',
  'request',
  'user',
  'url',
]);
const LONG = new Set([...Object.values(SHORT), 'connect-timeout', 'url', 'no-progress-meter']);
/** Options curl has that change what a real server would answer: not simulated, said so. */
const NOT_SIMULATED = new Set(['proxy', 'data', 'request', 'user']);

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information";

export function parseCurl(args: readonly string[]): CurlParse {
  const urls: string[] = [];
  const set = new Map<string, string | null>();
  const fail = (message: string): CurlParse => ({
    ok: false,
    output: `curl: ${message}\n${TRY}`,
    exitCode: 2,
  });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const name = arg.slice(2);
      if (!LONG.has(name)) return fail(`option ${arg}: is unknown`);
      if (!TAKES.has(name)) {
        set.set(name, null);
        continue;
      }
      const value = args[++i];
      if (value === undefined) return fail(`option ${arg}: requires parameter`);
      if (name === 'url') urls.push(value);
      else set.set(name, value);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      urls.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      const name = SHORT[letter];
      if (!name) return fail(`option -${letter}: is unknown`);
      if (!TAKES.has(name)) {
        set.set(name, null);
        continue;
      }
      const rest = arg.slice(j + 1);
      const value = rest !== '' ? rest : args[++i];
      if (value === undefined) return fail(`option -${letter}: requires parameter`);
      set.set(name, value);
      break;
    }
  }
  for (const name of NOT_SIMULATED)
    if (set.has(name))
      return { ok: false, output: `vnetlab: curl --${name} is not simulated by this console`, exitCode: 2 };
  if (set.has('help')) return { ok: false, output: 'Usage: curl [options...] <url>', exitCode: 0 };
  if (set.has('version'))
    return { ok: false, output: 'curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0', exitCode: 0 };
  const maxTime = numeric(set.get('max-time'));
  if (maxTime === 'bad') return fail('option -m: expected a proper numerical parameter');
  const connectTimeout = numeric(set.get('connect-timeout'));
  if (connectTimeout === 'bad')
    return fail('option --connect-timeout: expected a proper numerical parameter');
  if (urls.length === 0) return fail('no URL specified');
  return {
    ok: true,
    options: {
      urls,
      silent: set.has('silent'),
      showError: set.has('show-error'),
      output: set.get('output') ?? (set.has('remote-name') ? 'index.html' : null),
      writeOut: set.get('write-out') ?? null,
      head: set.has('head'),
      include: set.has('include'),
      verbose: set.has('verbose'),
      fail: set.has('fail'),
      maxTime,
      connectTimeout,
    },
  };
}

function numeric(value: string | null | undefined): number | null | 'bad' {
  if (value === undefined || value === null) return null;
  if (!/^\d+(\.\d+)?$/.test(value)) return 'bad';
  return Number(value);
}
