/**
 * A room: its lab document (clients write), its results document (the engine writes,
 * clients read) and the engine run that keeps the second up to date with the first.
 */
import { type JsonObject, RESULTS_DOC_SUFFIX, readLab } from '@vnetlab/shared';
import { guardConsole } from '../console/consoleGuard';
import { type Evaluate, engineFailure, type ResultsSections } from '../engine/evaluate';
import { Recomputer } from '../engine/Recomputer';
import { budgetSections } from '../engine/resultsBudget';
import { type Results, readResults, writeResults } from '../engine/resultsWriter';
import { RoomHistory } from '../history/RoomHistory';
import type { Logger } from '../log';
import type { DocStore } from '../store/types';
import type { CloseEvent } from './closeCodes';
import { DocChannel } from './DocChannel';
import type { Limits, WriteGuard } from './types';

export type DocKind = 'lab' | 'results';

/** How long a process that does not hold the room's engine waits for the holder's results. */
export const RELAYED_RESULTS_WAIT_MS = 5000;

export interface RoomOptions {
  readonly id: string;
  readonly store: DocStore;
  readonly evaluate: Evaluate;
  readonly limits: Limits;
  readonly log: Logger;
  /** Called when the store refuses a write; the registry unloads the room. */
  readonly onStoreFailure?: (error: unknown) => void;
  /** The store's name of the lab document (its current generation); default the room id. */
  readonly labDoc?: string;
  readonly writeGuard?: WriteGuard;
}

export class Room {
  readonly id: string;
  readonly lab: DocChannel;
  readonly results: DocChannel;
  private readonly recomputer: Recomputer;
  private readonly history: RoomHistory;
  private destroyed = false;
  private readonly destroyHooks: (() => void)[] = [];
  /**
   * Whether this process runs the room's engine. Always, on its own; in cluster mode only
   * while it holds the room's lease (cluster/LeaseKeeper.ts): the others relay the results
   * the holder writes.
   */
  private ownsEngine = true;
  /** Milliseconds per computation, the last one. */
  lastComputeMs = 0;
  /** Computations written into the results document by this process. */
  computations = 0;
  /**
   * Not the engine's holder: lab changes seen, and how many of them the holder's results
   * (relayed here) had been written after, so `currentResults` can wait for them.
   */
  private labChanges = 0;
  private labChangesResulted = 0;
  private resultsWaiters: (() => void)[] = [];

  constructor(private readonly options: RoomOptions) {
    this.id = options.id;
    const { store, limits, log } = options;
    const onStoreFailure = options.onStoreFailure;
    this.lab = new DocChannel({
      name: options.labDoc ?? this.id,
      store,
      writable: true,
      limits,
      log,
      onStoreFailure,
      writeGuard: options.writeGuard,
    });
    this.results = new DocChannel({
      name: `${this.id}${RESULTS_DOC_SUFFIX}`,
      store,
      writable: false,
      limits,
      log,
      onStoreFailure,
    });
    this.recomputer = new Recomputer(
      () => this.compute(),
      (error) => log('computation-failed', { room: this.id, error: String(error) }),
    );
    this.history = new RoomHistory(this.lab, this.results);
    guardConsole(this.lab, log);
    this.lab.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // The console's appends do not touch the lab: nothing to recompute.
      const tagged = origin as { kind?: string; cause?: string } | null;
      if (tagged?.kind === 'console' || (tagged?.kind === 'remote' && tagged.cause === 'console')) return;
      this.history.noteWrite(origin);
      this.labChanges++;
      if (this.ownsEngine) this.recomputer.request();
    });
    this.results.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      const tagged = origin as { kind?: string; cause?: string } | null;
      if (tagged?.kind !== 'remote' || tagged.cause !== 'engine') return;
      this.labChangesResulted = this.labChanges;
      for (const resolve of this.resultsWaiters.splice(0)) resolve();
    });
    this.recomputer.request();
  }

  /** Takes up (computing at once what changed meanwhile) or leaves the engine of the room. */
  setEngineOwner(owns: boolean): void {
    if (owns === this.ownsEngine) return;
    this.ownsEngine = owns;
    if (owns && !this.destroyed) this.recomputer.request();
  }

  get engineOwner(): boolean {
    return this.ownsEngine;
  }

  /** Runs `hook` when the room is destroyed (unloaded). */
  onDestroy(hook: () => void): void {
    this.destroyHooks.push(hook);
  }

  channel(kind: DocKind): DocChannel {
    return kind === 'lab' ? this.lab : this.results;
  }

  get connectionCount(): number {
    return this.lab.connectionCount + this.results.connectionCount;
  }

  /** Both documents as stored: the measure of the room's memory (RoomRegistry bounds the sum). */
  get bytes(): number {
    return this.lab.bytes + this.results.bytes;
  }

  get computing(): boolean {
    return this.recomputer.busy;
  }

  /** The results once every edit made so far is computed, even while edits go on. */
  async currentResults(): Promise<Results> {
    if (this.ownsEngine) await this.recomputer.whenCaughtUp();
    else await this.whenHolderResulted();
    return readResults(this.results);
  }

  /**
   * Another process computes: waits for its next results if the lab changed since its
   * last ones arrived here (at most `RELAYED_RESULTS_WAIT_MS`: while the lease moves, the
   * results as they are).
   */
  private whenHolderResulted(): Promise<void> {
    if (this.labChangesResulted >= this.labChanges || this.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, RELAYED_RESULTS_WAIT_MS);
      this.resultsWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  whenIdle(): Promise<void> {
    return this.recomputer.whenIdle();
  }

  destroy(event?: CloseEvent): void {
    this.destroyed = true;
    for (const hook of this.destroyHooks.splice(0)) hook();
    for (const resolve of this.resultsWaiters.splice(0)) resolve();
    this.recomputer.stop();
    this.history.destroy();
    this.lab.destroy(event);
    this.results.destroy(event);
  }

  /**
   * Never throws: reading the lab, the engine and its worker each fail into an
   * `engine-failed` diagnostic, so results never stay stale as if current.
   */
  private async compute(): Promise<void> {
    // The lease may have moved since this run was scheduled: its holder computes.
    if (!this.ownsEngine) return;
    const started = performance.now();
    const authors = this.history.takeAuthors();
    let lab: JsonObject | null = null;
    let sections: ResultsSections;
    try {
      lab = readLab(this.lab.doc);
      sections = await this.options.evaluate(lab);
    } catch (error) {
      this.options.log('computation-failed', { room: this.id, error: String(error) });
      sections = engineFailure(error instanceof Error ? error.message : String(error));
    }
    // Lost the lease while computing: stop at once, the new holder writes.
    if (this.destroyed || !this.ownsEngine) return;
    this.computations++;
    const revision = writeResults(this.results, budgetSections(sections));
    if (lab) this.history.record({ lab, matrix: sections.matrix, revision }, authors);
    this.lastComputeMs = performance.now() - started;
    if (this.lastComputeMs > 50) {
      this.options.log('slow-computation', { room: this.id, ms: Math.round(this.lastComputeMs), revision });
    }
  }
}
