/** An in-memory `Store` for tests and the bench. */
import type { RoomRecord, Store, StoredDoc } from './types';

export function createMemoryStore(): Store {
  const logs = new Map<string, Uint8Array[]>();
  const rooms = new Map<string, RoomRecord>();
  return {
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
    close() {},
  };
}
