/**
 * A new generation of a room's document (CLASS-5): the lab is written into a fresh
 * document in one transaction and the room points at it; the old document stays in
 * the store as history. Rewriting the old document instead would grow it with every
 * broadcast (DESIGN.md, "Known ground"). Connections of the room are closed with
 * NewGeneration (not final): a client opens the room again with a fresh Y.Doc; one
 * that comes back with its old document is refused (StaleGeneration, final) and
 * nothing of the old document reaches the new one.
 */
import { type JsonObject, writeLab } from '@vnetlab/shared';
import * as Y from 'yjs';
import type { DocStore } from '../store/types';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { ClassStore } from './classStore';
import type { GenerationRecord } from './types';

/** Not final: the client reopens the room, with a fresh document. */
export const NewGeneration = {
  code: 4000,
  reason: 'New generation: open the room with a fresh document',
} as const;

export class Generations {
  /** Client ids of earlier generations, per room (read on every guarded update). */
  private readonly retired = new Map<string, ReadonlySet<number>>();

  constructor(
    private readonly classes: ClassStore,
    private readonly store: DocStore,
    private readonly rooms: () => RoomRegistry,
    /** Cluster mode: the other processes unload the room too (and forget its retired ids). */
    private readonly onStarted?: (room: string) => void,
  ) {}

  /** Forgets what is cached of the room: another process started a generation of it. */
  forget(room: string): void {
    this.retired.delete(room);
  }

  /**
   * Reads again the retired client ids of every room cached here (cluster mode: a
   * generation may have started elsewhere while its announcement could not reach us).
   */
  async refreshRetired(): Promise<void> {
    await Promise.all(
      [...this.retired.keys()].map(async (room) => {
        const record = await this.classes.currentGeneration(room);
        this.retired.set(room, new Set([...this.retiredClients(room), ...(record?.retiredClients ?? [])]));
      }),
    );
  }

  /** The store's name of the room's current lab document. */
  async docOf(room: string): Promise<string> {
    return (await this.classes.currentGeneration(room))?.doc ?? room;
  }

  /** Reads the room's retired client ids into memory (before its guard runs). */
  async loadRetired(room: string): Promise<ReadonlySet<number>> {
    let set = this.retired.get(room);
    if (!set) {
      set = new Set((await this.classes.currentGeneration(room))?.retiredClients ?? []);
      this.retired.set(room, set);
    }
    return set;
  }

  /** The room's retired client ids as loaded by `loadRetired` (read on every guarded update). */
  retiredClients(room: string): ReadonlySet<number> {
    return this.retired.get(room) ?? new Set();
  }

  /** `carry` writes more of the room into the fresh document (a compaction keeps its layout). */
  async start(
    room: string,
    lab: JsonObject,
    label: string,
    now = Date.now(),
    carry?: (fresh: Y.Doc) => void,
  ): Promise<GenerationRecord> {
    const current = await this.classes.currentGeneration(room);
    const retired = new Set([...(await this.loadRetired(room)), ...(await this.clientsOf(room))]);
    const fresh = new Y.Doc({ gc: true });
    writeLab(fresh, lab, { kind: 'api' });
    if (carry) fresh.transact(() => carry(fresh), { kind: 'api' });
    const update = Y.encodeStateAsUpdate(fresh);
    fresh.destroy();
    const record = await this.classes.startGeneration({
      room,
      doc: `${room}@g${(current?.generation ?? 0) + 1}`,
      label,
      createdAt: now,
      update,
      retiredClients: [...retired].sort((a, b) => a - b),
    });
    // Clients that wrote into the loaded room while the store answered are retired too
    // (in memory: the room unloads at once, so none writes after this).
    const late = this.rooms().loaded(room);
    this.retired.set(room, new Set([...record.retiredClients, ...(late ? clientsOfDoc(late.lab.doc) : [])]));
    this.rooms().unload(room, NewGeneration);
    this.onStarted?.(room);
    return record;
  }

  /** Every client id that wrote into the room's current document. */
  private async clientsOf(room: string): Promise<number[]> {
    const loaded = this.rooms().loaded(room);
    if (loaded) return clientsOfDoc(loaded.lab.doc);
    const doc = new Y.Doc();
    for (const update of (await this.store.load(await this.docOf(room))).updates) Y.applyUpdate(doc, update);
    const clients = clientsOfDoc(doc);
    doc.destroy();
    return clients;
  }
}

function clientsOfDoc(doc: Y.Doc): number[] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
}
