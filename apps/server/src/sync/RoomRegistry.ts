/**
 * Rooms in memory: loaded from the store on first use, unloaded (compacted, freed)
 * after `idleMs` without connections or API use, reloaded on demand. Loading is
 * asynchronous (the class hooks, and a networked store, answer later): `open` loads a
 * room once however many callers ask at the same time; `loaded` is what is in memory now.
 */
import type { Evaluate } from '../engine/evaluate';
import type { Logger } from '../log';
import { isStoreUnavailable } from '../store/errors';
import type { DocStore } from '../store/types';
import { type CloseEvent, StorageFailed, StorageUnavailable } from './closeCodes';
import { Room, resultsDocOf } from './Room';
import { loadStoredInTurns } from './storedUpdates';
import type { Limits, WriteGuard } from './types';

export interface RoomRegistryOptions {
  readonly store: DocStore;
  readonly evaluate: Evaluate;
  readonly limits: Limits;
  readonly log: Logger;
  /** Unload a room this long after its last connection left or its last API use. */
  readonly idleMs: number;
  /**
   * Loaded rooms' documents together, as stored, at most this many bytes: past it, idle
   * rooms (no connection, nothing computing) are unloaded at once, least recently used
   * first, whatever `idleMs` says. (A room created by `POST` alone stays loaded until then.)
   */
  readonly maxLoadedBytes?: number;
  /** Read before a room loads: what it is in a class (its generation, guard, goal watching). */
  readonly prepare?: (room: string) => Promise<RoomSetup>;
  /**
   * Called once any room is loaded, after its own `RoomSetup.onLoad` (metrics watch it;
   * cluster mode joins it to the other processes).
   */
  readonly onLoad?: (room: Room) => void;
}

export interface RoomSetup {
  /** The store's name of the room's lab document (classes keep generations). */
  readonly labDoc?: string;
  /** Guards the room's lab document (it acts on each connection's access). */
  readonly writeGuard?: WriteGuard;
  /** Called once the room is loaded (classes watch its results). */
  readonly onLoad?: (room: Room) => void;
}

interface Entry {
  readonly room: Room;
  lastUsed: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Entry>();
  /** Rooms being loaded: every caller of `open` meanwhile waits for the same load. */
  private readonly loading = new Map<string, Promise<Room>>();
  /** Rooms asked to unload while their load was under way, and with what (see `loadCurrent`). */
  private readonly unloadedWhileLoading = new Map<string, CloseEvent | undefined>();
  /** Rooms unloaded whose last writes are still being stored: loading them again waits. */
  private readonly draining = new Map<string, Promise<void>>();
  private closed = false;
  private readonly sweeper: NodeJS.Timeout;
  /** Computations of the rooms unloaded so far (see `computations`). */
  private computedByUnloaded = 0;

