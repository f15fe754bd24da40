/**
 * A frame over ws' own `maxPayload` makes ws close the socket with 1009, which the stock
 * y-websocket client retries forever (re-uploading the frame each time). The server
 * answers first, with its own final 4413: ws' receiver reports the frame's length before
 * reading it, and a socket already closing ignores ws' own close.
 */
import type { WebSocket, WebSocketServer } from 'ws';
import { MessageTooBig } from './closeCodes';

interface WithReceiver {
  readonly _receiver?: {
    prependListener(event: 'error', listener: (error: { code?: string }) => void): void;
  };
}

export function answerOversizedFrames(server: WebSocketServer, onRefused: (socket: WebSocket) => void): void {
  server.on('connection', (socket: WebSocket) => {
    (socket as unknown as WithReceiver)._receiver?.prependListener('error', (error) => {
      if (error.code !== 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return;
      onRefused(socket);
      socket.close(MessageTooBig.code, MessageTooBig.reason);
    });
  });
}
