/**
 * One Y.Doc served over the y-websocket protocol to the connections of a room: sync,
 * awareness, persistence and limits. The lab document is writable by clients; the
 * results document is not (a client's update there is neither applied nor relayed:
 * nothing of it reaches anyone, so no one waits for it).
 *
 * The way of an update: every change of the doc, whoever made it, goes through the
 * doc's `update` event, which appends it to the store and only then relays it. A
 * client's update is applied in one transaction with whatever the write guards undo of
 * it, so what is stored is the update as compensated, in one append (a crash never
 * leaves a hostile change on disk without its undoing). Over an asynchronous store
 * (PostgreSQL) the frames of the document's clients are handled one at a time, in
 * arrival order (a SerialQueue), each once the append of the one before has resolved;
 * every change is relayed once its append has resolved (a WriteChain), and an answer
 * with the document's state waits for those. Over SQLite all of it happens at once.
 *
 * What a client may write: no update with a gap (Yjs would keep it pending, unstored and
 * unbounded; the client is asked to resend instead), and no new clocks under a client id
 * another live connection (or the server itself) owns.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocStore, StoredDoc } from '../store/types';
import { AwarenessGate, type AwarenessStamp } from './AwarenessGate';
import { ClientOwnership } from './ClientOwnership';
import {
  ClientIdInUse,
  type CloseEvent,
  DocumentTooLarge,
  InvalidMessage,
  LabLimitExceeded,
  MessageTooBig,
  StoreBacklog,
  TooManyMessages,
  UnsupportedData,
} from './closeCodes';
import { HEAVY_UPDATE_BYTES, heavyTurn } from './heavyTurns';
import { type DecodedUpdate, dropPending, inspectUpdate } from './inspectUpdate';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';
import { pruneDeepTypes } from './pruneDeepTypes';
import { SerialQueue } from './SerialQueue';
import { loadStored } from './storedUpdates';
import { TokenBucket } from './TokenBucket';
import { type Connection, closeWith, type Limits, type Origin, type WriteGuard } from './types';
import { checkUpdateLimits, precheckUpdate } from './updateLimits';
import { WriteChain } from './WriteChain';

export interface DocChannelOptions {
  readonly name: string;
  readonly store: DocStore;
  /** The document as stored (loaded by the room registry); absent, it is loaded now from a synchronous store. */
  readonly stored?: StoredDoc;
  /** `stored` already applied to a fresh doc, in turns (a heavy document: storedUpdates.ts). */
  readonly built?: Y.Doc;
  readonly writable: boolean;
  readonly limits: Limits;
  readonly log: Logger;
  /**
   * The store refused to append a change: it is in memory only, so it must reach no
   * one. The owner unloads the room; clients reconnect to what is on disk and their
   * own copies resend what was lost.
   */
  readonly onStoreFailure?: (error: unknown) => void;
  /** Who may change what (class rooms): see `WriteGuard`. */
  readonly writeGuard?: WriteGuard;
}

/** Why a connection is closed: a value, logged and sent as the close code. */
interface Rejection {
  readonly event: CloseEvent;
  readonly detail?: string;
}

interface PeerState {
  /** Every message. */
  readonly messages: TokenBucket;
  /** Frames waiting in the queue (asynchronous store), and their bytes. */
  queued: number;
  queuedBytes: number;
  /** Sync step 1 and query awareness, each answered with the whole state. */
  readonly stateRequests: TokenBucket;
  /** Some of the document was kept from it (`withheldFrom`): it gets the whole state once that ends. */
  held: boolean;
}

/** What a sync step 2 carries when nothing may be sent: the client counts as synced, and has nothing. */
const NOTHING = (() => {
  const empty = new Y.Doc();
  const update = Y.encodeStateAsUpdate(empty);
  empty.destroy();
  return update;
})();

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/**
 * How one connection sees an awareness state (a class's anonymized stage hides names);
 * `speaker`: the connection that published it.
 */
export type AwarenessView = (
  clientID: number,
  state: Record<string, unknown>,
  speaker: Connection | undefined,
) => Record<string, unknown>;

/** An update past this many bytes is checked and applied in turns of their own (heavyTurns). */
export { HEAVY_UPDATE_BYTES } from './heavyTurns';

/** Set in the meta of a client's transaction when its guard undid some of it. */
const COMPENSATED = Symbol('compensated');

/** Frames one connection may have waiting (for the store, or behind a heavy update). */
export const MAX_QUEUED_FRAMES = 256;