  constructor(private readonly options: RoomRegistryOptions) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(10, Math.floor(options.idleMs / 2)));
    this.sweeper.unref();
  }

  /** The server is stopping: `close` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Computations this process ran, over every room it loaded (the health counts them). */
  get computations(): number {
    let count = this.computedByUnloaded;
    for (const { room } of this.rooms.values()) count += room.computations;
    return count;
  }

  get loadedBytes(): number {
    let bytes = 0;
    for (const { room } of this.rooms.values()) bytes += room.bytes;
    return bytes;
  }

  /** Unloads idle rooms, oldest use first, until the loaded ones fit `maxLoadedBytes`. */
  private shed(): void {
    const budget = this.options.maxLoadedBytes ?? 128 * 1024 * 1024;
    let bytes = this.loadedBytes;
    if (bytes <= budget) return;
    const idle = [...this.rooms].filter(([, { room }]) => room.connectionCount === 0 && !room.computing);
    idle.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [id, { room }] of idle) {
      if (bytes <= budget) break;
      bytes -= room.bytes;
      this.unload(id);
      this.options.log('room-shed', { room: id, loadedBytes: bytes });
    }
  }

  isLoaded(id: string): boolean {
    return this.rooms.has(id);
  }

  /** Every room in memory now (not marked used). */
  loadedRooms(): Room[] {
    return [...this.rooms.values()].map((entry) => entry.room);
  }

  /** The room if it is in memory now (marked used). */
  loaded(id: string): Room | undefined {
    const entry = this.rooms.get(id);
    if (entry) entry.lastUsed = Date.now();
    return entry?.room;
  }

  /** The room, loaded if needed. The caller has checked that it exists. */
  open(id: string): Promise<Room> {
    const room = this.loaded(id);
    if (room) return Promise.resolve(room);
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.loadCurrent(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  /**
   * Loads the room; loads it again if it was unloaded meanwhile. An unload while loading
   * (a broadcast's new generation, a store failure) means what the load read may be stale:
   * its `prepare` saw the old generation. Handing that room out would keep sockets on an
   * instance the class no longer points at.
   */
  private async loadCurrent(id: string): Promise<Room> {
    for (;;) {
      this.unloadedWhileLoading.delete(id);
      const room = await this.load(id);
      if (!this.unloadedWhileLoading.has(id)) return room;
      // Whoever got the stale room meanwhile is closed as the unload asked (NewGeneration:
      // reopen with a fresh document), never left on a room nobody serves.
      const event = this.unloadedWhileLoading.get(id);
      this.unloadedWhileLoading.delete(id);
      this.unload(id, event);
    }
  }

  private async load(id: string): Promise<Room> {
    const started = performance.now();
    await this.draining.get(id);
    const setup = (await this.options.prepare?.(id)) ?? {};
    const { store } = this.options;
    const labDoc = setup.labDoc ?? id;
    const [lab, results] = await Promise.all([store.load(labDoc), store.load(resultsDocOf(id))]);
    const { evaluate, limits, log } = this.options;
    // A big lab is applied one stored step per heavy turn, before the room listens to it.
    const builtLab = await loadStoredInTurns(lab, labDoc, log);
    if (this.closed) throw new Error('the server is shutting down');
    this.shed();
    const room = new Room({
      id,
      store,
      evaluate,
      limits,
      log,
      labDoc,
      stored: { lab, results },
      ...(builtLab && { builtLab }),
      writeGuard: setup.writeGuard,
      // Unload after the Yjs transaction that failed to store has unwound.
      onStoreFailure: (error) =>
        setImmediate(() => this.unload(id, isStoreUnavailable(error) ? StorageUnavailable : StorageFailed)),
    });
    this.rooms.set(id, { room, lastUsed: Date.now() });
    setup.onLoad?.(room);
    this.options.onLoad?.(room);
    log('room-loaded', { room: id, ms: Math.round(performance.now() - started), bytes: room.bytes });
    return room;
  }

  /**
   * Stores the first lab of a room never loaded (`POST` has just created it), as the
   * updates that write it: its load then applies them one heavy turn each.
   */
  async seed(id: string, updates: readonly Uint8Array[]): Promise<void> {
    if (this.rooms.has(id) || this.loading.has(id)) throw new Error(`room ${id} is loaded already`);
    for (const update of updates) await this.options.store.append(id, update);
  }

  /** Marks a room used now (e.g. a connection left), so the idle clock restarts. */
  touch(id: string): void {
    const entry = this.rooms.get(id);
    if (entry) entry.lastUsed = Date.now();
  }

  sweep(now = Date.now()): void {
    for (const [id, entry] of this.rooms) {
      const { room } = entry;
      if (room.connectionCount > 0 || room.computing) continue;
      if (now - entry.lastUsed < this.options.idleMs) continue;
      this.unload(id);
    }
  }

  unload(id: string, event?: CloseEvent): void {
    const entry = this.rooms.get(id);
    if (!entry) {
      if (this.loading.has(id)) this.unloadedWhileLoading.set(id, event);
      return;
    }
    this.rooms.delete(id);
    this.computedByUnloaded += entry.room.computations;
    const drained = entry.room.destroy(event).finally(() => {
      if (this.draining.get(id) === drained) this.draining.delete(id);
    });
    this.draining.set(id, drained);
    this.options.log('room-unloaded', { room: id });
  }

  /** Unloads every room; resolves once their last writes are done. */
  close(event?: CloseEvent): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const id of [...this.rooms.keys()]) this.unload(id, event);
    return Promise.all([...this.draining.values()]).then(() => undefined);
  }
}
