/**
 * Cluster mode with real processes (`tsx src/main.ts`) over a real PostgreSQL 15
 * (testing/postgres.ts: the store, a fresh database per test) and a real Redis
 * (testing/redis.ts), driven by stock y-websocket clients: two processes serve one
 * room; the lease holder is killed (SIGKILL) mid-edits; Redis is restarted; PostgreSQL
 * becomes unreachable and comes back.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULTS_DOC_SUFFIX, RESULTS_ROOT, readLab } from '@vnetlab/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StorageUnavailable } from '../sync/closeCodes';
import { startPostgres, type TestPostgres } from '../testing/postgres';
import { startRedis, type TestRedis } from '../testing/redis';
import { createRoom, type ServerProcess, startServerProcess } from '../testing/serverProcess';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';

const TOKEN = 'operator';
let redis: TestRedis;
let postgres: TestPostgres;
/** This test's database (a fresh one each test), shared by its processes. */
let databaseUrl = '';
const processes: ServerProcess[] = [];
const clients: SyncClient[] = [];
/** VNETLAB_DATA of every process: over PostgreSQL nothing may land there. */
const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-cluster-'));

beforeAll(async () => {
  redis = await startRedis();
  postgres = await startPostgres();
}, 120_000);
beforeEach(async () => {
  databaseUrl = await postgres.createDatabase();
});
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const running of processes.splice(0)) await running.kill();
  await postgres.restart(); // after a test that paused it
  expect(readdirSync(dataDir)).toEqual([]);
});

async function startNode(): Promise<ServerProcess> {
  const running = await startServerProcess(dataDir, {
    VNETLAB_DATABASE_URL: databaseUrl,
    VNETLAB_REDIS_URL: redis.url,
    VNETLAB_HEALTH_TOKEN: TOKEN,
  });
  processes.push(running);
  return running;
}

interface Health {
  ok: boolean;
  store: string;
  storeState: string;
  process?: string;
  redis?: 'ok' | 'unreachable';
  leases?: number;
  duties?: string[];
  faultsArmed?: number;
  computations: number;
}

