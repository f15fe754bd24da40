import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface LabClient {
  readonly doc: Y.Doc;
  readonly lab: Y.Map<unknown>;
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
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
