/**
 * Classroom bench: one class of N students behind one address (loopback), on a real
 * SQLite file, each student with a stock y-websocket client on their group's room.
 *
 *   tsx apps/server/bench/classroom.bench.ts [--students 60] [--group-size 2]
 *
 * Prints: the time for every student to join (HTTP), to connect and sync, for a
 * broadcast to reach every client (close 4000, reopen on a fresh document, synced), and
 * for one progress request over every group. Figures are printed, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLab } from '@vnetlab/shared';
import { evaluateInProcess } from '../src/engine/labEngine';
import { silentLogger } from '../src/log';
import { startServer } from '../src/server';
import { createSqliteStore } from '../src/store/sqliteStore';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../src/testing/syncClient';

const { values } = parseArgs({
  options: { students: { type: 'string', default: '60' }, 'group-size': { type: 'string', default: '2' } },
});
const students = Number(values.students);
const groupSize = Number(values['group-size']);
const nat = JSON.parse(readFileSync(new URL('../../../scenarios/seed-2-nat.json', import.meta.url), 'utf8'));

const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-classroom-bench-'));
const server = await startServer({
  port: 0,
  hostname: '127.0.0.1',
  store: createSqliteStore({ dataDir }),
  evaluate: evaluateInProcess,
  log: silentLogger,
  scenarios: new Map([['seed-2-nat', nat]]),
});
const http = `http://127.0.0.1:${server.port}`;
const ws = `ws://127.0.0.1:${server.port}`;
const post = async (path: string, body: unknown, token?: string) => {
  const response = await fetch(`${http}${path}`, {
    method: 'POST',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, string>;
};
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

const opened = await post('/api/classes', { groupSize });
let started = performance.now();
const joined: Record<string, string>[] = [];
for (let index = 0; index < students; index++)
  joined.push(await post('/api/classes/join', { code: opened.joinCode, name: `s${index}` }));
console.log(`${students} joins from one address: ${ms(started)}`);

started = performance.now();
let clients: SyncClient[] = joined.map((student) =>
  connectClient(ws, student.room as string, student.token as string),
);
await Promise.all(clients.map((client) => whenSynced(client, 60_000)));
console.log(`${students} clients connected and synced: ${ms(started)}`);

started = performance.now();
const reopened: Promise<SyncClient>[] = clients.map(
  (client, index) =>
    new Promise((resolve) => {
      client.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event?.code !== 4000) return;
        client.destroy();
        const student = joined[index] as Record<string, string>;
        resolve(connectClient(ws, student.room as string, student.token as string));
      });
    }),
);
await post(`/api/classes/${opened.class}/broadcast`, { scenario: 'seed-2-nat' }, opened.instructorToken);
const broadcastAnswered = performance.now() - started;
clients = await Promise.all(reopened);
await Promise.all(clients.map((client) => whenSynced(client, 60_000)));
await waitFor(
  () => clients.every((client) => readLab(client.doc).title === nat.title),
  60_000,
  'the scenario everywhere',
);
console.log(
  `broadcast to ${Math.ceil(students / groupSize)} rooms: answered in ${Math.round(broadcastAnswered)} ms, every client on the new generation in ${ms(started)}`,
);

started = performance.now();
await fetch(`${http}/api/classes/${opened.class}/progress`, {
  headers: { Authorization: `Bearer ${opened.instructorToken}` },
});
console.log(`progress over ${Math.ceil(students / groupSize)} groups: ${ms(started)}`);

for (const client of clients) client.destroy();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
