import { afterEach, describe, expect, it } from 'vitest';
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
    expect(aliases.every((name) => /^Student [A-Z]$/.test(name ?? ''))).toBe(true);
    expect(new Set(aliases).size).toBe(3);
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
});
