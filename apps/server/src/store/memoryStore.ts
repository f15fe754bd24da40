/** An in-memory `Store` for tests and the bench. */
import type { RoomRecord, StoredDoc, SynchronousStore } from './types';

export function createMemoryStore(): SynchronousStore {
  const logs = new Map<string, Uint8Array[]>();
  const rooms = new Map<string, RoomRecord>();
  return {
    kind: 'memory',
    load(name): StoredDoc {
      const updates = [...(logs.get(name) ?? [])];
      return { updates, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) };
    },
    append(name, update) {
      const log = logs.get(name) ?? [];
      log.push(update.slice());
      logs.set(name, log);
    },
    compact(name, snapshot) {
      logs.set(name, [snapshot.slice()]);
    },
    createRoom(record) {
      rooms.set(record.room, record);
    },
    getRoom(room) {
      return rooms.get(room);
    },
    health: async () => ({ kind: 'memory', state: 'ok' }),
    close() {},
  };
}
