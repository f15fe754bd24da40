/**
 * Finds sockets whose peer vanished without a close (a laptop lid shut, a cable
 * pulled): every `intervalMs` each socket is pinged, and one that has not answered the
 * previous ping is terminated, which closes its connection in the room. Browsers and
 * `ws` answer pings by themselves.
 *
 * The verdict waits for the loop's next poll (`setImmediate` runs after it): when the
 * event loop was held up past an interval, a pong that has arrived meanwhile is read
 * first, so a busy server never ends a socket that did answer.
 */
import type { WebSocket, WebSocketServer } from 'ws';

export function startHeartbeat(server: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakMap<WebSocket, boolean>();
  const onConnection = (socket: WebSocket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  };
  server.on('connection', onConnection);
  let verdict: NodeJS.Immediate | undefined;
  const beat = () => {
    verdict = undefined;
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
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
