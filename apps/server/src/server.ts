/** Serves a `createApp` result on a port (0 = any free one); resolves once listening. */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type AppOptions, createApp, type ServerApp } from './app';

export interface RunningServer extends ServerApp {
  readonly port: number;
  readonly server: ServerType;
  /** Stops listening, closes every socket, unloads the rooms, closes the store. */
  stop(): Promise<void>;
}

export function startServer(
  options: AppOptions & { port: number; hostname?: string },
): Promise<RunningServer> {
  const built = createApp(options);
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: built.app.fetch,
        port: options.port,
        hostname: options.hostname,
        websocket: { server: built.websocketServer },
      },
      (info: AddressInfo) => {
        resolve({
          ...built,
          port: info.port,
          server,
          stop: () =>
            new Promise<void>((done) => {
              const closed = built.close();
              for (const client of built.websocketServer.clients) client.terminate();
              server.close(() => void closed.then(done, done));
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
  });
}