async function health(node: ServerProcess): Promise<Health> {
  const response = await fetch(`${node.url}/api/health`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return (await response.json()) as Health;
}

/** A call of the HTTP API (the class API's JSON): its status and body. */
async function api<T = Record<string, unknown>>(
  node: ServerProcess,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface OpenedClass {
  class: string;
  instructorToken: string;
  joinCode: string;
}

interface Joined {
  room: string;
  token: string;
  member: string;
  group: number;
}

/** A class opened on `node`, with one student in group 1 (groups of one). */
async function classWithStudent(node: ServerProcess): Promise<{ opened: OpenedClass; ana: Joined }> {
  const opened = await api<OpenedClass>(node, 'POST', '/api/classes', undefined, { groupSize: 1 });
  expect(opened.status).toBe(201);
  const ana = await api<Joined>(node, 'POST', '/api/classes/join', undefined, {
    code: opened.body.joinCode,
    name: 'ana',
  });
  expect(ana.status).toBe(201);
  return { opened: opened.body, ana: ana.body };
}

interface GroupProgress {
  room: string;
  generation: number;
  fault: { fault: string } | null;
  members: { name: string; online: boolean; editing: { openVm: string | null } }[];
}

/**
 * With Redis down, the fault is planted (seen from both processes), nothing stays
 * pending; once Redis is back and a keeper holds the timers again, it re-arms what is
 * still stored (nothing), so the fault is not planted a second time.
 */
async function expectPlantedOnceThroughTheOutage(
  [first, second]: readonly [ServerProcess, ServerProcess],
  opened: OpenedClass,
): Promise<void> {
  await waitUntil(
    async () => (await progressOf(first, opened)).groups[0]?.fault !== null,
    60_000,
    'the fault planted during the outage',
  );
  for (const node of [first, second]) expect((await health(node)).redis).toBe('unreachable');
  const during = await progressOf(second, opened);
  expect(during.groups[0]).toMatchObject({ generation: 1, fault: { fault: 'fault-cable-disconnected' } });
  expect(during.state.pendingFaults).toEqual([]);

  await redis.up();
  await waitUntil(
    async () => (await Promise.all([first, second].map(health))).every((seen) => seen.redis === 'ok'),
    30_000,
    'both processes back on Redis',
  );
  await dutyHolderOf([first, second], 'class-timers');
  const after = await progressOf(first, opened);
  expect(after.groups[0]?.generation).toBe(1);
  expect(after.state.pendingFaults).toEqual([]);
  for (const node of [first, second]) expect((await health(node)).faultsArmed).toBe(0);
}

async function progressOf(
  node: ServerProcess,
  opened: OpenedClass,
): Promise<{ groups: GroupProgress[]; state: { pendingFaults: unknown[] } }> {
  const response = await api<{ groups: GroupProgress[]; state: { pendingFaults: unknown[] } }>(
    node,
    'GET',
    `/api/classes/${opened.class}/progress`,
    opened.instructorToken,
  );
  expect(response.status).toBe(200);
  return response.body;
}

/** Polls the processes until exactly one holds the cluster duty `duty`; that one. */
async function dutyHolderOf(nodes: readonly ServerProcess[], duty: string): Promise<ServerProcess> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const held = await Promise.all(nodes.map(async (node) => (await health(node)).duties ?? []));
    const holders = nodes.filter((_, index) => held[index]?.includes(duty));
    if (holders.length === 1) return holders[0] as ServerProcess;
    if (Date.now() > deadline) throw new Error(`no single holder of ${duty}: ${JSON.stringify(held)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls the processes until exactly one holds a lease; that one. */
async function holderOf(nodes: readonly ServerProcess[], timeoutMs = 30_000): Promise<ServerProcess> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const leases = await Promise.all(nodes.map(async (node) => (await health(node)).leases ?? 0));
    const holders = nodes.filter((_, index) => (leases[index] ?? 0) > 0);
    if (holders.length === 1 && leases.reduce((sum, count) => sum + count, 0) === 1)
      return holders[0] as ServerProcess;
    if (Date.now() > deadline) throw new Error(`no single lease holder: ${leases.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function connect(node: ServerProcess, name: string, token: string, doc?: Y.Doc): SyncClient {
  const client = connectClient(node.wsUrl, name, token, doc);
  clients.push(client);
  return client;
}

function revisionOf(client: SyncClient): number {
  const revision = client.doc.getMap(RESULTS_ROOT).get('revision');
  return typeof revision === 'number' ? revision : 0;
}

/** When `doc`'s lab title first reads `value` (its update event, not a poll). */
function whenTitle(doc: Y.Doc, value: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`title ${value} never arrived`)), 20_000);
    const check = () => {
      if (readLab(doc).title !== value) return;
      clearTimeout(timeout);
      doc.off('update', check);
      resolve(performance.now());
    };
    doc.on('update', check);
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;

describe('cluster mode with real processes', () => {
  it('[CLUSTER-1] [CLUSTER-2] two processes serve one room: edits both ways, results computed once, on every client', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { room, token } = await createRoom(a.url);
    const onA = connect(a, room, token);
    const alsoOnA = connect(a, room, token);
    const onB = connect(b, room, token);
    const resultsOnA = connect(a, `${room}${RESULTS_DOC_SUFFIX}`, token);
    const resultsOnB = connect(b, `${room}${RESULTS_DOC_SUFFIX}`, token);
    await Promise.all([onA, alsoOnA, onB, resultsOnA, resultsOnB].map((client) => whenSynced(client)));
    const holder = await holderOf([a, b]);
    const other = holder === a ? b : a;
    expect(await health(a)).toMatchObject({ ok: true, store: 'postgres', storeState: 'ok', redis: 'ok' });
    expect((await health(a)).process).not.toBe((await health(b)).process);

    const labA = onA.doc.getMap('lab');
    const labB = onB.doc.getMap('lab');
    labA.set('title', 'from A');
    await waitFor(() => readLab(onB.doc).title === 'from A', 20_000, 'A → B');
    labB.set('notes', 'from B');
    await waitFor(() => readLab(onA.doc).notes === 'from B', 20_000, 'B → A');

    // Edits one after the other; each one's results reach the clients of both processes.
    const computedBefore = (await health(holder)).computations;
    const sameProcess: number[] = [];
    const otherProcess: number[] = [];
    const EDITS = 20;
    for (let n = 0; n < EDITS; n++) {
      const value = `edit ${n}`;
      const arrivals = Promise.all([whenTitle(alsoOnA.doc, value), whenTitle(onB.doc, value)]);
      const started = performance.now();
      labA.set('title', value);
      const [onSame, onOther] = await arrivals;
      sameProcess.push(onSame - started);
      otherProcess.push(onOther - started);
      const revision = revisionOf(resultsOnB);
      await waitFor(
        () => revisionOf(resultsOnB) > revision && revisionOf(resultsOnA) >= revisionOf(resultsOnB),
        20_000,
        `results of edit ${n} on both processes`,
      );
    }
    const holderHealth = await health(holder);
    const otherHealth = await health(other);
    expect(otherHealth.computations).toBe(0);
    expect(otherHealth.leases).toBe(0);
    // One computation per edit at most (a burst may share one), none on the other process.
    expect(holderHealth.computations - computedBefore).toBeGreaterThanOrEqual(EDITS);
    expect(holderHealth.computations - computedBefore).toBeLessThanOrEqual(EDITS + 2);
    console.log(
      `edit on A → client on B: p50 ${median(otherProcess).toFixed(2)} ms; → another client on A: p50 ${median(sameProcess).toFixed(2)} ms (${EDITS} edits)`,
    );
  }, 120_000);

  it('edits on both processes past compaction are all stored', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { room, token } = await createRoom(a.url);
    const onA = connect(a, room, token);
    const onB = connect(b, room, token);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    // Each process appends more than compactAfterUpdates (500) and compacts while the other appends.
    const EACH = 700;
    for (let n = 0; n < EACH; n++) {
      onA.doc.getMap('lab').set(`a${n}`, n);
      onB.doc.getMap('lab').set(`b${n}`, n);
      if (n % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor(() => Object.keys(readLab(onA.doc)).length >= 2 * EACH, 60_000, 'all edits on A');
    await waitFor(() => Object.keys(readLab(onB.doc)).length >= 2 * EACH, 60_000, 'all edits on B');
    const third = await startNode();
    const reader = connect(third, room, token);
    await whenSynced(reader);
    const stored = readLab(reader.doc);
    const missing = [...Array(EACH).keys()]
      .flatMap((n) => [`a${n}`, `b${n}`])
      .filter((key) => !(key in stored));
    expect(missing).toEqual([]);
  }, 120_000);

  it('[CLUSTER-3] kill -9 of the lease holder mid-edits: clients move, the lease moves, results resume, nothing seen is lost', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { room, token } = await createRoom(a.url);
    const warm = [connect(a, room, token), connect(b, room, token)];
    await Promise.all(warm.map((client) => whenSynced(client)));
    const holder = await holderOf([a, b]);
    const survivor = holder === a ? b : a;
    for (const client of warm) client.provider.disconnect();

    // The writer is on the process that dies; the observer and a results reader on the other.
    const writerDoc = new Y.Doc();
    let writer = connect(holder, room, token, writerDoc);
    const observer = connect(survivor, room, token);
    const results = connect(survivor, `${room}${RESULTS_DOC_SUFFIX}`, token);
    await Promise.all([whenSynced(writer), whenSynced(observer), whenSynced(results)]);
    const edits = writerDoc.getMap<unknown>('lab');
    const seen = observer.doc.getMap<unknown>('lab');
    let sent = 0;
    let writing = true;
    const writeLoop = (async () => {
      while (writing) {
        const n = sent++;
        writerDoc.transact(() => edits.set(`edit${n}`, n), 'writer');
        await new Promise((resolve) => setTimeout(resolve, n % 5 === 0 ? 5 : 1));
      }
    })();
    // The lab's own keys (format, vms …) are in `seen` too: count the edits only.
    const relayed = () => [...seen.keys()].filter((key) => key.startsWith('edit'));
    await waitFor(() => relayed().length > 150, 60_000, 'edits relayed before the kill');
    expect((await health(survivor)).computations).toBe(0);
    const revisionAtKill = revisionOf(results);
    await holder.kill();
    const killedAt = Date.now();
    const accepted = relayed();
    // The first results the survivor computes (it computed none before) reach its clients.
    await waitUntil(
      async () => revisionOf(results) > revisionAtKill && (await health(survivor)).computations > 0,
      30_000,
      'results from the new holder',
    );
    const resumedMs = Date.now() - killedAt;
    console.log(
      `results resumed ${resumedMs} ms after kill -9 of the holder (${accepted.length} edits seen before)`,
    );
    // The lease's TTL (3 s) and one renewal tick (0.5 s) bound it; 5 s is the promise (issue #8).
    expect(resumedMs).toBeLessThan(5000);
    expect((await health(survivor)).leases).toBe(1);
    // The writer's client moves to the other process (its next URL), keeping its document.
    writer.provider.destroy();
    writer = connect(survivor, room, token, writerDoc);
    await whenSynced(writer);
    writing = false;
    await writeLoop;
    const revisionBefore = revisionOf(results);
    edits.set('after the kill', true);
    await waitFor(() => revisionOf(results) > revisionBefore, 30_000, 'results of an edit after the kill');

    // Every edit the observer saw, and every one the writer made, is there, also when read back from the store.
    await waitFor(() => relayed().length >= sent, 30_000, 'the writer’s edits on the observer');
    const third = await startNode();
    const reader = connect(third, room, token);
    await whenSynced(reader);
    const stored = readLab(reader.doc);
    expect(accepted.filter((key) => !(key in stored))).toEqual([]);
    expect(Object.keys(stored).filter((key) => key.startsWith('edit')).length).toBe(sent);
  }, 120_000);

  it('[CLUSTER-3] kill -9 of a process: its clients leave the people list on the other process within the presence TTL, not y-protocols’ 30 s', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { room, token } = await createRoom(a.url);
    const observer = connect(a, room, token);
    const onB = connect(b, room, token);
    await Promise.all([whenSynced(observer), whenSynced(onB)]);
    onB.provider.awareness.setLocalStateField('user', { name: 'on B', colour: '#333333' });
    const names = () =>
      [...observer.provider.awareness.getStates().values()].map(
        (state) => (state as { user?: { name?: string } }).user?.name,
      );
    await waitFor(() => names().includes('on B'), 20_000, 'the client on B in the people list on A');

    await b.kill();
    const killedAt = Date.now();
    // Its client keeps trying B's URL: here nowhere. Without the sweep it would stay 30 s (y-protocols' timeout).
    await waitFor(() => !names().includes('on B'), 20_000, 'the client of the killed process gone');
    console.log(`a killed process's client left the people list ${Date.now() - killedAt} ms after kill -9`);
  }, 120_000);

  it('[CLUSTER-4] Redis restarted: rooms go on from the store, fan-out and results resume', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { room, token } = await createRoom(a.url);
    const onA = connect(a, room, token);
    const onB = connect(b, room, token);
    const resultsOnB = connect(b, `${room}${RESULTS_DOC_SUFFIX}`, token);
    await Promise.all([whenSynced(onA), whenSynced(onB), whenSynced(resultsOnB)]);
    await holderOf([a, b]);
    onA.doc.getMap('lab').set('title', 'before');
    await waitFor(() => readLab(onB.doc).title === 'before', 20_000, 'fan-out before');

    await redis.restart();
    // While Redis comes back, edits go on: each process stores and relays its own.
    onA.doc.getMap('lab').set('during', 'the restart');
    await waitUntil(
      async () => (await health(a)).redis === 'ok' && (await health(b)).redis === 'ok',
      30_000,
      'both processes back on Redis',
    );
    await waitFor(
      () => readLab(onB.doc).during === 'the restart',
      30_000,
      'the edit made during the restart',
    );
    await holderOf([a, b]);
    const revision = revisionOf(resultsOnB);
    onA.doc.getMap('lab').set('title', 'after');
    await waitFor(() => readLab(onB.doc).title === 'after', 20_000, 'fan-out after');
    await waitFor(() => revisionOf(resultsOnB) > revision, 30_000, 'results after');
  }, 120_000);

  it('[CLUSTER-4] PostgreSQL unreachable: edits refused with 1013 on every process, nothing unstored relayed; back: edits and results flow again', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { room, token } = await createRoom(a.url);
    const writer = connect(a, room, token);
    const onB = connect(b, room, token);
    const resultsOnB = connect(b, `${room}${RESULTS_DOC_SUFFIX}`, token);
    await Promise.all([whenSynced(writer), whenSynced(onB), whenSynced(resultsOnB)]);
    await holderOf([a, b]);
    const closesOf = (client: SyncClient) => {
      const closes: { code: number; reason: string }[] = [];
      client.provider.on('connection-close', (event) => {
        if (event) closes.push({ code: event.code, reason: event.reason });
      });
      return closes;
    };
    const closes = closesOf(writer);
    const closesOnB = closesOf(onB);
    writer.doc.getMap('lab').set('before', 1);
    await waitFor(() => readLab(onB.doc).before === 1, 20_000, 'an edit while the store is up');

    await postgres.pause();
    writer.doc.getMap('lab').set('during', 2);
    onB.doc.getMap('lab').set('duringOnB', 2);
    await waitFor(() => closes.length > 0 && closesOnB.length > 0, 30_000, 'both writers closed');
    for (const closed of [closes[0], closesOnB[0]])
      expect(closed).toEqual({ code: StorageUnavailable.code, reason: StorageUnavailable.reason });
    for (const node of [a, b]) {
      expect(await health(node)).toMatchObject({ ok: false, storeState: 'unreachable', redis: 'ok' });
      expect(node.alive()).toBe(true);
    }
    // The edit the store refused reached no client of either process.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readLab(onB.doc).during).toBeUndefined();
    expect(readLab(writer.doc).duringOnB).toBeUndefined();

    await postgres.restart();
    // The stock client comes back by itself and sends the refused edit again.
    await waitFor(() => readLab(onB.doc).during === 2, 60_000, 'the refused edit, resent and relayed');
    await waitFor(() => readLab(writer.doc).duringOnB === 2, 60_000, 'B’s refused edit, resent and relayed');
    await waitUntil(async () => (await health(a)).ok && (await health(b)).ok, 30_000, 'both healthy');
    const revision = revisionOf(resultsOnB);
    onB.doc.getMap('lab').set('after', 3);
    await waitFor(() => readLab(writer.doc).after === 3, 20_000, 'an edit after recovery, B → A');
    await waitFor(() => revisionOf(resultsOnB) > revision, 30_000, 'results after recovery');
  }, 120_000);

  it('[CLASS-13] [CLASS-11] a fault on a timer is armed on one process only; kill -9 of that one: another takes the timers over and plants it once', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { opened, ana } = await classWithStudent(a);
    const keeper = await dutyHolderOf([a, b], 'class-timers');
    const other = keeper === a ? b : a;
    // Scheduled on the process that does not keep the timers: it stores the fault and tells the keeper.
    const scheduled = await api(
      other,
      'POST',
      `/api/classes/${opened.class}/faults`,
      opened.instructorToken,
      {
        fault: 'fault-cable-disconnected',
        groups: [ana.group],
        delayMs: 8000,
      },
    );
    expect(scheduled.status).toBe(200);
    expect((await health(other)).faultsArmed).toBe(0);
    await waitUntil(async () => (await health(keeper)).faultsArmed === 1, 20_000, 'the keeper arming it');
    expect((await health(other)).faultsArmed).toBe(0);
    expect((await progressOf(other, opened)).groups[0]?.fault).toBeNull();

    await keeper.kill();
    // The survivor takes the duty over, arms the stored fault and plants it when its time comes.
    await waitUntil(
      async () => (await progressOf(other, opened)).groups[0]?.fault !== null,
      30_000,
      'the fault planted by the survivor',
    );
    const after = await progressOf(other, opened);
    expect(after.groups[0]?.fault).toMatchObject({ fault: 'fault-cable-disconnected' });
    expect(after.groups[0]?.generation).toBe(1);
    expect(after.state.pendingFaults).toEqual([]);
    expect(await health(other)).toMatchObject({ duties: ['class-timers'], faultsArmed: 0 });
  }, 120_000);

  it('[CLASS-13] [CLUSTER-4] a fault that falls due while Redis is down is planted on time, once: the keeper loses its lease but keeps the timer armed', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { opened, ana } = await classWithStudent(a);
    const keeper = await dutyHolderOf([a, b], 'class-timers');
    // Long enough for Redis to go down and the lease to be lost (a TTL of 3 s) before it is due.
    const scheduled = await api(
      keeper,
      'POST',
      `/api/classes/${opened.class}/faults`,
      opened.instructorToken,
      {
        fault: 'fault-cable-disconnected',
        groups: [ana.group],
        delayMs: 20_000,
      },
    );
    expect(scheduled.status).toBe(200);
    await waitUntil(async () => (await health(keeper)).faultsArmed === 1, 20_000, 'the keeper arming it');

    await redis.down();
    await waitUntil(
      async () => {
        const seen = await health(keeper);
        return seen.redis === 'unreachable' && (seen.duties ?? []).length === 0;
      },
      30_000,
      'the keeper losing its lease to the outage',
    );
    // Before the fix the lost lease cleared the timer: nothing was planted until Redis came back.
    await expectPlantedOnceThroughTheOutage([a, b], opened);
  }, 150_000);

  it('[CLASS-13] [CLUSTER-4] a fault scheduled while Redis is down, on a process that does not keep the timers, is armed there and planted on time, once', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { opened, ana } = await classWithStudent(a);
    const keeper = await dutyHolderOf([a, b], 'class-timers');
    const other = keeper === a ? b : a;

    await redis.down();
    await waitUntil(
      async () => {
        const seen = await Promise.all([a, b].map(health));
        return seen.every((one) => one.redis === 'unreachable' && (one.duties ?? []).length === 0);
      },
      30_000,
      'both processes off Redis, the keeper without its lease',
    );
    // Nobody keeps the timers now and the keeper cannot hear of it: the scheduler arms it.
    const scheduled = await api(
      other,
      'POST',
      `/api/classes/${opened.class}/faults`,
      opened.instructorToken,
      { fault: 'fault-cable-disconnected', groups: [ana.group], delayMs: 3000 },
    );
    expect(scheduled.status).toBe(200);
    expect((await health(other)).faultsArmed).toBe(1);
    // Before the fix it waited in the store until Redis came back and a keeper re-armed it.
    await expectPlantedOnceThroughTheOutage([keeper, other], opened);
  }, 150_000);

  it('[CLASS-10] who is online across processes: the dashboard on A sees the students on A and on B, and what they have open; kill -9 of B: its student goes offline', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { opened, ana } = await classWithStudent(a);
    const bo = await api<Joined>(a, 'POST', '/api/classes/join', undefined, {
      code: opened.joinCode,
      name: 'bo',
    });
    expect(bo.status).toBe(201);
    const anaOnA = connect(a, ana.room, ana.token);
    const boOnB = connect(b, bo.body.room, bo.body.token);
    await Promise.all([whenSynced(anaOnA), whenSynced(boOnB)]);
    boOnB.provider.awareness.setLocalState({ user: { name: 'bo', colour: '#222222' }, openVm: 'web' });
    const member = (progress: { groups: GroupProgress[] }, name: string) =>
      progress.groups.flatMap((group) => group.members).find((candidate) => candidate.name === name);
    await waitUntil(
      async () => {
        const progress = await progressOf(a, opened);
        return member(progress, 'ana')?.online === true && member(progress, 'bo')?.editing.openVm === 'web';
      },
      20_000,
      'both students online on A’s dashboard, bo’s open VM with them',
    );
    expect(member(await progressOf(a, opened), 'bo')?.online).toBe(true);

    await b.kill();
    const killedAt = Date.now();
    // bo's client keeps trying B's URL: connected nowhere, he is offline once B's presence expires.
    await waitUntil(
      async () => member(await progressOf(a, opened), 'bo')?.online === false,
      20_000,
      'bo offline after the kill',
    );
    console.log(
      `a student of a killed process went offline on the dashboard ${Date.now() - killedAt} ms after kill -9`,
    );
    const after = await progressOf(a, opened);
    expect(member(after, 'ana')?.online).toBe(true);
    expect(member(after, 'bo')?.editing.openVm).toBeNull();
  }, 120_000);

  it('[CLUSTER-4] [CLASS-5] [CLASS-4] announced while Redis was down: a new generation and a move made on one process close the other’s sockets once Redis is back; health says unreachable meanwhile', async () => {
    const [a, b] = await Promise.all([startNode(), startNode()]);
    const { opened, ana } = await classWithStudent(a);
    const bo = await api<Joined>(a, 'POST', '/api/classes/join', undefined, {
      code: opened.joinCode,
      name: 'bo',
    });
    expect(bo.body.group).toBe(2);
    // Both students' sockets are on B; the instructor acts on A.
    const anaOnB = connect(b, ana.room, ana.token);
    const boOnB = connect(b, bo.body.room, bo.body.token);
    await Promise.all([whenSynced(anaOnB), whenSynced(boOnB)]);
    anaOnB.doc.getMap('lab').set('title', 'first generation');
    // Stored and relayed: A reads it (before the reset makes a new generation of it).
    await waitUntil(
      async () =>
        (await api<{ title?: string }>(a, 'GET', `/api/labs/${ana.room}`, opened.instructorToken)).body
          .title === 'first generation',
      20_000,
      'the edit on A',
    );
    const closesOf = (client: SyncClient) => {
      const closes: number[] = [];
      client.provider.on('connection-close', (event) => {
        if (event) closes.push(event.code);
      });
      return closes;
    };
    const anaCloses = closesOf(anaOnB);
    const boCloses = closesOf(boOnB);

    await redis.down();
    await waitUntil(
      async () => (await health(a)).redis === 'unreachable' && (await health(b)).redis === 'unreachable',
      30_000,
      'both processes seeing Redis unreachable',
    );
    // Redis is not the store: the processes stay healthy and serve on.
    expect(await health(b)).toMatchObject({ ok: true, storeState: 'ok', redis: 'unreachable' });
    const reset = await api<{ generation: number }>(
      a,
      'POST',
      `/api/classes/${opened.class}/groups/${ana.group}/reset`,
      opened.instructorToken,
    );
    expect(reset).toMatchObject({ status: 200, body: { generation: 1 } });
    const moved = await api(
      a,
      'POST',
      `/api/classes/${opened.class}/members/${bo.body.member}/move`,
      opened.instructorToken,
      {
        group: ana.group,
      },
    );
    expect(moved.status).toBe(200);

    await redis.up();
    // B reads again what it missed: ana's room is a new generation (4000: reopen), bo is in another group (4403).
    await waitFor(
      () => anaCloses.includes(4000) && boCloses.includes(4403),
      30_000,
      'both sockets closed on B',
    );
    expect((await health(b)).redis).toBe('ok');
    anaOnB.destroy();
    const fresh = connect(b, ana.room, ana.token);
    await whenSynced(fresh);
    expect(readLab(fresh.doc).title).not.toBe('first generation');
  }, 120_000);
});
