/**
 * One Y.Doc served over the y-websocket protocol to the connections of a room: sync,
 * awareness, persistence and limits. The lab document is writable by clients; the
 * results document is not (a client's update there is neither applied nor relayed:
 * nothing of it reaches anyone, so no one waits for it).
 *
 * The way of an update: every change of the doc, whoever made it, goes through the
 * doc's `update` event, which appends it to the store and only then relays it.
 *
 * What a client may write: no update with a gap (Yjs would keep it pending, unstored and
 * unbounded; the client is asked to resend instead), and no new clocks under a client id
 * another live connection (or the server itself) owns.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocStore } from '../store/types';
import { AwarenessGate } from './AwarenessGate';
import { ClientOwnership } from './ClientOwnership';
import {
  ClientIdInUse,
  type CloseEvent,
  DocumentTooLarge,
  InvalidMessage,
  LabLimitExceeded,
  MessageTooBig,
  TooManyMessages,
  UnsupportedData,
} from './closeCodes';
import { type DecodedUpdate, dropPending, inspectUpdate } from './inspectUpdate';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';
import { pruneDeepTypes } from './pruneDeepTypes';
import { TokenBucket } from './TokenBucket';
import { type Connection, closeWith, type Limits, type Origin, type WriteGuard } from './types';
import { checkUpdateLimits } from './updateLimits';

export interface DocChannelOptions {
  readonly name: string;
  readonly store: DocStore;
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
  /** Sync step 1 and query awareness, each answered with the whole state. */
  readonly stateRequests: TokenBucket;
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

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
  readonly doc = new Y.Doc();
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
  /** Set in cluster mode (cluster/RoomBus.ts): every change made here reaches the other processes. */
  fanOut: FanOut | undefined;

  constructor(private readonly options: DocChannelOptions) {
    this.name = options.name;
    const stored = options.store.load(this.name);
    this.doc.transact(
      () => {
        for (const update of stored.updates) {
          try {
            Y.applyUpdate(this.doc, update);
          } catch (error) {
            // Older data no client could send now (say, a value nested past what decodes):
            // the room loads without it rather than not at all.
            options.log('stored-update-skipped', {
              doc: this.name,
              bytes: update.byteLength,
              error: String(error),
            });
          }
        }
      },
      { kind: 'load' } satisfies Origin,
    );
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
    this.awarenessGate = new AwarenessGate(this.awareness, options.limits);
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
      messages: new TokenBucket(limits.maxMessageBurst, limits.maxMessagesPerSecond),
      stateRequests: new TokenBucket(limits.maxStateRequestBurst, limits.maxStateRequestsPerSecond),
    });
    this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      this.send(
        connection,
        encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      );
    }
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
    const rejection = peer.messages.take(performance.now(), cost)
      ? this.handle(connection, peer, data)
      : { event: TooManyMessages };
    if (rejection) this.reject(connection, rejection);
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

  /** Writes the whole state as the stored snapshot, replacing the log. */
  compact(): void {
    if (this.storeFailed) return; // the document holds what the store refused: never snapshot it
    if (this.destroyed || this.loggedUpdates <= 1) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.options.store.compact(this.name, snapshot);
    this.storedBytes = snapshot.byteLength;
    this.loggedUpdates = 1;
    this.loggedBytes = 0;
  }

  /** Closes every connection with `event`, compacts, frees the doc. */
  destroy(event?: { code: number; reason: string }): void {
    if (this.destroyed) return;
    for (const connection of [...this.connections.keys()]) {
      if (event) closeWith(connection, event);
      this.disconnect(connection);
    }
    this.compact();
    this.destroyed = true;
    this.awareness.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }

  /** Handles one frame; what is wrong with it, if anything, is the value returned. */
  private handle(connection: Connection, peer: PeerState, data: Uint8Array | string): Rejection | undefined {
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
        let update: Uint8Array;
        try {
          update = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        } catch (error) {
          return { event: InvalidMessage, detail: `bad state vector: ${String(error)}` };
        }
        this.send(connection, encodeSyncStep2(update));
        return undefined;
      }
      case 'sync-step2':
      case 'update':
        return this.receiveUpdate(connection, peer, message.update);
      case 'awareness':
        return this.awarenessGate.receive(connection, message.update);
      case 'query-awareness': {
        const clients = [...this.awareness.getStates().keys()];
        this.send(
          connection,
          encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)),
        );
        return undefined;
      }
      case 'invalid':
        return { event: InvalidMessage, detail: message.reason };
      default:
        return assertNever(message);
    }
  }

  private receiveUpdate(connection: Connection, peer: PeerState, update: Uint8Array): Rejection | undefined {
    if (!this.options.writable) return undefined;
    let decoded: DecodedUpdate;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (error) {
      // A value nested past what lib0 can decode lands here too (a RangeError): refused, not thrown.
      return { event: InvalidMessage, detail: `bad update: ${String(error)}` };
    }
    const crossed = checkUpdateLimits(decoded, this.doc, this.options.limits.lab, this.options.limits);
    if (crossed) return { event: LabLimitExceeded, detail: crossed };
    const inspection = inspectUpdate(decoded, this.doc);
    if (inspection.kind === 'gap') {
      // Not applied (Yjs would keep it pending): the client resends from what we have.
      // The answer is the whole state vector, so it costs a state request.
      if (!peer.stateRequests.take()) return { event: TooManyMessages, detail: 'too many updates with gaps' };
      this.options.log('update-gap', { doc: this.name, conn: connection.id, ...inspection });
      this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
      return undefined;
    }
    for (const clientID of inspection.writes) {
      if (!this.writers.claim(clientID, connection)) {
        return { event: ClientIdInUse, detail: `client id ${clientID}` };
      }
    }
    const guarded = this.options.writeGuard?.(connection, this.doc, inspection.writes);
    if (guarded?.kind === 'refuse') return { event: guarded.event, detail: guarded.detail };
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
    try {
      Y.applyUpdate(this.doc, update, { kind: 'client', connId: connection.id } satisfies Origin);
    } catch (error) {
      dropPending(this.doc);
      return { event: InvalidMessage, detail: `update failed to apply: ${String(error)}` };
    }
    if (dropPending(this.doc)) {
      this.options.log('pending-dropped', { doc: this.name, conn: connection.id });
      // What it depends on is not here yet (or never will be): ask for it again.
      this.send(connection, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    }
    guarded?.settle?.();
    return undefined;
  }

  /** Set once the store refused an append: nothing more is stored or relayed. */
  private storeFailed = false;

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.storeFailed) return;
    const remote = isRemoteOrigin(origin);
    // Another process stored it already: counted in the document's size, not in our log.
    if (remote) this.storedBytes += update.byteLength;
    else {
      try {
        this.options.store.append(this.name, update);
      } catch (error) {
        this.storeFailed = true;
        this.options.log('store-append-failed', { doc: this.name, error: String(error) });
        this.options.onStoreFailure?.(error);
        return;
      }
      this.storedBytes += update.byteLength;
      this.loggedUpdates += 1;
      this.loggedBytes += update.byteLength;
    }
    const from = isClientOrigin(origin) ? origin.connId : undefined;
    const frame = encodeUpdate(update);
    for (const connection of this.connections.keys()) {
      if (connection.id !== from) this.send(connection, frame);
    }
    if (!remote) {
      this.fanOut?.update(update, origin);
      this.scheduleCompaction();
    }
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: AwarenessChange,
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const frame = encodeAwareness(update);
    for (const connection of this.connections.keys()) this.send(connection, frame);
    // States that time out go everywhere at once by themselves: only what a connection said (or left) travels.
    if (!isRemoteOrigin(origin) && origin !== 'timeout') this.fanOut?.awareness(update, origin);
  };

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

function isClientOrigin(origin: unknown): origin is Extract<Origin, { kind: 'client' }> {
  return typeof origin === 'object' && origin !== null && (origin as Origin).kind === 'client';
}

function isRemoteOrigin(origin: unknown): origin is RemoteOrigin {
  return typeof origin === 'object' && origin !== null && (origin as Origin).kind === 'remote';
}

function assertNever(value: never): never {
  throw new Error(`unexpected message ${JSON.stringify(value)}`);
}
