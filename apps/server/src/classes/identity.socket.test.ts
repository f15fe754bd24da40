/**
 * Who a person is in a class room's awareness comes from their token, over real sockets:
 * a student cannot publish another's key or pass for the instructor, a page that does not
 * know its key yet is named by it all the same, and the instructor's presence (and the
 * "instructor is watching" a student's page shows) is the instructor's socket alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAwarenessEntries } from '../sync/awarenessUpdate';
import { encodeAwareness } from '../sync/protocol';
import { connectClient, openRawSocket, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { type ClassServer, join, openClass, startClassServer, until } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.dispose();
});

const connect = async (room: string, token: string, user: Record<string, unknown>) => {
  const client = connectClient(server.wsUrl, room, token);
  clients.push(client);
  client.provider.awareness.setLocalStateField('user', user);
  await whenSynced(client);
  return client;
};

type User = { name?: string; key?: string; role?: string; view?: string };

/** The user `client` hears `other` publish (undefined while it hears none). */
const userOf = (client: SyncClient, other: SyncClient): User | undefined =>
  (
    client.provider.awareness.getStates().get(other.provider.awareness.clientID) as
      | { user?: User }
      | undefined
  )?.user;

const watching = async (joined: { class: string; token: string }) =>
  (await server.api<{ instructorWatching: boolean }>('GET', `/api/classes/${joined.class}/me`, joined.token))
    .body.instructorWatching;

describe('identity in a class room’s awareness', () => {
  it('[CLASS-7] a student’s key, role and view are stamped by their token: another’s key or the instructor’s role is never relayed, and they stay connected', async () => {
    server = await startClassServer();
    const opened = await openClass(server, { groupSize: 3 });
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    const boClient = await connect(bo.room, bo.token, { name: 'bo' });
    // Ana's page claims Bo's key, the instructor's role and the projector's view.
    const anaClient = await connect(ana.room, ana.token, {
      name: 'ana',
      key: `@${bo.member}`,
      role: 'instructor',
      view: 'projector',
    });
    await waitFor(() => userOf(boClient, anaClient) !== undefined, 10_000, 'bo hears ana');
    expect(userOf(boClient, anaClient)).toEqual({ name: 'ana', key: `@${ana.member}` });

    // Then the instructor's key: still her own, and her later changes go on, stamped the same.
    anaClient.provider.awareness.setLocalStateField('user', { name: 'ana', key: '@instructor' });
    anaClient.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    await waitFor(
      () =>
        (
          boClient.provider.awareness.getStates().get(anaClient.provider.awareness.clientID) as {
            cursor?: unknown;
          }
        )?.cursor !== undefined,
      10_000,
      'bo hears ana’s cursor',
    );
    expect(userOf(boClient, anaClient)?.key).toBe(`@${ana.member}`);
    // Her own page keeps what it set (the echo at its own clock is ignored), and nobody was closed.
    expect(anaClient.provider.awareness.getLocalState()?.user).toEqual({ name: 'ana', key: '@instructor' });
    expect(anaClient.provider.wsconnected).toBe(true);
    expect(boClient.provider.wsconnected).toBe(true);
    // Nor does her claim make anyone's page say the instructor is watching.
    expect(await watching(bo)).toBe(false);
  });

  it('[CLASS-7] a page that publishes no key yet (before /me answers) is named by its token’s key from its first frame', async () => {
    server = await startClassServer();
    const opened = await openClass(server, { groupSize: 2 });
    const ana = await join(server, opened.joinCode, 'ana');
    const anaClient = await connect(ana.room, ana.token, { name: 'ana' });
    const instructor = await connect(ana.room, opened.instructorToken, { name: 'Ms Li' });
    await waitFor(() => userOf(anaClient, instructor) !== undefined, 10_000, 'ana hears the instructor');
    await waitFor(() => userOf(instructor, anaClient) !== undefined, 10_000, 'the instructor hears ana');
    expect(userOf(instructor, anaClient)).toEqual({ name: 'ana', key: `@${ana.member}` });
    // The instructor is the instructor by her token: key and role, the projector's view kept.
    expect(userOf(anaClient, instructor)).toEqual({ name: 'Ms Li', key: '@instructor', role: 'instructor' });
    instructor.provider.awareness.setLocalStateField('user', { name: 'Ms Li', view: 'projector' });
    await waitFor(() => userOf(anaClient, instructor)?.view === 'projector', 10_000, 'the projector view');
    expect(userOf(anaClient, instructor)).toEqual({
      name: 'Ms Li',
      key: '@instructor',
      role: 'instructor',
      view: 'projector',
    });
  });

  it('[CLASS-12] the instructor’s presence cannot be hidden or taken over by a student, and "watching" is the instructor’s socket', async () => {
    server = await startClassServer();
    const opened = await openClass(server, { groupSize: 2 });
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    const boClient = await connect(bo.room, bo.token, { name: 'bo' });
    expect(await watching(bo)).toBe(false);
    const instructor = await connect(ana.room, opened.instructorToken, { name: 'Ms Li' });
    await waitFor(() => userOf(boClient, instructor) !== undefined, 10_000, 'bo hears the instructor');
    expect(await watching(bo)).toBe(true);

    // Ana, on a socket of her own, removes the instructor's state and overwrites it, at later clocks.
    const raw = await openRawSocket(server.wsUrl, ana.room, ana.token);
    const instructorId = instructor.provider.awareness.clientID;
    const clock = (instructor.provider.awareness.meta.get(instructorId)?.clock ?? 0) + 10;
    raw.ws.send(encodeAwareness(encodeAwarenessEntries([{ clientID: instructorId, clock, json: 'null' }])));
    raw.ws.send(
      encodeAwareness(
        encodeAwarenessEntries([
          { clientID: instructorId, clock: clock + 1, json: JSON.stringify({ user: { name: 'nobody' } }) },
        ]),
      ),
    );
    // A state of her own after them: once Bo hears it, the server has handled both forgeries.
    const own = instructorId + 1;
    raw.ws.send(
      encodeAwareness(
        encodeAwarenessEntries([
          { clientID: own, clock: 1, json: JSON.stringify({ user: { name: 'ana', role: 'instructor' } }) },
        ]),
      ),
    );
    await waitFor(() => boClient.provider.awareness.getStates().has(own), 10_000, 'bo hears ana’s own state');
    expect(userOf(boClient, instructor)).toEqual({ name: 'Ms Li', key: '@instructor', role: 'instructor' });
    expect((boClient.provider.awareness.getStates().get(own) as { user?: User }).user).toEqual({
      name: 'ana',
      key: `@${ana.member}`,
    });
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);

    // The instructor leaves: the pages stop saying so, whatever a student still claims.
    instructor.destroy();
    await waitFor(() => userOf(boClient, instructor) === undefined, 10_000, 'the instructor gone');
    expect(
      await until(
        () => watching(bo),
        (now) => !now,
        'not watching any more',
        10_000,
      ),
    ).toBe(false);
    raw.ws.close();
  });
});
