/**
 * A room: its lab document (clients write), its results document (the engine writes,
 * clients read) and the engine run that keeps the second up to date with the first.
 */
import {
  type JsonObject,
  LabReader,
  machineCount,
  RESULTS_DOC_SUFFIX,
  repairConcurrentWrites,
} from '@vnetlab/shared';
import type * as Y from 'yjs';
import { guardConsole } from '../console/consoleGuard';
import { type ComputationListener, type ComputationTiming, wallClockMs } from '../engine/computationTiming';
import { type Evaluate, type EvaluateTrace, engineFailure, type ResultsSections } from '../engine/evaluate';
import { Recomputer } from '../engine/Recomputer';
import { budgetAndEncode } from '../engine/resultsBudget';
import { type Results, readResults, writeResults } from '../engine/resultsWriter';
import { TextOnlyEdits } from '../engine/textOnlyEdits';
import { RoomHistory } from '../history/RoomHistory';
import { type Logger, withFields } from '../log';
import type { DocStore, StoredDoc } from '../store/types';
import type { CloseEvent } from './closeCodes';
import { DocChannel, HEAVY_UPDATE_BYTES } from './DocChannel';
import { heavyTurn } from './heavyTurns';
import { withLabLimits } from './labLimitsGuard';
import type { Limits, Origin, WriteGuard } from './types';

export type DocKind = 'lab' | 'results';

/** The store's name of a room's results document. */
export const resultsDocOf = (room: string): string => `${room}${RESULTS_DOC_SUFFIX}`;

/** How long a process that does not hold the room's engine waits for the holder's results. */
export const RELAYED_RESULTS_WAIT_MS = 5000;

/**
 * Past this many machines a computation's read and write wait for a heavy turn: a
 * 1,000-VM lab's first read took 26 ms, its results' write 17 ms (profiled, loaded).
 */
const HEAVY_MACHINES = 50;

/**
 * Machines are not all a read costs: a lab of 9,000 unknown keys has none, yet its
 * first read took 15 ms and its diagnostics' write as long again (profiled, loaded). A
 * lab stored in more bytes than a heavy update carries waits its turns too; a
 * classroom's lab (a few kilobytes, its log compacted) never does.
 */
const HEAVY_LAB_BYTES = HEAVY_UPDATE_BYTES;

/** Whether a computation of `room`'s lab reads and writes in heavy turns of their own. */
export function computesHeavily(room: Pick<Room, 'lab'>): boolean {
  return machineCount(room.lab.doc) > HEAVY_MACHINES || room.lab.bytes > HEAVY_LAB_BYTES;
}

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
  /** Both documents as stored (the registry loads them before the room is built). */
  readonly stored?: { readonly lab: StoredDoc; readonly results: StoredDoc };
  /** The stored lab already applied, in turns (a heavy lab: storedUpdates.ts). */
  readonly builtLab?: Y.Doc;
  readonly writeGuard?: WriteGuard;
}

export class Room {
  readonly id: string;
  readonly lab: DocChannel;
  readonly results: DocChannel;
  private readonly recomputer: Recomputer;
  private readonly history: RoomHistory;
  /** The lab as JSON, read again only where it changed (a 1,000-VM lab costs 60–130 ms whole). */
  private readonly labReader: LabReader;
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
  /** When the oldest edit not yet covered by a computation arrived (wall clock). */
  private oldestEdit: number | undefined;
  /** Carried from one computation to the next: what the engine cost last time, and its last answer. */
  private readonly trace: EvaluateTrace = { memo: {} };
  /** The last lab computed and its sections: an edit of its texts only is answered with them. */
  private readonly textOnly = new TextOnlyEdits();
  /** The last sections budgeted, and the budget's answer: the engine's memo hands the same object back. */
  private lastBudgeted:
    | { sections: ResultsSections; budgeted: ReturnType<typeof budgetAndEncode> }
    | undefined;
  private readonly computationListeners = new Set<ComputationListener>();
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
    const { store, limits } = options;
    // Every line its documents and guards log names the room.
    const log = withFields(options.log, { room: options.id });
    const onStoreFailure = options.onStoreFailure;
    this.lab = new DocChannel({
      name: options.labDoc ?? this.id,
      store,
      stored: options.stored?.lab,
      ...(options.builtLab && { built: options.builtLab }),
      writable: true,
      limits,
      log,
      onStoreFailure,
      // Counts (VMs, adapters, networks …) hold after every update, not only within one.
      writeGuard: withLabLimits(options.writeGuard, {
        limits: limits.lab,
        log,
        doc: options.labDoc ?? this.id,
      }),
    });
    this.results = new DocChannel({
      name: resultsDocOf(this.id),
      store,
      stored: options.stored?.results,
      writable: false,
      limits,
      log,
      onStoreFailure,
    });
    this.recomputer = new Recomputer(
      () => this.compute(),
      (error) => log('computation-failed', { room: this.id, error: String(error) }),
    );
    this.labReader = new LabReader(this.lab.doc);
    this.history = new RoomHistory(this.lab, this.results);
    guardConsole(this.lab, log);
    // Two people who create one map at once (the same `vm3`, a first port forward) both
    // keep theirs: repaired here, where every client's update arrives whoever is still
    // online, by one process (the engine's owner in cluster mode), never by the pages.
    this.destroyHooks.push(
      repairConcurrentWrites(
        this.lab.doc,
        { kind: 'repair' } satisfies Origin,
        () => this.ownsEngine,
        limits.lab,
      ),
    );
    this.lab.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // The console's appends do not touch the lab: nothing to recompute.
      const tagged = origin as { kind?: string; cause?: string } | null;
      if (tagged?.kind === 'console' || (tagged?.kind === 'remote' && tagged.cause === 'console')) return;
      this.history.noteWrite(origin);
      this.labChanges++;
      if (!this.ownsEngine) return; // the lease holder computes (cluster mode)
      this.oldestEdit ??= wallClockMs();
      this.recomputer.request();
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

