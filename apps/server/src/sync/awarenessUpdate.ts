/**
 * An awareness update (y-protocols) as entries: `varUint(count)`, then per entry
 * `varUint(clientID)`, `varUint(clock)`, `varString(state JSON)`; `"null"` removes the
 * client's state. Decoding is strict and reads no state JSON: the caller parses only the
 * entries it keeps.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  readonly clientID: number;
  readonly clock: number;
  /** The state as JSON, `"null"` for a removal. */
  readonly json: string;
}

export type DecodedAwareness =
  | { readonly ok: true; readonly entries: AwarenessEntry[] }
  | { readonly ok: false; readonly reason: string };

export function decodeAwarenessUpdate(update: Uint8Array): DecodedAwareness {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientID, clock, json: decoding.readVarString(decoder) });
    }
    if (decoding.hasContent(decoder)) return { ok: false, reason: 'trailing bytes' };
    return { ok: true, entries };
  } catch (error) {
    return { ok: false, reason: `truncated or malformed: ${(error as Error).message}` };
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientID, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

export function isRemoval(entry: AwarenessEntry): boolean {
  return entry.json === 'null';
}
