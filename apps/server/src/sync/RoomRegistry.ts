/**
 * Rooms in memory: loaded from the store on first use, unloaded (compacted, freed)
 * after `idleMs` without connections or API use, reloaded on demand.
 */
import type { Evaluate } from '../engine/evaluate';
import type { Logger } from '../log';
import type { DocStore } from '../store/types';
import { type CloseEvent, StorageFailed } from './closeCodes';
import { Room } from './Room';
import type { Limits, WriteGuard } from './types';

export interface RoomRegistryOptions {
  readonly store: DocStore;
  readonly evaluate: Evaluate;
  readonly limits: Limits;
  readonly log: Logger;
  /** Unload a room this long after its last connection left or its last API use. */
  readonly idleMs: number;
  /** The store's name of a room's lab document (classes keep generations). */
  readonly labDocOf?: (room: string) => string;
  /** Guards every room's lab document (it acts on each connection's access). */
  readonly writeGuard?: (room: string) => WriteGuard | undefined;
  /** Called once a room is loaded (classes watch its results). */
  readonly onLoad?: (room: Room) => void;
}

interface Entry {
  readonly room: Room;
  lastUsed: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: RoomRegistryOptions) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(10, Math.floor(options.idleMs / 2)));
    this.sweeper.unref();
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  isLoaded(id: string): boolean {
    return this.rooms.has(id);
  }

  /** The room, loaded if needed. The caller has checked that it exists. */
  get(id: string): Room {
    const entry = this.rooms.get(id);
    if (entry) {
      entry.lastUsed = Date.now();
      return entry.room;
    }
    const { store, evaluate, limits, log } = this.options;
    const started = performance.now();
    const room = new Room({
      id,
      store,
      evaluate,
      limits,
      log,
      labDoc: this.options.labDocOf?.(id),
      writeGuard: this.options.writeGuard?.(id),
      // Unload after the Yjs transaction that failed to store has unwound.
      onStoreFailure: () => setImmediate(() => this.unload(id, StorageFailed)),
    });
    this.rooms.set(id, { room, lastUsed: Date.now() });
    this.options.onLoad?.(room);
    log('room-loaded', { room: id, ms: Math.round(performance.now() - started) });
    return room;
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
    if (!entry) return;
    this.rooms.delete(id);
    entry.room.destroy(event);
    this.options.log('room-unloaded', { room: id });
  }

  close(event?: CloseEvent): void {
    clearInterval(this.sweeper);
    for (const id of [...this.rooms.keys()]) this.unload(id, event);
  }
}
