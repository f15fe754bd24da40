/**
 * The y-websocket wire format, decoded into tagged messages and encoded back.
 *
 * A frame is `varUint(messageType)` followed by its payload:
 * - 0 sync: `varUint(syncType)` + `varUint8Array(payload)`; syncType 0 = step 1 (a state
 *   vector), 1 = step 2 (an update answering a step 1), 2 = update.
 * - 1 awareness: `varUint8Array(awareness update)`.
 * - 2 auth: `varUint(0)` + `varString(reason)` (server -> client: permission denied).
 * - 3 query awareness: no payload.
 *
 * Decoding is strict: a frame with trailing bytes, a truncated payload or an unknown
 * type is `{ type: 'invalid' }`, never an exception.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type SyncMessage =
  | { readonly type: 'sync-step1'; readonly stateVector: Uint8Array }
  | { readonly type: 'sync-step2'; readonly update: Uint8Array }
  | { readonly type: 'update'; readonly update: Uint8Array }
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  | { readonly type: 'query-awareness' }
  | { readonly type: 'invalid'; readonly reason: string };

function invalid(reason: string): SyncMessage {
  return { type: 'invalid', reason };
}

export function decodeMessage(frame: Uint8Array): SyncMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (message.type !== 'invalid' && decoding.hasContent(decoder)) return invalid('trailing bytes');
    return message;
  } catch (error) {
    return invalid(`truncated or malformed: ${(error as Error).message}`);
  }
}

/**
 * `decoding.readVarUint8Array` returns a view past the end of a short frame when the
 * frame is a slice of a larger buffer (ws pools them): check the length first.
 */
function readPayload(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new Error(`payload of ${length} bytes past the end`);
  return decoding.readUint8Array(decoder, length);
}

function readMessage(decoder: decoding.Decoder): SyncMessage {
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = readPayload(decoder);
      if (syncType === SyncType.step1) return { type: 'sync-step1', stateVector: payload };
      if (syncType === SyncType.step2) return { type: 'sync-step2', update: payload };
      if (syncType === SyncType.update) return { type: 'update', update: payload };
      return invalid(`unknown sync message type ${syncType}`);
    }
    case MessageType.awareness:
      return { type: 'awareness', update: readPayload(decoder) };
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    default:
      return invalid(`unknown message type ${messageType}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return syncFrame(SyncType.step1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return syncFrame(SyncType.step2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return syncFrame(SyncType.update, update);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, update);
  });
}

export function encodeQueryAwareness(): Uint8Array {
  return frame((encoder) => encoding.writeVarUint(encoder, MessageType.queryAwareness));
}
