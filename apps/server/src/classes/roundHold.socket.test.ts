import { RESULTS_DOC_SUFFIX } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { type ClassServer, join, openClass, startClassServer } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
const connect = async (doc: string, token: string) => {
  const client = connectClient(server.wsUrl, doc, token);
  clients.push(client);
  await whenSynced(client);
  return client;
};

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.dispose();
});

/** The goals a client's results document holds (the engine's answers), by id. */
const goalsOf = (client: SyncClient) =>
  (client.doc.getMap('results').get('goals') ?? {}) as Record<string, { met?: boolean }>;

/** A student's edit: vm2's first adapter into `mode`. */
function setVm2Mode(client: SyncClient, mode: string): void {
  client.doc.transact(() => {
    const vms = client.doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>;
    const adapters = vms.get('vm2')?.get('adapters') as Y.Array<Y.Map<unknown>> | undefined;
    adapters?.get(0).set('mode', mode);
  }, 'ana');
}

/** The close codes a stock provider hears, in order. */
function closeCodes(client: SyncClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event: CloseEvent | null) => codes.push(event?.code ?? 0));
  return codes;
}

describe('a prediction round withholds the results from students', () => {
  it('[CLASS-14] a student gets no results while the round is open (the instructor does) and all of them at the reveal', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    const base = `/api/classes/${opened.class}`;
    await server.api('POST', `${base}/broadcast`, opened.instructorToken, { scenario: 'seed-2-nat' });
    const results = `${ana.room}${RESULTS_DOC_SUFFIX}`;
    const before = await connect(results, ana.token);
    await waitFor(() => Object.keys(goalsOf(before)).length > 0, 10_000, 'the results before the round');
    const codes = closeCodes(before);

    expect((await server.api('POST', `${base}/predict`, opened.instructorToken, {})).status).toBe(201);
    // What the page had synced goes: its socket is closed to reopen with fresh documents.
    await waitFor(() => codes.includes(4000), 10_000, 'the student results socket closed with 4000');
    before.destroy();
    const student = await connect(results, ana.token);
    const instructor = await connect(results, opened.instructorToken);
    await waitFor(() => Object.keys(goalsOf(instructor)).length > 0, 10_000, 'the instructor results');
    expect(goalsOf(student)).toEqual({});

    // A change during the round: the engine answers the instructor, never the student.
    const lab = await connect(ana.room, ana.token);
    const revision = () => instructor.doc.getMap('results').get('revision') as number;
    const seen = revision();
    setVm2Mode(lab, 'none');
    await waitFor(() => revision() > seen, 10_000, 'the instructor sees the new results');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(student.doc.getMap('results').size).toBe(0);

    // The reveal: the student's open socket gets the results as they are now.
    expect((await server.api('POST', `${base}/predict/reveal`, opened.instructorToken)).status).toBe(200);
    await waitFor(
      () => student.doc.getMap('results').get('revision') === revision(),
      10_000,
      'the results reaching the student',
    );
    expect(goalsOf(student)).toEqual(goalsOf(instructor));
    // And what the engine writes next reaches them as before.
    const after = revision();
    setVm2Mode(lab, 'nat');
    await waitFor(
      () => (student.doc.getMap('results').get('revision') as number) > after,
      10_000,
      'the next results reaching the student',
    );
  });

  it('[CLASS-14] the stage withholds them from its student watchers too', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    const base = `/api/classes/${opened.class}`;
    await server.api('POST', `${base}/stage`, opened.instructorToken, { scenario: 'seed-2-nat' });
    await server.api('POST', `${base}/predict`, opened.instructorToken, { scenario: 'seed-2-nat' });
    const results = `${opened.stageRoom}${RESULTS_DOC_SUFFIX}`;
    const watcher = await connect(results, ana.token);
    const instructor = await connect(results, opened.instructorToken);
    await waitFor(() => Object.keys(goalsOf(instructor)).length > 0, 10_000, 'the instructor stage results');
    expect(watcher.doc.getMap('results').size).toBe(0);
    await server.api('POST', `${base}/predict/reveal`, opened.instructorToken);
    await waitFor(() => Object.keys(goalsOf(watcher)).length > 0, 10_000, 'the stage results at the reveal');
  });
});
