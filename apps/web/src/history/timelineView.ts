/**
 * The room's history as the page reads it (the results document's root `Y.Array`
 * `history`, written by the server: SPEC.md HISTORY-1…), and the two things a person
 * does with it: see the lab as it was after an entry (the live lab with the `before`
 * values of every later entry written back, newest first) and revert one entry (its
 * `before` values written back as this person's edit).
 */
import type { FieldWrite, JsonObject, JsonValue } from '@vnetlab/shared';
import { asArray, asNumber, asObject, asString } from '../util/json';

export type Segment = string | number;

export interface ChangeView {
  readonly path: readonly Segment[];
  /** undefined: the path did not exist before (it was added). */
  readonly before: JsonValue | undefined;
  /** undefined: the path was removed. */
  readonly after: JsonValue | undefined;
}

export interface FlipView {
  readonly from: string;
  readonly to: string;
  readonly probe: string;
  readonly reachable: boolean;
}

export interface HistoryEntryView {
  readonly id: string;
  readonly revision: number;
  readonly at: number;
  readonly by: readonly string[];
  readonly changes: readonly ChangeView[];
  readonly flips: readonly FlipView[];
}

export function historyEntries(raw: readonly unknown[]): HistoryEntryView[] {
  const entries: HistoryEntryView[] = [];
  for (const item of raw) {
    const entry = asObject(item);
    const changes: ChangeView[] = [];
    for (const rawChange of asArray(entry.changes)) {
      const change = asObject(rawChange);
      const path = asArray(change.path).filter(
        (s): s is Segment =>
          typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0),
      );
      if (path.length === 0 || path.length !== asArray(change.path).length) continue;
      changes.push({
        path,
        before: 'before' in change ? (change.before as JsonValue) : undefined,
        after: 'after' in change ? (change.after as JsonValue) : undefined,
      });
    }
    const flips: FlipView[] = [];
    for (const rawFlip of asArray(entry.flips)) {
      const flip = asObject(rawFlip);
      if (typeof flip.reachable !== 'boolean') continue;
      flips.push({
        from: asString(flip.from),
        to: asString(flip.to),
        probe: asString(flip.probe),
        reachable: flip.reachable,
      });
    }
    entries.push({
      id: asString(entry.id) || String(entries.length),
      revision: asNumber(entry.revision),
      at: asNumber(entry.at),
      by: asArray(entry.by).map((name) => asString(name)),
      changes,
      flips,
    });
  }
  return entries;
}

/** The writes that put an entry's paths back as they were before it. */
export function revertWrites(entry: HistoryEntryView): FieldWrite[] {
  return entry.changes.map((change) => [change.path, change.before]);
}

/** The lab as it was right after `entries[index]`, from the live lab. */
export function labAt(live: JsonObject, entries: readonly HistoryEntryView[], index: number): JsonObject {
  const lab = structuredClone(live) as JsonObject;
  for (let i = entries.length - 1; i > index; i--) {
    for (const change of entries[i]!.changes) setPath(lab, change.path, change.before);
  }
  return lab;
}

function setPath(root: JsonObject, path: readonly Segment[], value: JsonValue | undefined): void {
  let node: JsonValue = root;
  for (const segment of path.slice(0, -1)) {
    const container = node as Record<Segment, JsonValue>;
    if (typeof container !== 'object' || container === null) return;
    if (container[segment] === undefined || container[segment] === null) container[segment] = {};
    node = container[segment]!;
  }
  const last = path[path.length - 1]!;
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node) && typeof last === 'number') {
    if (value === undefined) node.splice(last, 1);
    else node[last] = value;
    return;
  }
  const container = node as Record<string, JsonValue>;
  if (value === undefined) delete container[last];
  else container[last] = value;
}
