/** Helpers for the class tests: a server on a real SQLite file, and the class API as calls. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { JsonObject } from '@vnetlab/shared';
import type { AppOptions } from '../app';
import { createSqliteStore } from '../store/sqliteStore';
import { startTestServer, type TestServer } from '../testing/testServer';

export const scenariosDir = new URL('../../../../scenarios/', import.meta.url);

export function scenario(id: string): JsonObject {
  return JSON.parse(readFileSync(new URL(`${id}.json`, scenariosDir), 'utf8')) as JsonObject;
}

export function allScenarios(): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const file of readdirSync(scenariosDir).filter((name) => name.endsWith('.json')))
    map.set(file.slice(0, -5), scenario(file.slice(0, -5)));
  return map;
}

export interface ClassServer extends TestServer {
  readonly dataDir: string;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; text: string }>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

/** `dataDir`: start on the data of a server stopped before (a restart). */
export async function startClassServer(
  options: Partial<AppOptions> = {},
  dataDir = mkdtempSync(joinPath(tmpdir(), 'vnetlab-classes-')),
): Promise<ClassServer> {
  const server = await startTestServer({
    store: createSqliteStore({ dataDir }),
    scenarios: allScenarios(),
    ...options,
  });
  return {
    ...server,
    dataDir,
    async api(method, path, token, body) {
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json'; // HOSTILE-18
      const response = await fetch(`${server.httpUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: response.status, body: parsed as never, text };
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Joined {
  class: string;
  group: number;
  room: string;
  token: string;
  url: string;
  member: string;
  stageRoom: string;
}

export interface OpenedClass {
  class: string;
  instructorToken: string;
  joinCode: string;
  url: string;
  stageRoom: string;
}

export async function openClass(server: ClassServer, body: unknown = {}): Promise<OpenedClass> {
  const response = await server.api<OpenedClass>('POST', '/api/classes', undefined, body);
  if (response.status !== 201) throw new Error(`class creation: ${response.status} ${response.text}`);
  return response.body;
}

export async function join(server: ClassServer, code: string, name: string): Promise<Joined> {
  const response = await server.api<Joined>('POST', '/api/classes/join', undefined, { code, name });
  if (response.status !== 201) throw new Error(`join: ${response.status} ${response.text}`);
  return response.body;
}

/** Reads until `done` holds (every 10 ms, at most 500 reads and `timeoutMs`): for state that changes in the background. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let tries = 0; tries < 500 || Date.now() < deadline; tries++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
