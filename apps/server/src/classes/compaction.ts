/**
 * A room whose document nears the client-id cap (HOSTILE-14: past it every new writer is
 * refused) starts a new generation of itself (HOSTILE-23), as a class broadcast does
 * (CLASS-5): the lab, the layout and the shared console are written into a fresh
 * document by one client id, the room points at it, and the old document stays in the
 * store as history. Connections are closed with NewGeneration (4000, not final): the
 * page reopens the room with a fresh document and edits on; a client that comes back
 * with its old document is refused (StaleGeneration, 4409), since its old clocks would
 * bring every retired id back.
 *
 * It starts early (at 90 % of the cap), so that honest writers never meet the cap: only
 * a single update adding hundreds of ids at once still gets 4424.
 */
import { fromYValue, LAB_ROOT, readLab, toYValue } from '@vnetlab/shared';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Room } from '../sync/Room';
import type { WriteGuard } from '../sync/types';
import type { Generations } from './generations';
import { staleWrite } from './writeGuard';

/** The client-id count at which a room compacts, for a cap of `cap`. */
export function compactionThreshold(cap: number): number {
  return Math.max(1, cap - Math.max(5, Math.floor(cap / 10)));
}

export function compactWhenCrowded(room: Room, cap: number, generations: Generations, log: Logger): void {
  const threshold = compactionThreshold(cap);
  let scheduled = false;
  const doc = room.lab.doc;
  doc.on('update', () => {
    // Cluster mode: every process sees the ids crossing it; only the engine's holder starts the generation.
    if (scheduled || doc.store.clients.size < threshold || !room.engineOwner) return;
    scheduled = true;
    // After the transaction that crossed it: the generation unloads this room.
    setImmediate(() => {
      const clients = doc.store.clients.size;
      const lab = readLab(doc);
      generations
        .start(room.id, lab, 'compacted', Date.now(), (fresh) => carryRoots(doc, fresh))
        .then((record) =>
          log('room-compacted', { room: room.id, clients, generation: record.generation, doc: record.doc }),
        )
        .catch((error: unknown) => {
          // Not compacted: the next update past the threshold tries again.
          scheduled = false;
          log('room-compaction-failed', { room: room.id, error: String(error) });
        });
    });
  });
}

/** Every root but the lab (written by the generation itself), as plain JSON. */
function carryRoots(from: Y.Doc, to: Y.Doc): void {
  for (const [name, type] of from.share) {
    if (name === LAB_ROOT) continue;
    // A root no one here has typed is a bare AbstractType: a sequence or a map.
    if (type instanceof Y.Array || (!(type instanceof Y.Map) && type._start !== null)) {
      const items = from.getArray<unknown>(name).toArray();
      to.getArray<unknown>(name).push(items.map(copyOf));
    } else {
      const source = from.getMap<unknown>(name);
      const target = to.getMap<unknown>(name);
      for (const [key, value] of source) target.set(key, copyOf(value));
    }
  }
}

/** A value as it was stored: a Y type as a fresh one, a plain value as plain JSON. */
function copyOf(value: unknown): unknown {
  const json = fromYValue(value, 2);
  return value instanceof Y.AbstractType ? toYValue(json) : json;
}

/** A room outside any class: only the earlier generations' documents are refused. */
export function staleGenerationGuard(retired: () => ReadonlySet<number>): WriteGuard {
  return (_connection, _doc, writes) => staleWrite(retired(), writes) ?? { kind: 'apply' };
}
