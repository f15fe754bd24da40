import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type ServerApp } from '../app';
import { readConsole } from '../console/consoleHistory';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);

let server: ServerApp;
beforeEach(() => {
  server = createApp({
    store: createMemoryStore(),
    evaluate: evaluateInProcess,
    log: silentLogger,
    roomCreation: { capacity: 3, perMinute: 1 },
  });
});
afterEach(() => server.close());

const post = (body?: string, address = '10.0.0.1') =>
  server.app.request(
    '/api/labs',
    { method: 'POST', body, headers: { 'Content-Type': 'application/json' } },
    { incoming: { socket: { remoteAddress: address } } },
  );
const bearer = (token: string) => ({
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
});

async function create(lab: unknown = example) {
  const response = await post(JSON.stringify(lab));
  expect(response.status).toBe(201);
  return (await response.json()) as { room: string; token: string; url: string };
}

describe('labs API', () => {
  it('[API-6] GET /api/health', async () => {
    const response = await server.app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('[API-1] [API-2] POST /api/labs creates a room with a token and the page url; GET returns the lab', async () => {
    const { room, token, url } = await create();
    expect(url).toBe(`/r/${room}?token=${encodeURIComponent(token)}`);
    const response = await server.app.request(`/api/labs/${room}`, bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(example);
  });

  it('[API-1] POST /api/labs without a body creates an empty lab', async () => {
    const response = await post();
    expect(response.status).toBe(201);
    const { room, token } = (await response.json()) as { room: string; token: string };
    expect(await (await server.app.request(`/api/labs/${room}`, bearer(token))).json()).toEqual({
      format: 'vnetlab/1',
      vms: {},
    });
  });

  it('[API-5] answers 400 naming the field path of a bad lab', async () => {
    const bad = structuredClone(example);
    bad.vms.web.adapters[1].mode = 'bridge';
    const response = await post(JSON.stringify(bad));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; errors: { path: string; message: string }[] };
    expect(body.errors[0]?.path).toBe('vms.web.adapters[1].mode');
    expect(body.error).toContain('vms.web.adapters[1].mode');
  });

  it('[API-5] answers 400 for a body that is not JSON', async () => {
    const response = await post('{"format": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('');
  });

  it('[AUTH-2] requires the bearer token: 401 without, 403 wrong, 404 unknown room', async () => {
    const { room } = await create();
    const missing = await server.app.request(`/api/labs/${room}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect((await server.app.request(`/api/labs/${room}`, bearer('nope'))).status).toBe(403);
    expect((await server.app.request(`/api/labs/${room}/results`, bearer('nope'))).status).toBe(403);
    expect((await server.app.request('/api/labs/nosuchroom', bearer('nope'))).status).toBe(404);
  });

  it('[API-4] GET /api/labs/:room/results returns the computed goals, matrix, diagnostics, machines and revision', async () => {
    const { room, token } = await create();
    const response = await server.app.request(`/api/labs/${room}/results`, bearer(token));
    expect(response.status).toBe(200);
    const results = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(results).sort()).toEqual(['diagnostics', 'goals', 'machines', 'matrix', 'revision']);
    expect(results.goals).toHaveProperty('web-out.met');
    expect(results.revision).toBeGreaterThanOrEqual(1);
    expect(results.machines).toContainEqual(expect.objectContaining({ id: 'web', running: true }));
  });

  it('[API-3] PUT /api/labs/:room replaces the lab and the results follow', async () => {
    const { room, token } = await create();
    const lab = { ...example, goals: [] };
    const put = await server.app.request(`/api/labs/${room}`, {
      method: 'PUT',
      body: JSON.stringify(lab),
      ...bearer(token),
    });
    expect(put.status).toBe(200);
    expect(await (await server.app.request(`/api/labs/${room}`, bearer(token))).json()).toEqual(lab);
    const results = await (await server.app.request(`/api/labs/${room}/results`, bearer(token))).json();
    expect(results).toMatchObject({ goals: {} });
  });

  it('[API-3] [API-5] PUT with a bad lab is 400 and leaves the room as it was', async () => {
    const { room, token } = await create();
    const put = await server.app.request(`/api/labs/${room}`, {
      method: 'PUT',
      body: JSON.stringify({ format: 'vnetlab/2' }),
      ...bearer(token),
    });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('format');
    expect(await (await server.app.request(`/api/labs/${room}`, bearer(token))).json()).toEqual(example);
  });

  it('[HOSTILE-4] rate-limits room creation per client address (429 with Retry-After)', async () => {
    for (let i = 0; i < 3; i++) expect((await post(undefined, '10.0.0.7')).status).toBe(201);
    const limited = await post(undefined, '10.0.0.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await post(undefined, '10.0.0.8')).status).toBe(201);
  });

  it('[API-8] refuses a lab body larger than half the document limit, before reading it, and creates nothing', async () => {
    const huge = JSON.stringify({ ...example, title: 'x'.repeat(server.limits.maxDocBytes) });
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toContain('at most');
    expect(server.rooms.loadedCount).toBe(0);
  });

  it('[API-9] POST /api/labs/:room/exec answers a shell line on a machine of the lab, as the guest prints it', async () => {
    const { room, token } = await create();
    const exec = (body: unknown) =>
      server.app.request(`/api/labs/${room}/exec`, {
        method: 'POST',
        body: JSON.stringify(body),
        ...bearer(token),
      });
    const answer = (await (await exec({ machine: 'web', command: 'ip addr' })).json()) as {
      output: string;
      exitCode: number;
    };
    expect(answer.output).toContain('inet 10.0.2.15/24');
    const ping = (await (await exec({ machine: 'db', command: 'ping -c 1 10.0.2.15' })).json()) as {
      probe: { reachable: boolean; reason: string };
    };
    expect(ping.probe.reachable).toBe(false);
    // ip link set changes the machine: the route writes the cable into the room's lab.
    const down = (await (await exec({ machine: 'web', command: 'sudo ip link set enp0s3 down' })).json()) as {
      edit: { path: string; value: boolean };
    };
    expect(down.edit).toEqual({ path: 'vms.web.adapters[0].cable', value: false });
    const lab = (await (await server.app.request(`/api/labs/${room}`, bearer(token))).json()) as {
      vms: { web: { adapters: { cable?: boolean }[] } };
    };
    expect(lab.vms.web.adapters[0]!.cable).toBe(false);
    const after = (await (await exec({ machine: 'web', command: 'ip -br link show enp0s3' })).json()) as {
      output: string;
    };
    expect(after.output).toMatch(/^enp0s3 +DOWN /);
    expect((await exec({ machine: 'nobody', command: 'ip addr' })).status).toBe(404);
    expect((await exec({ machine: 'web' })).status).toBe(400);
    const stranger = await server.app.request(`/api/labs/${room}/exec`, {
      method: 'POST',
      body: JSON.stringify({ machine: 'web', command: 'ip addr' }),
      ...bearer('wrong'),
    });
    expect(stranger.status).toBe(403);
  });

  it('[CONSOLE-1] [CONSOLE-2] exec appends the command, its author and its output to the room console', async () => {
    const { room, token } = await create();
    const exec = (body: unknown) =>
      server.app.request(`/api/labs/${room}/exec`, {
        method: 'POST',
        body: JSON.stringify(body),
        ...bearer(token),
      });
    expect((await exec({ machine: 'web', command: 'ip addr', by: 'Ana' })).status).toBe(200);
    expect((await exec({ machine: 'db', command: 'ping -c 1 10.0.2.15', by: 'Ben' })).status).toBe(200);
    const refused = await exec({ machine: 'web', command: 'ip addr', by: 'x'.repeat(65) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ path: 'by' }] });
    expect((await exec({ machine: 'nobody', command: 'ip addr' })).status).toBe(404);
    const entries = readConsole((await server.rooms.open(room)).lab.doc);
    expect(entries.map((e) => [e.by, e.machine, e.command])).toEqual([
      ['Ana', 'web', 'ip addr'],
      ['Ben', 'db', 'ping -c 1 10.0.2.15'],
    ]);
    expect(entries[0]?.output).toContain('inet 10.0.2.15/24');
    expect(entries[1]?.reason).toBeTruthy();
  });
});
