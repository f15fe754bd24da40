import { type JsonObject, readLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { type ClassServer, join, openClass, scenario, startClassServer } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
const connect = (room: string, token: string) => {
  const client = connectClient(server.wsUrl, room, token);
  clients.push(client);
  return client;
};

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.dispose();
});

/** The close codes a stock provider hears, in order. */
function closeCodes(client: SyncClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event: CloseEvent | null) => codes.push(event?.code ?? 0));
  return codes;
}

/** Polls the API until the room's lab has this title (the edit reached the server). */
async function serverHas(room: string, token: string, title: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const lab = (await server.api('GET', `/api/labs/${room}`, token)).body as JsonObject;
    if (lab.title === title) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the server never had title ${title}`);
}

describe('broadcast starts a new generation', () => {
  it('[CLASS-5] every group room holds the scenario as a new generation; clients reopen on it; the old one stays in history', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    await join(server, opened.joinCode, 'bo');
    const cy = await join(server, opened.joinCode, 'cy');
    const a = connect(ana.room, ana.token);
    const c = connect(cy.room, cy.token);
    await whenSynced(a);
    await whenSynced(c);
    a.doc.transact(() => a.doc.getMap('lab').set('title', 'before the broadcast'), 'ana');
    await serverHas(ana.room, ana.token, 'before the broadcast');
    const codesA = closeCodes(a);
    const codesC = closeCodes(c);

    const response = await server.api<{ rooms: string[]; groups: { generation: number }[] }>(
      'POST',
      `/api/classes/${opened.class}/broadcast`,
      opened.instructorToken,
      { scenario: 'seed-2-nat' },
    );
    expect(response.status).toBe(200);
    expect(response.body.rooms).toEqual([ana.room, cy.room]);
    expect(response.body.groups.map((group) => group.generation)).toEqual([1, 1]);
    await waitFor(() => codesA[0] === 4000 && codesC[0] === 4000, 10_000, 'NewGeneration closes');

    // What the web app does on 4000: the same room, a fresh document.
    const fresh = connect(ana.room, ana.token);
    await whenSynced(fresh);
    expect(readLab(fresh.doc)).toEqual(scenario('seed-2-nat'));
    // The stock provider left alone reconnects with its old document: refused, final.
    await waitFor(() => codesA.includes(4409), 10_000, 'StaleGeneration');
    const lab = (await server.api('GET', `/api/labs/${ana.room}`, ana.token)).body as JsonObject;
    expect(lab).toEqual(scenario('seed-2-nat'));
    const results = await server.api<{ goals: Record<string, { met: boolean }> }>(
      'GET',
      `/api/labs/${ana.room}/results`,
      ana.token,
    );
    expect(Object.keys(results.body.goals)).toContain('internet');

    const history = await server.api<{ generations: { generation: number; label: string }[] }>(
      'GET',
      `/api/classes/${opened.class}/rooms/${ana.room}/generations`,
      opened.instructorToken,
    );
    expect(history.body.generations.map(({ generation, label }) => [generation, label])).toEqual([
      [0, 'created'],
      [1, 'scenario:seed-2-nat'],
    ]);
    const old = await server.api(
      'GET',
      `/api/classes/${opened.class}/rooms/${ana.room}/generations/0`,
      opened.instructorToken,
    );
    expect((old.body as JsonObject).title).toBe('before the broadcast');

    // A group opened after the broadcast starts from the scenario.
    await join(server, opened.joinCode, 'di');
    const ed = await join(server, opened.joinCode, 'ed');
    expect((await server.api('GET', `/api/labs/${ed.room}`, ed.token)).body).toEqual(scenario('seed-2-nat'));
  });

  it('[CLASS-5] reset brings one group back to the scenario; push to the stage; bad bodies name the field', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    await join(server, opened.joinCode, 'bo');
    const cy = await join(server, opened.joinCode, 'cy');
    await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      scenario: 'seed-6-internal',
    });
    for (const student of [ana, cy]) {
      const client = connect(student.room, student.token);
      await whenSynced(client);
      client.doc.transact(() => client.doc.getMap('lab').set('title', `changed by ${student.member}`), 'x');
      await serverHas(student.room, student.token, `changed by ${student.member}`);
    }
    const reset = await server.api(
      'POST',
      `/api/classes/${opened.class}/groups/1/reset`,
      opened.instructorToken,
    );
    expect(reset.body).toEqual({ room: ana.room, generation: 2 });
    expect((await server.api('GET', `/api/labs/${ana.room}`, ana.token)).body).toEqual(
      scenario('seed-6-internal'),
    );
    const other = (await server.api('GET', `/api/labs/${cy.room}`, cy.token)).body as JsonObject;
    expect(other.title).toBe(`changed by ${cy.member}`);

    const staged = await server.api('POST', `/api/classes/${opened.class}/stage`, opened.instructorToken, {
      scenario: 'seed-1-bridged',
    });
    expect(staged.body).toEqual({ room: opened.stageRoom, generation: 1 });
    expect((await server.api('GET', `/api/labs/${opened.stageRoom}`, ana.token)).body).toEqual(
      scenario('seed-1-bridged'),
    );

    const unknown = await server.api(
      'POST',
      `/api/classes/${opened.class}/broadcast`,
      opened.instructorToken,
      { scenario: 'nope' },
    );
    expect(unknown.status).toBe(404);
    const bad = await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      lab: { format: 'vnetlab/1', vms: { web: { adapters: [{ mode: 'bridge' }] } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ path: 'lab.vms.web.adapters[0].mode' }] });
    expect(
      (
        await server.api('POST', `/api/classes/${opened.class}/broadcast`, ana.token, {
          scenario: 'seed-2-nat',
        })
      ).status,
    ).toBe(403);
  });
});
