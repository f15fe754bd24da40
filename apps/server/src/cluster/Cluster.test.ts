/**
 * Two servers in one test process over one store and a real Redis (testing/redis.ts):
 * fan-out both ways, awareness across, one engine per room, the lease moving when its
 * holder leaves. The same with real processes and PostgreSQL: cluster.process.test.ts.
 */
import { RESULTS_DOC_SUFFIX, RESULTS_ROOT, readLab } from '@vnetlab/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../classes/testing';
import type { Evaluate } from '../engine/evaluate';
import { evaluateInProcess } from '../engine/labEngine';
import { createMemoryStore } from '../store/memoryStore';
import type { Store } from '../store/types';
import { startRedis, type TestRedis } from '../testing/redis';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let redis: TestRedis;
const servers: TestServer[] = [];
const clients: SyncClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.stop();
});

/** Two servers sharing `store` (closing one must not close it for the other). */
async function twoServers(
  store: Store = createMemoryStore(),
  evaluate: Evaluate = evaluateInProcess,
): Promise<[TestServer, TestServer]> {
  const shared: Store = { ...store, close() {} };
  const options = { store: shared, evaluate, redisUrl: redis.url, lease: { ttlMs: 1000, tickMs: 100 } };
  const a = await startTestServer(options);
  const b = await startTestServer(options);
  servers.push(a, b);
  return [a, b];
}

function connect(server: TestServer, name: string, token: string): SyncClient {
  const client = connectClient(server.wsUrl, name, token);
  clients.push(client);
  return client;
}

function revisionOf(client: SyncClient): number {
  const revision = client.doc.getMap(RESULTS_ROOT).get('revision');
  return typeof revision === 'number' ? revision : 0;
}

function engines(a: TestServer, b: TestServer, room: string): number {
  return [a, b].filter((server) => server.rooms.loaded(room)?.engineOwner).length;
}

describe('cluster mode over Redis', () => {
  it('an edit on one process reaches the clients of the other, and back; one engine computes', async () => {
    const [a, b] = await twoServers();
    const { room, token } = await a.createRoom();
    const onA = connect(a, room, token);
    const onB = connect(b, room, token);
    const resultsOnB = connect(b, `${room}${RESULTS_DOC_SUFFIX}`, token);
    await Promise.all([whenSynced(onA), whenSynced(onB), whenSynced(resultsOnB)]);
    await waitFor(() => a.cluster?.health().redis === 'ok' && b.cluster?.health().redis === 'ok');
    await waitFor(() => engines(a, b, room) === 1, 5000, 'one lease holder');

    onA.doc.getMap('lab').set('title', 'from A');
    await waitFor(() => readLab(onB.doc).title === 'from A', 5000, 'A → B');
    onB.doc.getMap('lab').set('notes', 'from B');
    await waitFor(() => readLab(onA.doc).notes === 'from B', 5000, 'B → A');

    // The results of the last edit reach B's client, whichever process computed them.
    const before = revisionOf(resultsOnB);
    const computedBefore = a.rooms.computations + b.rooms.computations;
    onB.doc.getMap('lab').set('title', 'again');
    await waitFor(() => revisionOf(resultsOnB) > before, 5000, 'results on B');
    await Promise.all([a.rooms.loaded(room)?.whenIdle(), b.rooms.loaded(room)?.whenIdle()]);
    const holder = a.rooms.loaded(room)?.engineOwner ? a : b;
    const other = holder === a ? b : a;
    expect(engines(a, b, room)).toBe(1);
    expect(other.rooms.computations).toBe(0);
    expect(holder.rooms.computations).toBeGreaterThan(computedBefore - other.rooms.computations - 1);
    expect(holder.cluster?.health().leases).toBe(1);
    expect(other.cluster?.health().leases).toBe(0);
  });

  it('results asked of a process that does not compute wait for the holder’s', async () => {
    // An engine slow enough that results asked at once would be those of the empty lab.
    const slow: Evaluate = async (lab) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return evaluateInProcess(lab);
    };
    const [a, b] = await twoServers(createMemoryStore(), slow);
    const { room, token } = await a.createRoom();
    const onA = connect(a, room, token);
    const onB = connect(b, room, token);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    await waitFor(() => engines(a, b, room) === 1, 5000, 'one lease holder');
    const other = a.rooms.loaded(room)?.engineOwner ? b : a;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const put = await fetch(`${other.httpUrl}/api/labs/${room}`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(scenario('seed-2-nat')),
    });
    expect(put.status).toBe(200);
    const results = (await (
      await fetch(`${other.httpUrl}/api/labs/${room}/results`, { headers: auth })
    ).json()) as {
      machines: unknown[];
    };
    expect(results.machines.length).toBeGreaterThan(0);
    expect(other.rooms.computations).toBe(0);
  });

  it('people see each other across processes (awareness)', async () => {
    const [a, b] = await twoServers();
    const { room, token } = await a.createRoom();
    const onA = connect(a, room, token);
    const onB = connect(b, room, token);
    await Promise.all([whenSynced(onA), whenSynced(onB)]);
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await waitFor(
      () => {
        const state = onB.provider.awareness.getStates().get(onA.doc.clientID) as {
          user?: { name?: string };
        };
        return state?.user?.name === 'Ada';
      },
      5000,
      'Ada seen on B',
    );
    onB.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(
      () => {
        const state = onA.provider.awareness.getStates().get(onB.doc.clientID) as {
          user?: { name?: string };
        };
        return state?.user?.name === 'Bob';
      },
      5000,
      'Bob seen on A',
    );
    // Ada leaves: B's people see her go.
    onA.destroy();
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), 5000, 'Ada gone on B');
  });

  it('the lease moves when its holder leaves, and results resume there', async () => {
    const [a, b] = await twoServers();
    const { room, token } = await a.createRoom();
    const onA = connect(a, room, token);
    const onB = connect(b, room, token);
    const resultsOnA = connect(a, `${room}${RESULTS_DOC_SUFFIX}`, token);
    const resultsOnB = connect(b, `${room}${RESULTS_DOC_SUFFIX}`, token);
    await Promise.all([whenSynced(onA), whenSynced(onB), whenSynced(resultsOnA), whenSynced(resultsOnB)]);
    await waitFor(() => engines(a, b, room) === 1, 5000, 'one lease holder');
    const holder = a.rooms.loaded(room)?.engineOwner ? a : b;
    const other = holder === a ? b : a;
    const survivor = other === a ? onA : onB;
    const results = other === a ? resultsOnA : resultsOnB;
    servers.splice(servers.indexOf(holder), 1);
    await holder.stop();
    await waitFor(() => other.rooms.loaded(room)?.engineOwner === true, 5000, 'the lease taken over');
    const before = revisionOf(results);
    survivor.doc.getMap('lab').set('title', 'after the holder left');
    await waitFor(() => revisionOf(results) > before, 5000, 'results from the new holder');
    expect(other.cluster?.health().leases).toBe(1);
  });
});
