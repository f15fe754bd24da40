import { WebSocket } from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface LabClient {
  readonly doc: Y.Doc;
  readonly lab: Y.Map<unknown>;
  /** The provider's awareness: a script can be a person in the room (`user.name`). */
  readonly awareness: Awareness;
  destroy(): void;
}

/** A second participant: the stock y-websocket provider in Node, synced before it returns. */
export async function connectLabClient(origin: string, room: string, token: string): Promise<LabClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/sync`, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`second client did not sync room ${room}`)), 10_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      done();
    });
  });
  return {
    doc,
    lab: doc.getMap('lab'),
    awareness: provider.awareness,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