type Outcome = Rejection | undefined | Promise<Rejection | undefined>;

/** Where a document's changes go besides this process's connections: the other processes. */
export interface FanOut {
  /** A change made or accepted here, stored: `origin` as it was applied here. */
  update(update: Uint8Array, origin: unknown): void;
  /** An awareness change made here (`origin`: the connection, or null when one left). */
  awareness(update: Uint8Array, origin: unknown): void;
}

type RemoteOrigin = Extract<Origin, { kind: 'remote' }>;

export class DocChannel {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Each connection and its budgets. */
  private readonly connections = new Map<Connection, PeerState>();
  /** Who writes under each Yjs client id; the server's own id is reserved. */
  private readonly writers = new ClientOwnership<Connection>();
  private readonly awarenessGate: AwarenessGate<Connection>;
  private storedBytes = 0;
  private loggedUpdates = 0;
  private loggedBytes = 0;
  private compactionScheduled = false;
  private destroyed = false;
  /** Set by a class room: what of a connection's awareness state its token decides (AwarenessGate). */
  awarenessStamp: AwarenessStamp<Connection> | undefined;
  /** Set by a class room: the view of awareness a connection gets, or undefined for the states as they are. */
  awarenessView: ((connection: Connection) => AwarenessView | undefined) | undefined;
  /**
   * Set by a class room: whether a connection gets none of the document now (a student's
   * results while a prediction round is open, CLASS-14). Its sync is answered with nothing
   * and no change reaches it; `releaseWithheld` sends it the whole state once this says no.
   * Awareness still flows.
   */
  withheldFrom: ((connection: Connection) => boolean) | undefined;

  /** The clients' frames, in arrival order (handled at once while none waits)... */
  private readonly frames: SerialQueue;
  /** ...and the appends, each relayed once stored. */
  private readonly writes?: WriteChain;
  /** Set in cluster mode (cluster/Cluster.ts): every change stored here reaches the other processes. */
  fanOut: FanOut | undefined;

  constructor(private readonly options: DocChannelOptions) {
    this.name = options.name;
    this.frames = new SerialQueue((error) =>
      options.log('frame-failed', { doc: this.name, error: String(error) }),
    );
    if (options.store.asynchronous) this.writes = new WriteChain((error) => this.failStore(error));
    const stored = options.stored ?? loadNow(options.store, this.name);
    this.doc = options.built ?? new Y.Doc();
    if (!options.built) loadStored(this.doc, stored, this.name, options.log);
    if (dropPending(this.doc)) options.log('pending-dropped', { doc: this.name, from: 'load' });
    this.storedBytes = stored.bytes;
    this.loggedUpdates = stored.updates.length;
    this.doc.on('update', this.onDocUpdate);
    // After the update handler: what is cut is stored like any change.
    const pruned = pruneDeepTypes(this.doc, { kind: 'load' } satisfies Origin);
    if (pruned > 0) options.log('deep-types-pruned', { doc: this.name, types: pruned });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.awarenessGate = new AwarenessGate(this.awareness, options.limits, () => this.awarenessStamp);
    this.writers.reserve(this.doc.clientID);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** The document's size as stored (snapshot and log): what its room costs, measured. */
  get bytes(): number {
    return this.storedBytes;
  }

  /** The connections now open. */
  get peers(): Connection[] {
    return [...this.connections.keys()];
  }

  connect(connection: Connection): void {
    const limits = this.options.limits;
    this.connections.set(connection, {
      queued: 0,
      queuedBytes: 0,
      messages: new TokenBucket(limits.maxMessageBurst, limits.maxMessagesPerSecond),
      stateRequests: new TokenBucket(limits.maxStateRequestBurst, limits.maxStateRequestsPerSecond),
      held: false,
    });
    this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) this.send(connection, this.awarenessFrame(connection, [...states.keys()]));
  }

  /** Each awareness state with the connection that speaks for it (who has which VM open). */
  awarenessByConnection(): { connection: Connection; state: Record<string, unknown> }[] {
    const found: { connection: Connection; state: Record<string, unknown> }[] = [];
    for (const [id, state] of this.awareness.getStates()) {
      const connection = this.awarenessGate.speakerOf(id);
      if (connection) found.push({ connection, state });
    }
    return found;
  }

  /** Forgets a connection: its client ids are free again, its awareness states removed. */
  disconnect(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.writers.releaseAll(connection);
    this.awarenessGate.leave(connection);
  }

