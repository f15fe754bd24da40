/**
 * What processes of a cluster tell each other over Redis, one binary message per event
 * (lib0 encoding): the sender's process id, then the kind and its fields.
 *
 * - `update`: a change of one document, stored by the sender (`doc` is the store's name,
 *   so a process still serving an earlier generation of a class room ignores it);
 * - `awareness`: an awareness change of one document, with the sender's connection;
 * - `resync`: the sender failed to publish some messages: read again from the store
 *   (on the classes' channel: everything, as after a reconnect; on a room's channel,
 *   sent by earlier versions: that room's documents);
 * - `unload`: unload the room, closing its sockets with `code`/`reason`, and forget what
 *   is cached of it (a new generation; sent to every process, loaded the room or not);
 * - `class`: a class's state changed; drop what is cached of it;
 * - `close`: close the room's sockets of that principal and/or access (a member moved,
 *   the spotlight ended).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type BusMessage =
  | {
      readonly kind: 'update';
      readonly from: string;
      readonly doc: string;
      /** The kind of the change's origin at the sender (`client`, `engine`, `console` …). */
      readonly cause: string;
      /** Who made it, as RoomHistory names authors ('' for no one). */
      readonly author: string;
      readonly update: Uint8Array;
    }
  | {
      readonly kind: 'awareness';
      readonly from: string;
      readonly doc: string;
      /** The sender's connection that said it ('' when it left). */
      readonly conn: string;
      readonly update: Uint8Array;
    }
  | { readonly kind: 'resync'; readonly from: string }
  | {
      readonly kind: 'unload';
      readonly from: string;
      readonly room: string;
      readonly code: number;
      readonly reason: string;
    }
  | { readonly kind: 'class'; readonly from: string; readonly classId: string }
  | {
      readonly kind: 'close';
      readonly from: string;
      /** '' for any. */
      readonly principal: string;
      /** '' for any. */
      readonly access: string;
      readonly code: number;
      readonly reason: string;
    };

const KINDS = ['update', 'awareness', 'resync', 'unload', 'class', 'close'] as const;

export function encodeBusMessage(message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.from);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  switch (message.kind) {
    case 'update':
      encoding.writeVarString(encoder, message.doc);
      encoding.writeVarString(encoder, message.cause);
      encoding.writeVarString(encoder, message.author);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'awareness':
      encoding.writeVarString(encoder, message.doc);
      encoding.writeVarString(encoder, message.conn);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'resync':
      break;
    case 'unload':
      encoding.writeVarString(encoder, message.room);
      encoding.writeVarUint(encoder, message.code);
      encoding.writeVarString(encoder, message.reason);
      break;
    case 'class':
      encoding.writeVarString(encoder, message.classId);
      break;
    case 'close':
      encoding.writeVarString(encoder, message.principal);
      encoding.writeVarString(encoder, message.access);
      encoding.writeVarUint(encoder, message.code);
      encoding.writeVarString(encoder, message.reason);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** The message, or undefined for bytes that are not one (logged by the caller, never thrown). */
export function decodeBusMessage(bytes: Uint8Array): BusMessage | undefined {
  try {
    const decoder = decoding.createDecoder(bytes);
    const from = decoding.readVarString(decoder);
    const kind = KINDS[decoding.readVarUint(decoder)];
    switch (kind) {
      case 'update':
        return {
          kind,
          from,
          doc: decoding.readVarString(decoder),
          cause: decoding.readVarString(decoder),
          author: decoding.readVarString(decoder),
          update: decoding.readVarUint8Array(decoder),
        };
      case 'awareness':
        return {
          kind,
          from,
          doc: decoding.readVarString(decoder),
          conn: decoding.readVarString(decoder),
          update: decoding.readVarUint8Array(decoder),
        };
      case 'resync':
        return { kind, from };
      case 'unload':
        return {
          kind,
          from,
          room: decoding.readVarString(decoder),
          code: decoding.readVarUint(decoder),
          reason: decoding.readVarString(decoder),
        };
      case 'class':
        return { kind, from, classId: decoding.readVarString(decoder) };
      case 'close':
        return {
          kind,
          from,
          principal: decoding.readVarString(decoder),
          access: decoding.readVarString(decoder),
          code: decoding.readVarUint(decoder),
          reason: decoding.readVarString(decoder),
        };
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
