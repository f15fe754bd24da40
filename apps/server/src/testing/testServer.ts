/** A server on a free port with an in-memory (or given) store, for socket tests. */
import type { AppOptions } from '../app';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { type RunningServer, startServer } from '../server';
import { createMemoryStore } from '../store/memoryStore';

export interface TestServer extends RunningServer {
  readonly httpUrl: string;
  readonly wsUrl: string;
  createRoom(lab?: unknown): Promise<{ room: string; token: string; url: string }>;
}

export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const server = await startServer({
    store: createMemoryStore(),
    evaluate: evaluateInProcess,
    log: silentLogger,
    ...options,
    port: 0,
    hostname: '127.0.0.1',
  });
  const httpUrl = `http://127.0.0.1:${server.port}`;
  return {
    ...server,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    async createRoom(lab) {
      const response = await fetch(`${httpUrl}/api/labs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: lab === undefined ? undefined : JSON.stringify(lab),
      });
      if (response.status !== 201)
        throw new Error(`room creation failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { room: string; token: string; url: string };
    },
  };
}
