import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { type ClassServer, join, openClass, startClassServer } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.dispose();
});

const connect = async (room: string, token: string, name: string) => {
  const client = connectClient(server.wsUrl, room, token);
  clients.push(client);
  client.provider.awareness.setLocalStateField('user', { name, colour: '#123456' });
  await whenSynced(client);
  return client;
};

/** The names a client sees in the room's awareness, besides its own. */
const namesSeenBy = (client: SyncClient) =>
  [...client.provider.awareness.getStates()]
    .filter(([id]) => id !== client.provider.awareness.clientID)
    .map(([, state]) => (state as { user?: { name?: string } }).user?.name)
    .sort();

describe('an anonymized stage', () => {
  it('[CLASS-7] watchers of an anonymized spotlight get aliases in awareness, never names; the group and the instructor keep them', async () => {
    server = await startClassServer();
    const opened = await openClass(server, { groupSize: 2 });
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    const cy = await join(server, opened.joinCode, 'cy'); // group 2
    const spotlight = (anonymize: boolean) =>
      server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
        group: 1,
        anonymize,
      });
    await spotlight(true);
    const anaClient = await connect(ana.room, ana.token, 'ana');
    const boClient = await connect(ana.room, bo.token, 'bo');
    const watcher = await connect(ana.room, cy.token, 'cy');
    const instructor = await connect(ana.room, opened.instructorToken, 'Instructor');

    await waitFor(() => namesSeenBy(watcher).length === 3, 10_000, 'the watcher sees three people');
    const aliases = namesSeenBy(watcher);
    // The group's members by the order they joined (as the room's history names them), the instructor as such.
    expect(aliases).toEqual(['Instructor', 'Student A', 'Student B']);
    await waitFor(() => namesSeenBy(anaClient).length === 3, 10_000, 'ana sees three people');
    expect(namesSeenBy(anaClient)).toEqual(['Instructor', 'bo', 'cy']);
    await waitFor(() => namesSeenBy(instructor).length === 3, 10_000, 'the instructor sees three people');
    expect(namesSeenBy(instructor)).toEqual(['ana', 'bo', 'cy']);

    // A later change (ana renames herself) reaches the watcher as an alias too.
    anaClient.provider.awareness.setLocalStateField('user', { name: 'ana b', colour: '#123456' });
    await waitFor(() => namesSeenBy(boClient).includes('ana b'), 10_000, 'bo sees the new name');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(namesSeenBy(watcher)).toEqual(aliases);

    // Names shown again: the watcher is closed (not final), reopens and sees them.
    let closedWith = 0;
    watcher.provider.on('connection-close', (event) => {
      closedWith = event?.code ?? 0;
    });
    await spotlight(false);
    await waitFor(() => closedWith === 4000, 10_000, 'the watcher closed with 4000');
    const again = await connect(ana.room, cy.token, 'cy');
    await waitFor(() => namesSeenBy(again).includes('bo'), 10_000, 'names shown again');
    expect(namesSeenBy(again)).toContain('ana b');
  });

  it('[CLASS-7] a class room names people by key in its history and console; a watcher of an anonymized spotlight reads only aliases, the same ones presence shows', async () => {
    server = await startClassServer();
    const opened = await openClass(server, { groupSize: 2 });
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    const cy = await join(server, opened.joinCode, 'cy'); // group 2
    await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      scenario: 'fault-cable-disconnected',
    });
    await server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
      group: 1,
      anonymize: true,
    });
    const anaClient = await connect(ana.room, ana.token, 'ana');
    const anaResults = connectClient(server.wsUrl, `${ana.room}:results`, ana.token);
    clients.push(anaResults);
    // Ana plugs the cable in (history) and runs a command (console).
    const web = (anaClient.doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>).get(
      'web',
    ) as Y.Map<unknown>;
    (web.get('adapters') as Y.Array<Y.Map<unknown>>).get(0).set('cable', true);
    const exec = (token: string, command: string, by = 'ana') =>
      server.api('POST', `/api/labs/${ana.room}/exec`, token, { machine: 'web', command, by });
    expect((await exec(ana.token, 'ip -br addr')).status).toBe(200);
    await waitFor(() => anaResults.doc.getArray('history').length > 0, 10_000, 'a history entry');

    const history = anaResults.doc.getArray<{ by: string[] }>('history').toArray();
    expect(history.at(-1)?.by).toEqual([`@${ana.member}`]);
    const consoleLines = anaClient.doc.getArray<{ by: string }>('console').toArray();
    expect(consoleLines.at(-1)?.by).toBe(`@${ana.member}`);

    // The watcher (group 2) reads the spotlit room: no name anywhere in either document.
    const watcher = await connect(ana.room, cy.token, 'cy');
    const watcherResults = connectClient(server.wsUrl, `${ana.room}:results`, cy.token);
    clients.push(watcherResults);
    await whenSynced(watcherResults);
    await waitFor(() => namesSeenBy(watcher).length === 1, 10_000, 'the watcher sees ana');
    const everything = JSON.stringify([
      watcher.doc.getMap('lab').toJSON(),
      watcher.doc.getArray('console').toJSON(),
      watcherResults.doc.getMap('results').toJSON(),
      watcherResults.doc.getArray('history').toJSON(),
    ]);
    expect(everything).not.toContain('"ana"');
    expect(everything).toContain(`@${ana.member}`);
    // ...and the names behind the keys are aliases for them, the one presence shows.
    const people = (token: string, room = ana.room) =>
      server.api<{ anonymized: boolean; people: Record<string, string>; aliases?: Record<string, string> }>(
        'GET',
        `/api/classes/${opened.class}/rooms/${room}/people`,
        token,
      );
    const seen = (await people(cy.token)).body;
    expect(seen.anonymized).toBe(true);
    expect(seen.people[`@${ana.member}`]).toBe('Student A');
    expect(seen.people[`@${bo.member}`]).toBe('Student B');
    expect(seen.people['@instructor']).toBe('Instructor');
    expect(JSON.stringify(seen)).not.toMatch(/"(ana|bo|cy)"/);
    expect(namesSeenBy(watcher)).toEqual(['Student A']);
    // The group and the instructor get the names (the instructor the aliases too, for the projector).
    expect((await people(bo.token)).body.people[`@${ana.member}`]).toBe('ana');
    const instructor = (await people(opened.instructorToken)).body;
    expect(instructor.people[`@${ana.member}`]).toBe('ana');
    expect(instructor.aliases?.[`@${ana.member}`]).toBe('Student A');
    // Not spotlit, another group's room names nobody to cy.
    await server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
      group: null,
    });
    expect((await people(cy.token)).status).toBe(403);

    // A watcher types into no one's console; the group signs with its key whatever `by` says.
    await server.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
      group: 1,
      anonymize: false,
    });
    expect((await exec(cy.token, 'ip -br addr', 'cy')).status).toBe(403);
    expect((await exec(bo.token, 'ip -br addr', 'not bo')).status).toBe(200);
    await waitFor(
      () => anaClient.doc.getArray<{ by: string }>('console').toArray().at(-1)?.by === `@${bo.member}`,
      10_000,
      "bo's line signed with his key",
    );
  });
});