  /** Handles one frame; a connection that was closed or left is not heard any more. */
  receive(connection: Connection, data: Uint8Array | string): void {
    const peer = this.connections.get(connection);
    if (!peer) return;
    // Yjs spends a step per client id of the document on every transaction (~3.5 µs each,
    // measured), so a message costs more in a document of many ids.
    const cost = 1 + Math.floor(this.doc.store.clients.size / 100);
    if (!peer.messages.take(performance.now(), cost)) {
      this.reject(connection, { event: TooManyMessages });
    } else {
      this.enqueue(this.frames, connection, peer, data);
    }
  }

  /**
   * The frame waits its turn behind the document's earlier ones (which wait for the
   * store, or a heavy update for its turn); while none waits it is handled at once.
   */
  private enqueue(frames: SerialQueue, connection: Connection, peer: PeerState, data: Uint8Array | string) {
    const bytes = typeof data === 'string' ? data.length : data.byteLength;
    if (
      peer.queued >= MAX_QUEUED_FRAMES ||
      peer.queuedBytes + bytes > 2 * this.options.limits.maxMessageBytes
    ) {
      this.reject(connection, { event: StoreBacklog, detail: `${peer.queued} frames waiting` });
      return;
    }
    peer.queued++;
    peer.queuedBytes += bytes;
    frames.push(() => {
      peer.queued--;
      peer.queuedBytes -= bytes;
      if (!this.connections.has(connection) || this.destroyed) return;
      const outcome = this.handle(connection, peer, data);
      if (!(outcome instanceof Promise)) {
        if (outcome) this.reject(connection, outcome);
        return;
      }
      return outcome.then((rejection) => {
        if (rejection && this.connections.has(connection)) this.reject(connection, rejection);
      });
    });
  }

  /**
   * Resolves once every change made so far is stored (and relayed); undefined when there
   * is nothing to wait for (always, over a synchronous store).
   */
  storing(): Promise<void> | undefined {
    return this.writes?.busy ? this.writes.settled() : undefined;
  }

  /** Applies a server-side change (engine, API) in one transaction with its origin. */
  transact(fn: () => void, origin: Origin): void {
    this.doc.transact(fn, origin);
  }

  /**
   * Applies a change another process made and stored: relayed to this process's
   * connections, neither stored nor published again. Returns false if Yjs holds part of
   * it back (it depends on a change not seen here yet): the caller catches up from the store.
   */
  applyRemote(update: Uint8Array, origin: RemoteOrigin): boolean {
    if (this.destroyed) return true;
    Y.applyUpdate(this.doc, update, origin);
    return !dropPending(this.doc);
  }

