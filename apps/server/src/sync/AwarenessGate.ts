/**
 * What of a connection's awareness update the server applies, and what it forgets when
 * the connection leaves. A connection speaks for the awareness client ids it claims (the
 * first to send a state for an id owns it, until it removes that state or leaves), at
 * most `maxAwarenessClients` of them.
 *
 * Entries for ids another connection owns are dropped without closing (and so are, in
 * cluster mode, echoes of another process's clients, unowned here): the stock
 * y-websocket client echoes every awareness change it hears, other clients' included
 * (and tabs of one browser hear each other first over BroadcastChannel), so such
 * entries are normal; dropping them is what stops a forgery.
 *
 * A stamp (set by a class room, classes/identityStamp.ts) rewrites each state a
 * connection publishes before it is applied: the fields that say who it is are its token's.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type { AwarenessEntry } from './awarenessUpdate';
import { decodeAwarenessUpdate, encodeAwarenessEntries, isRemoval } from './awarenessUpdate';
import { ClientOwnership } from './ClientOwnership';
import { type CloseEvent, InvalidMessage, MessageTooBig } from './closeCodes';

export interface AwarenessLimits {
  readonly maxAwarenessBytes: number;
  readonly maxAwarenessClients: number;
}

/** A connection's awareness state (parsed JSON) -> the state kept and relayed. */
export type AwarenessStamp<C> = (connection: C, state: unknown) => unknown;

export type AwarenessAdmission =
  | {
      readonly kind: 'apply';
      /** The update of the kept entries, or undefined if none is kept. */
      readonly update: Uint8Array | undefined;
      /** Ids whose owner removed its state: release them once it is applied. */
      readonly released: readonly number[];
    }
  | { readonly kind: 'reject'; readonly event: CloseEvent; readonly detail: string };

/** Why a frame is refused, as DocChannel closes with it. */
export interface AwarenessRejection {
  readonly event: CloseEvent;
  readonly detail: string;
}

export class AwarenessGate<C> {
  /** Who speaks for each awareness client id. */
  private readonly speakers = new ClientOwnership<C>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly limits: AwarenessLimits,
    /** The stamp in force now, if any (read at each frame). */
    private readonly stamp: () => AwarenessStamp<C> | undefined = () => undefined,
  ) {
    this.speakers.reserve(awareness.clientID);
  }

  /** Applies what `connection` may say of `update` (origin: the connection). */
  receive(connection: C, update: Uint8Array): AwarenessRejection | undefined {
    const admission = admitAwareness(
      update,
      connection,
      this.speakers,
      this.limits,
      this.awareness.meta,
      this.stamp(),
    );
    if (admission.kind === 'reject') return admission;
    if (admission.update) {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, admission.update, connection);
      } catch (error) {
        return { event: InvalidMessage, detail: `bad awareness update: ${String(error)}` };
      }
    }
    for (const id of admission.released) this.speakers.release(id);
    this.forget(admission.released);
    return undefined;
  }

  /** The connection that speaks for awareness client `id` (none for the server's own). */
  speakerOf(id: number): C | undefined {
    const owner = this.speakers.ownerOf(id);
    return typeof owner === 'symbol' ? undefined : owner;
  }

  /** Removes the states `connection` spoke for, and their clocks. */
  leave(connection: C): void {
    this.forget(this.speakers.releaseAll(connection));
  }

  private forget(ids: readonly number[]): void {
    if (ids.length === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
    for (const id of ids) this.awareness.meta.delete(id);
  }
}

function admitAwareness<C>(
  update: Uint8Array,
  connection: C,
  owners: ClientOwnership<C>,
  limits: AwarenessLimits,
  known: ReadonlyMap<number, { clock: number }>,
  stamp: AwarenessStamp<C> | undefined,
): AwarenessAdmission {
  if (update.byteLength > limits.maxAwarenessBytes) {
    return { kind: 'reject', event: MessageTooBig, detail: `awareness update of ${update.byteLength} bytes` };
  }
  const decoded = decodeAwarenessUpdate(update);
  if (!decoded.ok)
    return { kind: 'reject', event: InvalidMessage, detail: `bad awareness update: ${decoded.reason}` };
  const kept: AwarenessEntry[] = [];
  const claims = new Set<number>();
  const released: number[] = [];
  for (const entry of decoded.entries) {
    const owner = owners.ownerOf(entry.clientID);
    if (owner !== undefined && owner !== connection) continue;
    if (isRemoval(entry)) {
      // Removing a state nobody owns is a no-op: the server holds no state for it.
      if (owner === connection) {
        kept.push(entry);
        released.push(entry.clientID);
      }
      continue;
    }
    // A state no connection here owns, which this server already has at that clock or a
    // later one: another process's client (cluster mode), echoed by a client here. Its
    // owner, reconnecting here, speaks with a later clock and claims it.
    const clock = known.get(entry.clientID)?.clock;
    if (owner === undefined && clock !== undefined && entry.clock <= clock) continue;
    const state = parseJson(entry.json);
    if (!state.ok) {
      return { kind: 'reject', event: InvalidMessage, detail: `bad awareness state of ${entry.clientID}` };
    }
    if (owner === undefined) claims.add(entry.clientID);
    kept.push(stamp ? { ...entry, json: JSON.stringify(stamp(connection, state.value)) } : entry);
  }
  if (owners.count(connection) + claims.size > limits.maxAwarenessClients) {
    return {
      kind: 'reject',
      event: InvalidMessage,
      detail: `more than ${limits.maxAwarenessClients} awareness clients`,
    };
  }
  for (const id of claims) owners.claim(id, connection);
  return { kind: 'apply', update: kept.length > 0 ? encodeAwarenessEntries(kept) : undefined, released };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
