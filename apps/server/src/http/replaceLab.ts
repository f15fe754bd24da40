/**
 * `PUT /api/labs/:room`'s write: the lab replaced in one transaction (API-3), writing only
 * what differs from the lab as it is — top-level keys, and each machine under `vms` —
 * and deleting what the body leaves out. The lab reads as the body afterwards, exactly
 * as after `writeLab`; but re-uploading a 1,000-machine lab with a few machines changed
 * costs those machines (the transaction, its store append and every client's frame),
 * not a rewrite of the whole document, which held the event loop 30–100 ms on the
 * machine it was measured on while other rooms' frames waited.
 */
import { type JsonObject, type JsonValue, labMap, toYValue } from '@vnetlab/shared';
import * as Y from 'yjs';
import { sameJson } from '../classes/restorePaths';

/** `current`: the lab as the document reads now (Room.readLab), in this same turn. */
export function replaceLab(doc: Y.Doc, current: JsonObject, lab: JsonObject, origin: unknown): void {
  doc.transact(() => {
    const map = labMap(doc);
    for (const key of [...map.keys()]) if (lab[key] === undefined) map.delete(key);
    for (const [key, value] of Object.entries(lab)) {
      if (value === undefined) continue;
      const vms = map.get(key);
      const before = current[key];
      if (key === 'vms' && vms instanceof Y.Map && isObject(value) && isObject(before)) {
        replaceMembers(vms, before, value);
      } else if (!sameJson(before, value)) {
        map.set(key, toYValue(value));
      }
    }
  }, origin);
}

function replaceMembers(map: Y.Map<unknown>, current: JsonObject, next: JsonObject): void {
  for (const id of [...map.keys()]) if (next[id] === undefined) map.delete(id);
  for (const [id, value] of Object.entries(next)) {
    if (value !== undefined && !sameJson(current[id], value)) map.set(id, toYValue(value));
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
