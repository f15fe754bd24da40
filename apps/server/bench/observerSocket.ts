/**
 * A bench observer: a real y-websocket connection that takes part in the sync protocol
 * (answers the server's sync step 1 with an empty step 2, asks for the document with
 * its own step 1) but never decodes the document. It stamps the arrival of each update
 * frame and tells whether the frame's bytes carry a given text (the bench's edits carry
 * a unique title, and so does the results update computed from each: its timeline entry
 * holds the title before and after).
 *
 * Why: forty stock clients of a room in one process decode every frame one after the
 * other, so the last one's latency measures that process's decoding (and a results pass
 * decodes twice the frames of a relay pass), not the server. Real clients decode in
 * parallel, each in its own browser; the bench keeps a few stock clients per room to
 * decode, check the results and stand for that, and observes the rest with these.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeMessage, encodeSyncStep1, encodeSyncStep2 } from '../src/sync/protocol';

export interface ObserverSocket {
  /** Resolves once the server answered the observer's sync step 1. */
  readonly synced: Promise<void>;
  /** Resolves with performance.now() as the first update frame carrying `marker` arrives. */
  next(marker: string): Promise<number>;
  close(): void;
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
/** Sync (0), update (2): the first two bytes of every relayed change. */
const SYNC = 0;
const UPDATE = 2;

export function openObserver(baseUrl: string, name: string, token: string): ObserverSocket {
  const ws = new WebSocket(`${baseUrl}/sync/${name}?token=${encodeURIComponent(token)}`);
  ws.binaryType = 'nodebuffer';
  const waiting: { marker: Buffer; resolve: (at: number) => void }[] = [];
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    ws.on('error', reject);
  });
  ws.on('open', () => ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR)));
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    if (data[0] === SYNC && data[1] === UPDATE) {
      for (let i = 0; i < waiting.length; i++) {
        const entry = waiting[i];
        if (!entry || data.indexOf(entry.marker) < 0) continue;
        waiting.splice(i--, 1);
        entry.resolve(at);
      }
      return;
    }
    // Only the handshake is decoded: the server's step 1 is answered, its step 2 is the sync.
    const message = decodeMessage(new Uint8Array(data));
    if (message.type === 'sync-step1') ws.send(encodeSyncStep2(EMPTY_UPDATE));
    else if (message.type === 'sync-step2') markSynced();
  });
  return {
    synced,
    next: (marker) =>
      new Promise((resolve) => waiting.push({ marker: Buffer.from(marker, 'utf8'), resolve })),
    close: () => ws.close(),
  };
}
