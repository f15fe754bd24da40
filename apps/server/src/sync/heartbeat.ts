/**
 * Finds sockets whose peer vanished without a close (a laptop lid shut, a cable
 * pulled): every `intervalMs` each socket is pinged, and one that has not answered the
 * previous ping is terminated, which closes its connection in the room. Browsers and
 * `ws` answer pings by themselves.
 */
import type { WebSocket, WebSocketServer } from 'ws';

export function startHeartbeat(server: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakMap<WebSocket, boolean>();
  const onConnection = (socket: WebSocket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  };
  server.on('connection', onConnection);
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('connection', onConnection);
  };
}
