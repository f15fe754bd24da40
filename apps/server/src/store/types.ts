/**
 * What rooms need from storage: an append-only update log per document, compacted into
 * a snapshot, and the rooms' tokens. `sqliteStore` is the embedded default, `postgres/`
 * the store of cluster mode, `memoryStore` the fake for tests.
 *
 * A synchronous store (SQLite) answers every call before it returns: an update is on
 * disk when `append` returns, before the room relays it, at no extra latency. An
 * asynchronous store (`asynchronous: true`, PostgreSQL) answers with Promises; the room
 * then relays a change only once its append has resolved (DocChannel), so the rule is
 * the same either way: nothing reaches a client that is not stored (STORE-5).
 */
import type { ClassStore } from '../classes/classStore';

export type MaybePromise<T> = T | Promise<T>;

export interface StoredDoc {
  /** The snapshot (if any) followed by the logged updates, in order. */
  readonly updates: readonly Uint8Array[];
  /** Total bytes of `updates`. */
  readonly bytes: number;
}

export interface DocStore {
  /** True when the methods answer with Promises (a store over the network). */
  readonly asynchronous?: boolean;
  load(name: string): MaybePromise<StoredDoc>;
  append(name: string, update: Uint8Array): MaybePromise<void>;
  /**
   * Replaces the document's snapshot and log by `snapshot` (the state after everything
   * this process appended so far). A store shared by several processes merges what
   * others appended meanwhile instead of dropping it.
   */
  compact(name: string, snapshot: Uint8Array): MaybePromise<void>;
}

export interface RoomRecord {
  readonly room: string;
  readonly tokenHash: string;
  readonly createdAt: number;
}

export interface RoomDirectory {
  createRoom(record: RoomRecord): MaybePromise<void>;
  getRoom(room: string): MaybePromise<RoomRecord | undefined>;
}

/** What `/api/health` says of the store. */
export interface StoreHealth {
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  readonly state: 'ok' | 'unreachable';
}

export interface Store extends DocStore, RoomDirectory {
  readonly kind: StoreHealth['kind'];
  /** Classes, members and generations, in the same database (absent from the in-memory fake). */
  readonly classes?: ClassStore;
  /** Whether the store answers now (a networked one is asked; an embedded one always is). */
  health(): Promise<StoreHealth>;
  close(): MaybePromise<void>;
}

/** A store that answers every call before it returns (SQLite, the in-memory fake). */
export interface SynchronousStore extends Store {
  readonly asynchronous?: false;
  load(name: string): StoredDoc;
  append(name: string, update: Uint8Array): void;
  compact(name: string, snapshot: Uint8Array): void;
  createRoom(record: RoomRecord): void;
  getRoom(room: string): RoomRecord | undefined;
  close(): void;
}
