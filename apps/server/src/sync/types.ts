/**
 * The edges of a room: a socket that can send a frame and be closed, a connection
 * naming one, and the tagged origins of every Yjs transaction the server runs.
 */
import { LAB_LIMITS, type LabLimits } from '@vnetlab/shared';
import type { CloseEvent } from './closeCodes';

export interface SyncSocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface Connection {
  readonly id: string;
  readonly socket: SyncSocket;
  /** Where it came from, for the log. */
  readonly remote?: string;
  /** What its token lets it do (absent: `full`); a write guard acts on it. */
  readonly access?: Access;
  /** Who it is in a class (`instructor` or a member id), for presence. */
  readonly principal?: string;
}

/** `student`: writes, but locked paths are restored; `read`: every write is restored. */
export type Access = 'full' | 'student' | 'read';

/**
 * Called before a client's update is applied, with the client ids it adds clocks to:
 * refuse it (close the connection, nothing applied) or apply it. Then the update is
 * applied in one transaction with its compensation: `beforeApply` runs first in it, then
 * the update, then `settle`, which may undo part or all of it (never drop an update
 * silently) and answers true if it did. So the change stored and relayed is the update as
 * compensated, one append: no crash ever leaves the update stored without its
 * compensation, and a root the compensation collects is never written at all.
 */
export type WriteGuard = (
  connection: Connection,
  doc: import('yjs').Doc,
  writes: readonly number[],
) =>
  | { readonly kind: 'refuse'; readonly event: CloseEvent; readonly detail: string }
  | {
      readonly kind: 'apply';
      readonly beforeApply?: () => void;
      readonly settle?: () => boolean | undefined;
    };

export type Origin =
  /** `principal`: who the connection is in a class (the history names them by it, never by a name). */
  | { readonly kind: 'client'; readonly connId: string; readonly principal?: string }
  | { readonly kind: 'engine' }
  | { readonly kind: 'api' }
  | { readonly kind: 'load' }
  /** The server restoring what a client may not change (a locked path, a read-only room). */
  | { readonly kind: 'guard'; readonly connId: string }
  /**
   * The server keeping both of two concurrent creations of one map (two `vm3`s, two
   * people's first port forward): shared/yjs/concurrentWrites.ts.
   */
  | { readonly kind: 'repair' }
  /** The server appending to the room's shared console (never a lab change). */
  | { readonly kind: 'console' }
  /** A console command that changes the lab (`ip link set DEV down`), typed by `by` on `machine`. */
  | { readonly kind: 'command'; readonly by: string; readonly machine: string }
  /**
   * A change another process of the cluster made and stored (cluster/RoomBus.ts): applied
   * here, relayed to this process's clients, never stored or published again. `cause` is
   * the kind of its origin there, `author` who made it (RoomHistory's key), `id` the
   * connection that sent an awareness update (`PROCESS/CONN`).
   */
  | {
      readonly kind: 'remote';
      readonly from: string;
      readonly cause: string;
      readonly author?: string;
      readonly id?: string;
    };

export function closeWith(connection: Connection, event: CloseEvent): void {
  connection.socket.close(event.code, event.reason);
}

export interface Limits {
  /** Largest frame a client may send. */
  readonly maxMessageBytes: number;
  /** Largest a document may grow through client updates (estimated from stored bytes). */
  readonly maxDocBytes: number;
  /** Messages a connection may send at once... */
  readonly maxMessageBurst: number;
  /** ...and per second after that. */
  readonly maxMessagesPerSecond: number;
  /** Sync step 1 and query-awareness messages (each answered with the whole state) at once... */
  readonly maxStateRequestBurst: number;
  /** ...and per second after that. */
  readonly maxStateRequestsPerSecond: number;
  /** Largest awareness update a client may send. */
  readonly maxAwarenessBytes: number;
  /** Awareness client ids one connection may speak for. */
  readonly maxAwarenessClients: number;
  /** Compact a document's log into a snapshot after this many appended updates... */
  readonly compactAfterUpdates: number;
  /** ...or this many appended bytes. */
  readonly compactAfterBytes: number;
  /** What one lab may hold (shared's LAB_LIMITS), checked on every update before it is applied. */
  readonly lab: LabLimits;
  /** Root types a document may have (`lab`, `layout`, `console` …). */
  readonly maxRoots: number;
  /** Yjs client ids a document may hold: every Yjs transaction costs a step per id. */
  readonly maxClientIds: number;
  /** Sockets open at once on one room (its lab and results documents together)... */
  readonly maxSocketsPerRoom: number;
  /** ...and from one peer address (a school's NAT puts a whole class behind one). */
  readonly maxSocketsPerAddress: number;
}

export const defaultLimits: Limits = {
  // As large as a document: a client's first sync step 2 may carry all of it.
  maxMessageBytes: 8 * 1024 * 1024,
  maxDocBytes: 8 * 1024 * 1024,
  maxMessageBurst: 2000,
  maxMessagesPerSecond: 500,
  maxStateRequestBurst: 4,
  maxStateRequestsPerSecond: 1,
  maxAwarenessBytes: 64 * 1024,
  maxAwarenessClients: 4,
  compactAfterUpdates: 500,
  compactAfterBytes: 1024 * 1024,
  lab: LAB_LIMITS,
  maxRoots: 16,
  maxClientIds: 2000,
  maxSocketsPerRoom: 500,
  // A school behind one NAT: 500 students, each with the lab and the results socket.
  maxSocketsPerAddress: 1024,
};
