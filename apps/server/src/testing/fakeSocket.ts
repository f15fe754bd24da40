/** A `Connection` whose socket records what the room sent and how it was closed. */
import { decodeMessage, type SyncMessage } from '../sync/protocol';
import type { Connection } from '../sync/types';

export interface FakeConnection extends Connection {
  readonly sent: Uint8Array[];
  readonly closed: { code: number; reason: string }[];
  messages(): SyncMessage[];
}

let next = 1;

export function fakeConnection(): FakeConnection {
  const sent: Uint8Array[] = [];
  const closed: { code: number; reason: string }[] = [];
  return {
    id: `fake${next++}`,
    sent,
    closed,
    socket: {
      send: (frame) => sent.push(frame),
      close: (code, reason) => closed.push({ code, reason }),
    },
    messages: () => sent.map(decodeMessage),
  };
}
