/**
 * The bystander of `pnpm bench:hostile` on a thread of its own: two stock clients of one
 * room, one writing an edit every 20 ms and timing until the other has it. Apart from
 * the bench's main thread, whose attacking clients encode and decode big documents too
 * (a 1,000-machine lab synced again and again): measured there, the bystander's relay
 * times carried the bench's own pauses as well as the server's.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { connectClient, waitFor, whenSynced } from '../src/testing/syncClient';

export interface BystanderRoom {
  readonly wsUrl: string;
  readonly room: string;
  readonly token: string;
}

/** Measures the relay of `room` until `measure()`'s promise is settled by `stop` on the thread. */
export class BystanderThread {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;

  constructor(room: BystanderRoom) {
    this.worker = new Worker(new URL('./bystanderThread.boot.mjs', import.meta.url), { workerData: room });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
  }

  /** Both clients synced. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Relay times in milliseconds, one edit every 20 ms until `until` (epoch ms). */
  measure(until: number): Promise<number[]> {
    const times = new Promise<number[]>((resolve, reject) => {
      this.worker.once('message', (answer: number[]) => resolve(answer));
      this.worker.once('error', reject);
    });
    this.worker.postMessage(until);
    return times.finally(() => this.worker.terminate());
  }
}

async function runBystander(port: NonNullable<typeof parentPort>, room: BystanderRoom): Promise<void> {
  const a = connectClient(room.wsUrl, room.room, room.token);
  const b = connectClient(room.wsUrl, room.room, room.token);
  await whenSynced(a);
  await whenSynced(b);
  port.postMessage('ready');
  const until = await new Promise<number>((resolve) => port.once('message', resolve));
  const times: number[] = [];
  for (let n = 0; Date.now() <= until; n++) {
    const started = performance.now();
    a.doc.transact(() => a.doc.getMap('lab').set('title', `t${n}`), 'a');
    await waitFor(() => b.doc.getMap('lab').get('title') === `t${n}`, 60_000);
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  a.destroy();
  b.destroy();
  port.postMessage(times);
}

if (parentPort) void runBystander(parentPort, workerData as BystanderRoom);
