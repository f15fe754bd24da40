import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocketServer } from 'ws';
import { PINGS_PER_TURN, startHeartbeat } from './heartbeat';

/** What the heartbeat uses of a `ws` socket: its state, ping, terminate and the 'pong' event. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  pings = 0;
  terminated = false;
  constructor(private readonly answers: boolean) {
    super();
  }
  ping(): void {
    this.pings++;
    if (this.answers) this.emit('pong');
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }
}

/** A heartbeat on a server that `sockets` connect to, as ws tells of them: after it started. */
function beatOver(sockets: FakeSocket[], intervalMs: number): () => void {
  const server = new EventEmitter() as EventEmitter & { clients: Set<FakeSocket> };
  server.clients = new Set(sockets);
  const stop = startHeartbeat(server as unknown as WebSocketServer, intervalMs);
  for (const socket of sockets) server.emit('connection', socket);
  return stop;
}

describe('startHeartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings a beat in slices, one turn of the event loop each, so relays run between them', () => {
    const sockets = Array.from({ length: PINGS_PER_TURN * 2 + 50 }, () => new FakeSocket(true));
    const stop = beatOver(sockets, 1000);
    const pinged = () => sockets.filter((socket) => socket.pings > 0).length;
    vi.advanceTimersByTime(999);
    vi.advanceTimersToNextTimer(); // the interval: the first slice waits for the next turn
    expect(pinged()).toBe(0);
    vi.advanceTimersToNextTimer();
    expect(pinged()).toBe(PINGS_PER_TURN);
    vi.advanceTimersToNextTimer();
    expect(pinged()).toBe(PINGS_PER_TURN * 2);
    vi.advanceTimersToNextTimer();
    expect(pinged()).toBe(sockets.length);
    stop();
  });

  it('ends a socket after two unanswered pings in a row, and keeps one that answers', () => {
    const silent = new FakeSocket(false);
    const answering = new FakeSocket(true);
    const stop = beatOver([silent, answering], 1000);
    vi.advanceTimersByTime(2100);
    expect(silent.pings).toBe(2);
    expect(silent.terminated).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(silent.terminated).toBe(true);
    expect(answering.terminated).toBe(false);
    expect(answering.pings).toBe(3);
    stop();
  });
});
