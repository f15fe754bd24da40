/**
 * Finds sockets whose peer vanished without a close (a laptop lid shut, a cable
 * pulled): every `intervalMs` each socket is pinged, and one that has answered none of
 * the last `MISSED_PINGS` pings is terminated, which closes its connection in the room.
 * Browsers and `ws` answer pings by themselves.
 *
 * Two misses, not one: a pong can be on the wire when the next interval comes (a busy
 * machine, a slow school link), and ending a peer that did answer costs it a resync.
 * The verdict also waits for the loop's next poll (`setImmediate` runs after it): when
 * the event loop was held up past an interval, a pong that arrived meanwhile is read first.
 *
 * A beat pings `PINGS_PER_TURN` sockets per turn of the event loop, not all of them at
 * once: each ping is a write to the kernel, and 2,000 sockets in one turn held every
 * room's relay ~35 ms every interval (the load bench's profile, 1,000 pages, profiler on).
 */
import type { WebSocket, WebSocketServer } from 'ws';

/** Unanswered pings in a row after which a socket is ended. */
const MISSED_PINGS = 2;

/** Sockets pinged (or ended) per turn of the event loop: ~1 ms of writes on a busy core. */
export const PINGS_PER_TURN = 100;

export function startHeartbeat(server: WebSocketServer, intervalMs: number): () => void {
  const missed = new WeakMap<WebSocket, number>();
  const onConnection = (socket: WebSocket) => {
    missed.set(socket, 0);
    socket.on('pong', () => missed.set(socket, 0));
  };
  server.on('connection', onConnection);
  let turn: NodeJS.Immediate | undefined;
  /** The sockets of the beat under way still to ping: those open when it started. */
  let pending: WebSocket[] = [];
  const check = (socket: WebSocket) => {
    // Closed since the beat started: nothing to ping.
    if (socket.readyState !== socket.OPEN) return;
    const unanswered = missed.get(socket) ?? 0;
    if (unanswered >= MISSED_PINGS) {
      socket.terminate();
      return;
    }
    missed.set(socket, unanswered + 1);
    socket.ping();
  };
  const pingSome = () => {
    turn = undefined;
    for (const socket of pending.splice(0, PINGS_PER_TURN)) check(socket);
    // The rest after the relays and reads that came in meanwhile.
    if (pending.length > 0) turn = setImmediate(pingSome);
  };
  const timer = setInterval(() => {
    // A beat still under way (a held loop, a huge server) is not started again.
    if (turn) return;
    pending = [...server.clients];
    turn = setImmediate(pingSome);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (turn) clearImmediate(turn);
    pending = [];
    server.off('connection', onConnection);
  };
}
