/**
 * Options as glibc's getopt_long parses them, the parser of iputils ping, OpenBSD nc
 * on Linux, iproute2's ss and traceroute's own look-alike: short flags combine
 * (`-zv`), an argument sticks (`-c1`) or follows (`-c 1`), long options take
 * `--name=value` or `--name value`, operands may come anywhere until `--`.
 */

export interface OptionSpec {
  /** Short options, getopt style: a letter followed by ':' takes an argument ("c:qW:"). */
  readonly short: string;
  /** Long option names; true: it takes an argument. */
  readonly long?: Readonly<Record<string, boolean>>;
}

export interface ParsedOption {
  /** The letter, or the long name. */
  readonly name: string;
  readonly value: string | null;
}

export type GetoptResult =
  | { readonly ok: true; readonly options: readonly ParsedOption[]; readonly operands: readonly string[] }
  | { readonly ok: false; readonly error: GetoptError };

export type GetoptError =
  | { readonly kind: 'unknown-short'; readonly option: string }
  | { readonly kind: 'unknown-long'; readonly option: string }
  | { readonly kind: 'missing-short'; readonly option: string }
  | { readonly kind: 'missing-long'; readonly option: string };

export function getopt(args: readonly string[], spec: OptionSpec): GetoptResult {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2), '=');
      const takes = spec.long?.[name];
      if (takes === undefined) return { ok: false, error: { kind: 'unknown-long', option: arg } };
      if (!takes) {
        options.push({ name, value: null });
        continue;
      }
      const value = inline ?? args[++i];
      if (value === undefined) return { ok: false, error: { kind: 'missing-long', option: name } };
      options.push({ name, value });
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      const at = letter === ':' ? -1 : spec.short.indexOf(letter);
      if (at < 0) return { ok: false, error: { kind: 'unknown-short', option: letter } };
      if (spec.short[at + 1] !== ':') {
        options.push({ name: letter, value: null });
        continue;
      }
      const rest = arg.slice(j + 1);
      const value = rest !== '' ? rest : args[++i];
      if (value === undefined) return { ok: false, error: { kind: 'missing-short', option: letter } };
      options.push({ name: letter, value });
      break;
    }
  }
  return { ok: true, options, operands };
}

/** glibc's words for a getopt error, after "PROGRAM: ". */
export function getoptMessage(program: string, error: GetoptError): string {
  switch (error.kind) {
    case 'unknown-short':
      return `${program}: invalid option -- '${error.option}'`;
    case 'unknown-long':
      return `${program}: unrecognized option '${error.option}'`;
    case 'missing-short':
      return `${program}: option requires an argument -- '${error.option}'`;
    case 'missing-long':
      return `${program}: option '--${error.option}' requires an argument`;
    default: {
      const unexpected: never = error;
      throw new Error(`unknown getopt error ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The last value given for any of `names` (later options win, as in every tool here). */
export function lastValue(options: readonly ParsedOption[], ...names: string[]): string | null {
  let value: string | null = null;
  for (const option of options) if (names.includes(option.name)) value = option.value;
  return value;
}

export function hasFlag(options: readonly ParsedOption[], ...names: string[]): boolean {
  return options.some((option) => names.includes(option.name));
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