  /** Applies what the store holds now (idempotent): what this process may have missed. */
  async catchUp(origin: RemoteOrigin): Promise<void> {
    const stored = await this.options.store.load(this.name);
    if (this.destroyed) return;
    this.doc.transact(() => {
      for (const update of stored.updates) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch {
          // Skipped at load too (see the constructor): nothing more to do with it here.
        }
      }
    }, origin);
    dropPending(this.doc);
  }

  /** Applies another process's awareness change; relayed here, not published again. */
  applyRemoteAwareness(update: Uint8Array, origin: RemoteOrigin): void {
    if (this.destroyed) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
  }

  /**
   * Removes states another process relayed, of clients of a process now gone (cluster
   * mode: it died without removing them); a state a connection here speaks for stays
   * (its client reconnected here). Relayed here, not published again.
   */
  forgetRemoteAwareness(ids: readonly number[], origin: RemoteOrigin): void {
    if (this.destroyed) return;
    const gone = ids.filter((id) => this.awareness.states.has(id) && !this.awarenessGate.speakerOf(id));
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, origin);
  }

  /**
   * Writes the whole state as the stored snapshot, replacing the log. Over an
   * asynchronous store it is one more write of the chain (a failure stops the chain).
   */
  compact(): void {
    if (this.storeFailed) return; // the document holds what the store refused: never snapshot it
    if (this.destroyed || this.loggedUpdates <= 1) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    if (this.writes) this.writes.add(() => this.options.store.compact(this.name, snapshot));
    else this.options.store.compact(this.name, snapshot);
    this.storedBytes = snapshot.byteLength;
    this.loggedUpdates = 1;
    this.loggedBytes = 0;
  }

  /**
   * Closes every connection with `event`, compacts, frees the doc. Resolves once the
   * document's writes are done (an asynchronous store), so the store closes after them.
   */
  destroy(event?: { code: number; reason: string }): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.frames.clear();
    for (const connection of [...this.connections.keys()]) {
      if (event) closeWith(connection, event);
      this.disconnect(connection);
    }
    this.compact();
    this.destroyed = true;
    this.awareness.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
    return this.writes?.settled() ?? Promise.resolve();
  }

  /**
   * Handles one frame; what is wrong with it, if anything, is the value returned. Over
   * a synchronous store it never is a Promise.
   */
  private handle(connection: Connection, peer: PeerState, data: Uint8Array | string): Outcome {
    if (typeof data === 'string') return { event: UnsupportedData };
    if (data.byteLength > this.options.limits.maxMessageBytes) {
      return { event: MessageTooBig, detail: `${data.byteLength} bytes` };
    }
    const message = decodeMessage(data);
    if ((message.type === 'sync-step1' || message.type === 'query-awareness') && !peer.stateRequests.take()) {
      return { event: TooManyMessages, detail: `too many ${message.type}` };
    }
    switch (message.type) {
      case 'sync-step1': {
        // The state holds server-side changes still being stored: answer once they are.
        const { stateVector } = message;
        if (this.writes?.busy)
          return this.writes.settled().then(() => this.answerStep1(connection, stateVector));
        return this.answerStep1(connection, stateVector);
      }
      case 'sync-step2':
      case 'update':
        return this.receiveUpdate(connection, peer, message.update);
      case 'awareness':
        return this.awarenessGate.receive(connection, message.update);
      case 'query-awareness': {
        this.send(connection, this.awarenessFrame(connection, [...this.awareness.getStates().keys()]));
        return undefined;
      }
      case 'invalid':
        return { event: InvalidMessage, detail: message.reason };
      default:
        return assertNever(message);
    }
  }

  private answerStep1(connection: Connection, stateVector: Uint8Array): Rejection | undefined {
    if (this.destroyed || !this.connections.has(connection)) return undefined;
    if (this.withholds(connection)) {
      this.send(connection, encodeSyncStep2(NOTHING));
      return undefined;
    }
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch (error) {
      return { event: InvalidMessage, detail: `bad state vector: ${String(error)}` };
    }
    this.send(connection, encodeSyncStep2(update));
    return undefined;
  }

  private receiveUpdate(connection: Connection, peer: PeerState, update: Uint8Array): Outcome {
    if (!this.options.writable) return undefined;
    if (update.byteLength <= HEAVY_UPDATE_BYTES) {
      const checked = this.checkUpdate(connection, peer, update);
      return checked.kind === 'checked'
        ? this.applyChecked(connection, update, checked.guarded)
        : checked.outcome;
    }
    return this.receiveHeavyUpdate(connection, peer, update);
  }

  /**
   * A document's worth of update (a 9,000-key write, a first sync of a big lab): decoding
   * and checking it, then applying it (with its append and relay), each hold the thread
   * tens of milliseconds, so each waits its own turn (heavyTurns) and other rooms' frames
   * are read between them. The document's later frames wait behind it (the SerialQueue).
   */
  private async receiveHeavyUpdate(connection: Connection, peer: PeerState, update: Uint8Array) {
    await heavyTurn();
    if (this.destroyed || !this.connections.has(connection)) return undefined;
    const checked = this.checkUpdate(connection, peer, update);
    if (checked.kind !== 'checked') return checked.outcome;
    await heavyTurn();
    if (this.destroyed || !this.connections.has(connection)) return undefined;
    return this.applyChecked(connection, update, checked.guarded);
  }

  /** Whether a client's update may be applied, read before it is: its inspection, the guard, the limits. */
  private checkUpdate(
    connection: Connection,
    peer: PeerState,
    update: Uint8Array,
  ): { kind: 'checked'; guarded: ReturnType<WriteGuard> | undefined } | { kind: 'done'; outcome: Outcome } {
    const done = (outcome: Outcome) => ({ kind: 'done' as const, outcome });
    const early = precheckUpdate(update, this.options.limits);
    if (early) return done({ event: LabLimitExceeded, detail: early });
    let decoded: DecodedUpdate;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (error) {
      // A value nested past what lib0 can decode lands here too (a RangeError): refused, not thrown.
      return done({ event: InvalidMessage, detail: `bad update: ${String(error)}` });
    }
    const inspection = inspectUpdate(decoded, this.doc);
    if (inspection.kind === 'gap') {
      // Not applied (Yjs would keep it pending): the client resends from what we have.
      // The answer is the whole state vector, so it costs a state request.
      if (!peer.stateRequests.take())
        return done({ event: TooManyMessages, detail: 'too many updates with gaps' });
      this.options.log('update-gap', { doc: this.name, conn: connection.id, ...inspection });
      this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
      return done(undefined);
    }
    for (const clientID of inspection.writes) {
      if (!this.writers.claim(clientID, connection)) {
        return done({ event: ClientIdInUse, detail: `client id ${clientID}` });
      }
    }
    // The guard before the limits: an update it refuses (a document of an earlier
    // generation, whose old ids alone may cross the id cap) is closed with its own reason.
    const guarded = this.options.writeGuard?.(connection, this.doc, inspection.writes);
    if (guarded?.kind === 'refuse') return done({ event: guarded.event, detail: guarded.detail });
    const crossed = checkUpdateLimits(decoded, this.doc, this.options.limits.lab, this.options.limits);
    if (crossed) return done({ event: LabLimitExceeded, detail: crossed });
    return { kind: 'checked', guarded };
  }

  /** A checked update: the document's size, then applied, stored and relayed. */
  private applyChecked(
    connection: Connection,
    update: Uint8Array,
    guarded: ReturnType<WriteGuard> | undefined,
  ): Outcome {
    const { maxDocBytes } = this.options.limits;
    if (this.storedBytes + update.byteLength > maxDocBytes) {
      // Measure exactly: the document as a snapshot, and only what the update adds to
      // it (a reconnecting client's sync step 2 is mostly what the server already has).
      this.compact();
      const added = Y.diffUpdate(update, Y.encodeStateVector(this.doc)).byteLength;
      if (this.storedBytes + added > maxDocBytes) {
        return { event: DocumentTooLarge, detail: `${this.storedBytes} + ${added} bytes` };
      }
    }
    const rejection = this.apply(connection, update, guarded);
    // Over an asynchronous store the next frame waits for this one's append: what waits
    // for the store stays bounded by the frames' backlog (MAX_QUEUED_FRAMES).
    const storing = rejection ? undefined : this.storing();
    return storing ? storing.then(() => undefined) : rejection;
  }

  /**
   * Applies a client's update and settles its guard in one transaction: the document's
   * `update` event then carries the update as compensated, stored in one append.
   */
  private apply(
    connection: Connection,
    update: Uint8Array,
    guarded: ReturnType<WriteGuard> | undefined,
  ): Rejection | undefined {
    const origin: Origin = connection.principal
      ? { kind: 'client', connId: connection.id, principal: connection.principal }
      : { kind: 'client', connId: connection.id };
    let failed: unknown;
    this.doc.transact((transaction) => {
      if (guarded?.kind === 'apply') guarded.beforeApply?.();
      try {
        Y.applyUpdate(this.doc, update, origin);
      } catch (error) {
        // Whatever part of it was applied is still settled (and compensated) below.
        failed = error;
      }
      if (guarded?.kind === 'apply' && guarded.settle?.() === true) transaction.meta.set(COMPENSATED, true);
    }, origin);
    if (dropPending(this.doc) && failed === undefined) {
      this.options.log('pending-dropped', { doc: this.name, conn: connection.id });
      // What it depends on is not here yet (or never will be): ask for it again.
      this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    }
    if (failed !== undefined)
      return { event: InvalidMessage, detail: `update failed to apply: ${String(failed)}` };
    return undefined;
  }

  /** Set once the store refused an append: nothing more is stored or relayed. */
  private storeFailed = false;

  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (this.storeFailed) return;
    // A client's update goes to everyone but its author, unless the server undid some of
    // it: then the author gets the undoing too.
    const from =
      isClientOrigin(origin) && transaction.meta.get(COMPENSATED) !== true ? origin.connId : undefined;
    if (isRemoteOrigin(origin)) {
      // Another process stored it and published it: relayed here, counted in the
      // document's size (not in this process's log), never stored or published again.
      this.storedBytes += update.byteLength;
      this.sendToAll(encodeUpdate(update), undefined);
      return;
    }
    if (this.writes) {
      // In memory now, relayed once stored.
      this.writes.add(
        () => this.options.store.append(this.name, update),
        () => this.relay(update, from, origin),
      );
      return;
    }
    try {
      this.options.store.append(this.name, update);
    } catch (error) {
      this.failStore(error);
      return;
    }
    this.relay(update, from, origin);
  };

  /**
   * A stored change: counted towards compaction, sent to every connection but its
   * author and, in cluster mode, published to the other processes.
   */
  private relay(update: Uint8Array, from: string | undefined, origin: unknown): void {
    this.storedBytes += update.byteLength;
    this.loggedUpdates += 1;
    this.loggedBytes += update.byteLength;
    this.sendToAll(encodeUpdate(update), from);
    this.fanOut?.update(update, origin);
    this.scheduleCompaction();
  }

  /** A change of the document, to every connection but its author and those it is withheld from. */
  private sendToAll(frame: Uint8Array, except: string | undefined): void {
    for (const connection of this.connections.keys()) {
      if (connection.id !== except && !this.withholds(connection)) this.send(connection, frame);
    }
  }

  /** Whether the document is kept from `connection` now (noted, so it is sent once that ends). */
  private withholds(connection: Connection): boolean {
    if (!this.withheldFrom?.(connection)) return false;
    const peer = this.connections.get(connection);
    if (peer) peer.held = true;
    return true;
  }

  /**
   * Sends the whole document to each connection it was kept from and is not any more (the
   * round revealed). Changes still being stored go first (as a sync answer waits for them).
   */
  releaseWithheld(): void {
    if (this.destroyed) return;
    if (this.writes?.busy) {
      void this.writes.settled().then(() => this.sendWithheld());
      return;
    }
    this.sendWithheld();
  }

  private sendWithheld(): void {
    if (this.destroyed) return;
    let frame: Uint8Array | undefined;
    for (const [connection, peer] of this.connections) {
      if (!peer.held || this.withheldFrom?.(connection)) continue;
      peer.held = false;
      // What the client has already is skipped by Yjs: the whole state is safe to send.
      frame ??= encodeUpdate(Y.encodeStateAsUpdate(this.doc));
      this.send(connection, frame);
    }
  }

  private failStore(error: unknown): void {
    if (this.storeFailed) return;
    this.storeFailed = true;
    this.frames.clear();
    this.options.log('store-append-failed', { doc: this.name, error: String(error) });
    this.options.onStoreFailure?.(error);
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: AwarenessChange,
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const frame = encodeAwareness(update);
    for (const connection of this.connections.keys())
      this.send(connection, this.awarenessFrame(connection, changed, frame));
    // The states as they are (each process applies its own connections' views): only what
    // a connection said (or left) travels; states that time out go everywhere by themselves.
    if (!isRemoteOrigin(origin) && origin !== 'timeout') this.fanOut?.awareness(update, origin);
  };

  /** The awareness of `clients` as `connection` may see it (`plain`: the frame for everyone). */
  private awarenessFrame(connection: Connection, clients: number[], plain?: Uint8Array): Uint8Array {
    const view = this.awarenessView?.(connection);
    if (!view)
      return plain ?? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    const states = new Map<number, Record<string, unknown>>();
    for (const id of clients) {
      const state = this.awareness.states.get(id);
      if (state) states.set(id, view(id, state, this.awarenessGate.speakerOf(id)));
    }
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients, states));
  }

  private scheduleCompaction(): void {
    const { compactAfterUpdates, compactAfterBytes } = this.options.limits;
    if (this.compactionScheduled) return;
    if (this.loggedUpdates < compactAfterUpdates && this.loggedBytes < compactAfterBytes) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      this.compactionScheduled = false;
      this.compact();
    });
  }

  private send(connection: Connection, frame: Uint8Array): void {
    try {
      connection.socket.send(frame);
    } catch (error) {
      this.options.log('send-failed', { doc: this.name, conn: connection.id, error: String(error) });
      this.disconnect(connection);
    }
  }

  private reject(connection: Connection, { event, detail }: Rejection): void {
    this.options.log('connection-closed', {
      doc: this.name,
      conn: connection.id,
      remote: connection.remote,
      code: event.code,
      reason: event.reason,
      detail,
    });
    closeWith(connection, event);
    this.disconnect(connection);
  }
}

function loadNow(store: DocStore, name: string): StoredDoc {
  const stored = store.load(name);
  if (stored instanceof Promise) throw new Error('an asynchronous store: load the document first');
  return stored;
}

function isClientOrigin(origin: unknown): origin is Extract<Origin, { kind: 'client' }> {
  return typeof origin === 'object' && origin !== null && (origin as Origin).kind === 'client';
}

function isRemoteOrigin(origin: unknown): origin is RemoteOrigin {
  return typeof origin === 'object' && origin !== null && (origin as Origin).kind === 'remote';
}

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
