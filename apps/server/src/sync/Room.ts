/**
 * A room: its lab document (clients write), its results document (the engine writes,
 * clients read) and the engine run that keeps the second up to date with the first.
 */
import { type JsonObject, RESULTS_DOC_SUFFIX } from '@vnetlab/shared';
import { guardConsole } from '../console/consoleGuard';
import { type ComputationListener, wallClockMs } from '../engine/computationTiming';
import { type Evaluate, type EvaluateTrace, engineFailure, type ResultsSections } from '../engine/evaluate';
import { LabReader } from '../engine/labReader';
import { Recomputer } from '../engine/Recomputer';
import { budgetAndEncode } from '../engine/resultsBudget';
import { type Results, readResults, writeResults } from '../engine/resultsWriter';
import { RoomHistory } from '../history/RoomHistory';
import { type Logger, withFields } from '../log';
import type { DocStore, StoredDoc } from '../store/types';
import type { CloseEvent } from './closeCodes';
import { DocChannel } from './DocChannel';
import { withLabLimits } from './labLimitsGuard';
import type { Limits, WriteGuard } from './types';

export type DocKind = 'lab' | 'results';

/** The store's name of a room's results document. */
export const resultsDocOf = (room: string): string => `${room}${RESULTS_DOC_SUFFIX}`;

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
  readonly writeGuard?: WriteGuard;
}

export class Room {
  readonly id: string;
  readonly lab: DocChannel;
  readonly results: DocChannel;
  private readonly recomputer: Recomputer;
  private readonly history: RoomHistory;
  /** The lab as JSON for each computation, read again only where it changed. */
  private readonly labReader: LabReader;
  private destroyed = false;
  /** Milliseconds per computation, the last one. */
  lastComputeMs = 0;
  /** When the oldest edit not yet covered by a computation arrived (wall clock). */
  private oldestEdit: number | undefined;
  /** Carried from one computation to the next: what the engine cost last time. */
  private readonly trace: EvaluateTrace = {};
  private readonly computationListeners = new Set<ComputationListener>();

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
    this.history = new RoomHistory(this.lab, this.results);
    this.labReader = new LabReader(this.lab.doc);
    guardConsole(this.lab, log);
    this.lab.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // The console's appends do not touch the lab: nothing to recompute.
      if ((origin as { kind?: string } | null)?.kind === 'console') return;
      this.history.noteWrite(origin);
      this.oldestEdit ??= wallClockMs();
      this.recomputer.request();
    });
    this.recomputer.request();
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
    await this.recomputer.whenCaughtUp();
    return readResults(this.results);
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
    const started = performance.now();
    const editAt = this.oldestEdit;
    this.oldestEdit = undefined;
    const authors = this.history.takeAuthors();
    let lab: JsonObject | null = null;
    let sections: ResultsSections;
    let read = started;
    const trace = this.trace;
    trace.engineMs = undefined;
    trace.where = undefined;
    try {
      lab = this.labReader.read();
      read = performance.now();
      sections = await this.options.evaluate(lab, trace);
    } catch (error) {
      this.options.log('computation-failed', { room: this.id, error: String(error) });
      sections = engineFailure(error instanceof Error ? error.message : String(error));
    }
    // A computation that failed or timed out counts as costly: the next one goes to a worker.
    trace.lastEngineMs = trace.engineMs ?? Number.POSITIVE_INFINITY;
    trace.lastWhere = trace.where;
    if (this.destroyed) return;
    const evaluated = performance.now();
    const budgeted = budgetAndEncode(sections);
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
      engineMs: trace.engineMs,
      where: trace.where,
      budgetMs: writing - evaluated,
      writeMs: written - writing,
      editToResultsMs: editAt === undefined ? undefined : now - editAt,
    };
    for (const listener of this.computationListeners) listener(timing);
  }
}
