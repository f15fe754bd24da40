/**
 * A room's lab as JSON, read once per computation, reading again only the top-level
 * keys (`vms`, `title`, a network group …) that changed since the last read: the others
 * are the very objects of the last read. So after a one-field edit reading costs that
 * field, not the whole document, and the history's diff of two reads (labDiff.ts) skips
 * an unchanged subtree at its first identity check. Readers of the lab (the budget of
 * what runs inline, the limits, the parser, the history) never change it.
 *
 * A read equals `readLab(doc)` exactly: the same keys in the same order, each key's value
 * read with `fromYValue` at the depth readLab reads it (the depth bound of READ_DEPTH).
 */
import { fromYValue, type JsonObject, type JsonValue, labMap } from '@vnetlab/shared';
import type * as Y from 'yjs';

/** The depth of a top-level key's value as `readLab` reads it (the lab itself is 1). */
const KEY_DEPTH = 2;

export class LabReader {
  private readonly map: Y.Map<unknown>;
  private readonly cache = new Map<string, JsonValue>();
  /** Keys changed since the last read; `all` before the first one. */
  private dirty: Set<string> | 'all' = 'all';

  constructor(doc: Y.Doc) {
    this.map = labMap(doc);
    this.map.observeDeep(this.onChange);
  }

  read(): JsonObject {
    const dirty = this.dirty;
    this.dirty = new Set();
    if (dirty === 'all') this.cache.clear();
    const lab: JsonObject = {};
    for (const [key, value] of this.map.entries()) {
      let json = this.cache.get(key);
      if (json === undefined || (dirty !== 'all' && dirty.has(key))) {
        json = fromYValue(value, KEY_DEPTH);
        this.cache.set(key, json);
      }
      lab[key] = json;
    }
    // A key deleted since: forget its value.
    if (this.cache.size > Object.keys(lab).length) {
      for (const key of this.cache.keys()) if (!(key in lab)) this.cache.delete(key);
    }
    return lab;
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
  }

  private readonly onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const dirty = this.dirty;
    if (dirty === 'all') return;
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) dirty.add(key);
        continue;
      }
      const key = event.path[0];
      if (typeof key === 'string') dirty.add(key);
      else this.dirty = 'all'; // cannot happen under a map: read everything again rather than guess
    }
  };
}
