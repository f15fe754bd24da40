/**
 * Which awareness states of one document came from which other process (cluster mode),
 * so that the clients of a process gone without a word (kill -9: no removal is ever
 * sent for them) leave the people list here once that process's presence is gone
 * (Presence), not only after y-protocols' 30 s timeout.
 *
 * A process is judged gone when the room's presence has not listed it for `graceMs`
 * (a Redis just restarted is empty until every live process writes again) and nothing
 * was heard from it for a presence TTL (a process that just loaded the room may speak
 * before its first write). Only elapsed times on this process's clock are compared.
 */
import { decodeAwarenessUpdate, isRemoval } from '../sync/awarenessUpdate';

export class RemoteAwareness {
  /** Awareness client id -> the process that last spoke for it. */
  private readonly speakers = new Map<number, string>();
  /** Process -> when its last awareness message for this document arrived. */
  private readonly heardAt = new Map<string, number>();
  /** Process -> since when the room's presence has not listed it. */
  private readonly absentSince = new Map<string, number>();

  /** An awareness update `process` relayed (applied already). */
  heard(process: string, update: Uint8Array, now: number): void {
    const decoded = decodeAwarenessUpdate(update);
    if (!decoded.ok) return;
    for (const entry of decoded.entries) {
      if (isRemoval(entry)) {
        if (this.speakers.get(entry.clientID) === process) this.speakers.delete(entry.clientID);
      } else {
        this.speakers.set(entry.clientID, process);
      }
    }
    this.heardAt.set(process, now);
    this.absentSince.delete(process);
  }

  /** Whether states of another process are held (so its presence is worth reading). */
  get empty(): boolean {
    return this.speakers.size === 0;
  }

  /**
   * `alive`: the processes the room's presence lists now. The client ids of the
   * processes judged gone (see above), forgotten here: the caller removes their states.
   */
  gone(alive: ReadonlySet<string>, now: number, ttlMs: number, graceMs: number): number[] {
    const processes = new Set(this.speakers.values());
    const dead = new Set<string>();
    for (const process of processes) {
      if (alive.has(process)) {
        this.absentSince.delete(process);
        continue;
      }
      const since = this.absentSince.get(process) ?? now;
      this.absentSince.set(process, since);
      if (now - since >= graceMs && now - (this.heardAt.get(process) ?? 0) >= ttlMs) dead.add(process);
    }
    const ids: number[] = [];
    for (const [id, process] of this.speakers) if (dead.has(process)) ids.push(id);
    for (const id of ids) this.speakers.delete(id);
    // Gone, or holding no state here any more: nothing left to judge of it.
    for (const known of new Set([...this.heardAt.keys(), ...this.absentSince.keys()])) {
      if (dead.has(known) || !processes.has(known)) {
        this.heardAt.delete(known);
        this.absentSince.delete(known);
      }
    }
    return ids;
  }
}
