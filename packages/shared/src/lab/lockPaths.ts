/**
 * `locked` paths (lab-format.md, "Fields"): the path syntax of errors
 * (`vms.web.adapters[0].mode`) with `*` for any key or index (`vms.*.adapters[*].mode`).
 * Parsed once, then matched against a lab as JSON: the concrete paths of the values a
 * pattern names there now. The server restores those after a student's write; the CLI
 * reports a pattern that names nothing.
 */
export type LockSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

/** A concrete path into the lab: keys of objects and indexes of arrays. */
export type ConcretePath = readonly (string | number)[];

export type LockPathParse =
  | { readonly ok: true; readonly segments: readonly LockSegment[] }
  | { readonly ok: false; readonly message: string };

const TOKEN = /^(?:\.?([A-Za-z0-9_$@:-]+|\*)|\[(\d+|\*)\])/;

export function parseLockPath(text: string): LockPathParse {
  if (text === '') return { ok: false, message: 'an empty path locks nothing' };
  const segments: LockSegment[] = [];
  let rest = text;
  while (rest !== '') {
    const match = TOKEN.exec(rest);
    if (!match || (segments.length === 0 && rest.startsWith('.'))) {
      return { ok: false, message: `${JSON.stringify(text)} is not a path like "vms.web.adapters[0].mode"` };
    }
    const [whole, key, index] = match;
    if (key === '*' || index === '*') segments.push({ kind: 'any' });
    else if (key !== undefined) segments.push({ kind: 'key', key });
    else segments.push({ kind: 'index', index: Number(index) });
    rest = rest.slice(whole.length);
  }
  return { ok: true, segments };
}

/** The concrete paths under `root` that the pattern names (only values that exist). */
export function matchLockPath(root: unknown, segments: readonly LockSegment[]): ConcretePath[] {
  let frontier: { path: (string | number)[]; value: unknown }[] = [{ path: [], value: root }];
  for (const segment of segments) {
    const next: typeof frontier = [];
    for (const { path, value } of frontier) {
      for (const [step, child] of children(value, segment))
        next.push({ path: [...path, step], value: child });
    }
    frontier = next;
  }
  return frontier.map(({ path }) => path);
}

function children(value: unknown, segment: LockSegment): [string | number, unknown][] {
  if (Array.isArray(value)) {
    switch (segment.kind) {
      case 'any':
        return value.map((child, index) => [index, child]);
      case 'index':
        return segment.index < value.length ? [[segment.index, value[segment.index]]] : [];
      case 'key':
        return [];
      default:
        return assertNever(segment);
    }
  }
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  switch (segment.kind) {
    case 'any':
      return Object.entries(object);
    case 'key':
      return Object.hasOwn(object, segment.key) ? [[segment.key, object[segment.key]]] : [];
    case 'index':
      return [];
    default:
      return assertNever(segment);
  }
}

/** `["vms", "web", "adapters", 0, "mode"]` -> `vms.web.adapters[0].mode`. */
export function formatConcretePath(path: ConcretePath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  return out;
}

function assertNever(value: never): never {
  throw new Error(`unexpected lock segment ${JSON.stringify(value)}`);
}