  /** The lab now, as `readLab` reads it: frozen, shared with the next read where unchanged. */
  readLab(): JsonObject {
    return this.labReader.read();
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

  /** Hears where every computation's time went; returns the way to stop. */
  onComputed(listener: ComputationListener): () => void {
    this.computationListeners.add(listener);
    return () => this.computationListeners.delete(listener);
  }

  /** Resolves once both documents' last writes are done (an asynchronous store). */
  destroy(event?: CloseEvent): Promise<void> {
    this.destroyed = true;
    for (const hook of this.destroyHooks.splice(0)) hook();
    for (const resolve of this.resultsWaiters.splice(0)) resolve();
    this.recomputer.stop();
    this.history.destroy();
    this.labReader.destroy();
    return Promise.all([this.lab.destroy(event), this.results.destroy(event)]).then(() => undefined);
  }

  /**
   * Never throws: reading the lab, the engine and its worker each fail into an
   * `engine-failed` diagnostic, so results never stay stale as if current.
   */
  private async compute(): Promise<void> {
    // The lease may have moved since this run was scheduled: its holder computes.
    if (!this.ownsEngine) return;
    const started = performance.now();
    const editAt = this.oldestEdit;
    this.oldestEdit = undefined;
    const authors = this.history.takeAuthors();
    let lab: JsonObject | null = null;
    let sections: ResultsSections;
    let read = started;
    let where: ComputationTiming['where'];
    const trace = this.trace;
    trace.engineMs = undefined;
    trace.where = undefined;
    // A big lab's first read and its results' write each hold the event loop tens of
    // milliseconds: each waits its turn (heavyTurns). A classroom's lab never waits.
    const heavy = computesHeavily(this);
    try {
      if (heavy) await heavyTurn();
      if (this.destroyed || !this.ownsEngine) return;
      lab = this.labReader.read();
      read = performance.now();
      const unchanged = this.textOnly.reuse(lab);
      if (unchanged) {
        sections = unchanged;
        where = 'unchanged';
      } else {
        sections = await this.options.evaluate(lab, trace);
        this.textOnly.remember(lab, sections);
        // A computation that failed or timed out counts as costly: the next one goes to a worker.
        trace.lastEngineMs = trace.engineMs ?? Number.POSITIVE_INFINITY;
        trace.lastWhere = trace.where;
        where = trace.where;
      }
    } catch (error) {
      this.options.log('computation-failed', { room: this.id, error: String(error) });
      sections = engineFailure(error instanceof Error ? error.message : String(error));
      trace.lastEngineMs = Number.POSITIVE_INFINITY;
      trace.lastWhere = trace.where;
      where = trace.where;
    }
    // Lost the lease while computing: stop at once, the new holder writes.
    if (this.destroyed || !this.ownsEngine) return;
    this.computations++;
    const evaluated = performance.now();
    if (heavy) await heavyTurn();
    // Over an asynchronous store the lab it read may still be being stored: its results
    // go out after it, never ahead of the change they reflect.
    const storing = this.lab.storing();
    if (storing) await storing;
    if (this.destroyed || !this.ownsEngine) return;
    const budgeted =
      this.lastBudgeted?.sections === sections ? this.lastBudgeted.budgeted : budgetAndEncode(sections);
    this.lastBudgeted = { sections, budgeted };
    const writing = performance.now();
    let revision = 0;
    // One transaction for the results and the timeline entry: one update stored, one frame per client.
    this.results.transact(
      () => {
        revision = writeResults(this.results, budgeted.sections, budgeted.json);
        if (lab) {
          const matrixJson = budgeted.json.matrix;
          this.history.record({ lab, matrix: sections.matrix, matrixJson, revision }, authors);
        }
      },
      { kind: 'engine' },
    );
    const written = performance.now();
    this.lastComputeMs = written - started;
    if (this.lastComputeMs > 50) {
      this.options.log('slow-computation', { room: this.id, ms: Math.round(this.lastComputeMs), revision });
    }
    if (this.computationListeners.size === 0) return;
    const now = wallClockMs();
    const timing = {
      room: this.id,
      revision,
      editAt,
      queuedMs: editAt === undefined ? undefined : now - (written - started) - editAt,
      readMs: read - started,
      evaluateMs: evaluated - read,
      engineMs: where === 'unchanged' ? undefined : trace.engineMs,
      where,
      budgetMs: writing - evaluated,
      writeMs: written - writing,
      editToResultsMs: editAt === undefined ? undefined : now - editAt,
    };
    for (const listener of this.computationListeners) listener(timing);
  }
}
