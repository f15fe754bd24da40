import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type ServerApp } from '../app';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { MAX_PROBES } from './probeRoutes';

const lab = {
  format: 'vnetlab/1',
  vms: {
    web: { adapters: [{ mode: 'nat' }], listen: ['tcp/22'] },
    db: { adapters: [{ mode: 'internal', network: 'intnet', ip: { address: '10.10.0.2/24' } }] },
  },
};

let server: ServerApp;
beforeEach(() => {
  server = createApp({ store: createMemoryStore(), evaluate: evaluateInProcess, log: silentLogger });
});
afterEach(() => server.close());

async function create() {
  const response = await server.app.request('/api/labs', { method: 'POST', body: JSON.stringify(lab) });
  return (await response.json()) as { room: string; token: string };
}

const post = (room: string, path: string, body: unknown, token?: string) =>
  server.app.request(`/api/labs/${room}/${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });

describe('POST /api/labs/:room/probe', () => {
  it('answers the engine probe with its hops, hop by hop to the internet', async () => {
    const { room, token } = await create();
    const response = await post(room, 'probe', { from: 'web', to: 'internet', kind: 'ping' }, token);
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      reachable: boolean;
      hops: { node: string; action: string }[];
    };
    expect(result.reachable).toBe(true);
    expect(result.hops.map((h) => h.node)).toContain('nat:web/0');
    expect(result.hops.at(-1)).toMatchObject({ node: 'web', action: 'deliver' });
  });

  it('explains a failure and ends in a drop or an empty path', async () => {
    const { room, token } = await create();
    const response = await post(room, 'probe', { from: 'web', to: 'db', kind: 'ping' }, token);
    const result = (await response.json()) as { reachable: boolean; reason: string; why: { code: string } };
    expect(result.reachable).toBe(false);
    expect(result.reason).toContain('intnet');
    expect(result.why.code).toBeTruthy();
  });

  it('needs the room token', async () => {
    const { room, token } = await create();
    expect((await post(room, 'probe', { from: 'web', to: 'db', kind: 'ping' })).status).toBe(401);
    expect((await post(room, 'probe', { from: 'web', to: 'db', kind: 'ping' }, `${token}x`)).status).toBe(
      403,
    );
  });

  it('names the bad field of a probe', async () => {
    const { room, token } = await create();
    const response = await post(room, 'probe', { from: 'web', to: 'db', kind: 'tcp' }, token);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^port: /);
    const inList = await post(room, 'probes', { probes: [{ from: 'web', to: 'db', kind: 'icmp' }] }, token);
    expect(((await inList.json()) as { error: string }).error).toMatch(/^probes\[0\]\.kind: /);
  });

  it('is rate-limited per room like the console', async () => {
    const { room, token } = await create();
    // All at once: the bucket (30, then 5 a second) cannot refill much meanwhile, however slow the machine.
    const statuses = await Promise.all(
      Array.from({ length: 60 }, async () => {
        const response = await post(room, 'probe', { from: 'web', to: 'internet', kind: 'ping' }, token);
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(30);
    expect(statuses).toContain(429);
  });
});

describe('POST /api/labs/:room/probes', () => {
  it('answers a grid of verdicts without hops, in order', async () => {
    const { room, token } = await create();
    const probes = [
      { from: 'web', to: 'internet', kind: 'ping' },
      { from: 'db', to: 'web', kind: 'tcp', port: 22 },
    ];
    const response = await post(room, 'probes', { probes }, token);
    const { results } = (await response.json()) as { results: Record<string, unknown>[] };
    expect(results.map((r) => [r.from, r.to, r.reachable])).toEqual([
      ['web', 'internet', true],
      ['db', 'web', false],
    ]);
    expect(results[0]).not.toHaveProperty('hops');
  });

  it(`refuses more than ${MAX_PROBES} probes at once`, async () => {
    const { room, token } = await create();
    const probes = Array.from({ length: MAX_PROBES + 1 }, () => ({ from: 'web', to: 'db', kind: 'ping' }));
    const response = await post(room, 'probes', { probes }, token);
    expect(response.status).toBe(400);
  });
});
