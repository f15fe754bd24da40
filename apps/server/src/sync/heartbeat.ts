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
 */
import type { WebSocket, WebSocketServer } from 'ws';

/** Unanswered pings in a row after which a socket is ended. */
const MISSED_PINGS = 2;

export function startHeartbeat(server: WebSocketServer, intervalMs: number): () => void {
  const missed = new WeakMap<WebSocket, number>();
  const onConnection = (socket: WebSocket) => {
    missed.set(socket, 0);
    socket.on('pong', () => missed.set(socket, 0));
  };
  server.on('connection', onConnection);
  let verdict: NodeJS.Immediate | undefined;
  const beat = () => {
    verdict = undefined;
    for (const socket of server.clients) {
      const unanswered = missed.get(socket) ?? 0;
      if (unanswered >= MISSED_PINGS) {
        socket.terminate();
        continue;
      }
      missed.set(socket, unanswered + 1);
      socket.ping();
    }
  };
  const timer = setInterval(() => {
    verdict ??= setImmediate(beat);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (verdict) clearImmediate(verdict);
    server.off('connection', onConnection);
  };
}
