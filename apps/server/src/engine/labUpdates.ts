/**
 * A lab -> the Yjs updates that write it into an empty room document, in steps of at
 * most about `stepChars` characters of JSON each (issue #10). Built in the engine worker
 * that checks a big `POST` body (checkLab.ts), so the main thread never runs `writeLab`
 * on the largest allowed lab: that was one task of ~108 ms while its code was cold. The
 * room is stored as these steps and loads them one heavy turn each (storedUpdates.ts),
 * so other rooms relay between the steps.
 *
 * The first step writes every top-level key; a member object bigger than a step
 * (`vms`, a map of networks) is written empty there and its entries follow, a step at a
 * time. Applied in order they give what `writeLab` gives: the same JSON, in the same
 * key order.
 */
import { type JsonObject, type JsonValue, labMap, toYValue } from '@vnetlab/shared';
import * as Y from 'yjs';

/** About a tenth of the largest allowed lab (~220 KB of JSON) per step. */
export const LAB_STEP_CHARS = 16 * 1024;

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Entry {
  readonly key: string;
  readonly value: JsonValue;
  /** Its characters as JSON: what it adds to a step. */
  readonly chars: number;
}

function entriesOf(object: JsonObject): Entry[] {
  return Object.entries(object).map(([key, value]) => ({
    key,
    value,
    chars: key.length + JSON.stringify(value).length,
  }));
}

export function labAsUpdates(lab: JsonObject, stepChars = LAB_STEP_CHARS): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const root = labMap(doc);
  const filledLater: { map: Y.Map<unknown>; entries: Entry[] }[] = [];
  doc.transact(() => {
    for (const { key, value, chars } of entriesOf(lab)) {
      if (isObject(value) && chars > stepChars) {
        const map = new Y.Map<unknown>();
        root.set(key, map);
        filledLater.push({ map, entries: entriesOf(value) });
      } else {
        root.set(key, toYValue(value));
      }
    }
  });
  for (const { map, entries } of filledLater) {
    let next = 0;
    while (next < entries.length) {
      doc.transact(() => {
        // At least one entry a step, however big: an entry is never split.
        let chars = 0;
        do {
          const entry = entries[next++] as Entry;
          chars += entry.chars;
          map.set(entry.key, toYValue(entry.value));
        } while (next < entries.length && chars + (entries[next] as Entry).chars <= stepChars);
      });
    }
  }
  doc.destroy();
  return updates;
}
