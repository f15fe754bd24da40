import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer';

const read = (id: string) =>
  JSON.parse(readFileSync(new URL(`../../../../scenarios/${id}.json`, import.meta.url), 'utf8'));

let server: TestServer;
afterEach(async () => {
  await server.stop();
});

async function check(lab: unknown) {
  const response = await fetch(`${server.httpUrl}/api/scenarios/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lab }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('checking a scenario before saving it', () => {
  it('[CLASS-15] says what vnetlab check says: goals met, unmet with the reason, locked paths that match nothing', async () => {
    server = await startTestServer();
    const good = await check(read('router-vm-internal-internet'));
    expect(good.body).toMatchObject({ ok: true, errors: [] });
    const faulty = await check(read('fault-cable-disconnected'));
    expect(faulty.body).toMatchObject({ ok: false, goals: { 'web-out': { met: false } } });
    expect(String((faulty.body.goals as Record<string, { reason: string }>)['web-out']?.reason)).toContain(
      'cable',
    );
    const locking = await check({ ...read('seed-2-nat'), locked: ['vms.nope'] });
    expect(locking.body).toMatchObject({ ok: false, errors: [{ path: 'locked[0]' }] });
    const bad = await check({ format: 'vnetlab/1', vms: { a: { adapters: [{ mode: 'x' }] } } });
    expect(bad.body).toMatchObject({ ok: false, errors: [{ path: 'vms.a.adapters[0].mode' }] });
    const response = await fetch(`${server.httpUrl}/api/scenarios/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'nope',
    });
    expect(response.status).toBe(400);
  });
});
