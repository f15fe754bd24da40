/**
 * What rooms need from storage: an append-only update log per document, compacted into
 * a snapshot, and the rooms' tokens. `sqliteStore` is the real one, `memoryStore` the
 * fake for tests. Every method is synchronous: an update is on disk when `append`
 * returns, before the room relays it.
 */
import type { ClassStore } from '../classes/classStore';

export interface StoredDoc {
  /** The snapshot (if any) followed by the logged updates, in order. */
  readonly updates: readonly Uint8Array[];
  /** Total bytes of `updates`. */
  readonly bytes: number;
}

export interface DocStore {
  load(name: string): StoredDoc;
  append(name: string, update: Uint8Array): void;
  /** Replaces the document's snapshot and log by `snapshot` (the state after everything appended so far). */
  compact(name: string, snapshot: Uint8Array): void;
}

export interface RoomRecord {
  readonly room: string;
  readonly tokenHash: string;
  readonly createdAt: number;
}

export interface RoomDirectory {
  createRoom(record: RoomRecord): void;
  getRoom(room: string): RoomRecord | undefined;
}

export interface Store extends DocStore, RoomDirectory {
  /** Classes, members and generations, in the same file (absent from the in-memory fake). */
  readonly classes?: ClassStore;
  close(): void;
}
