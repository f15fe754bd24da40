/**
 * Class state across the processes of a cluster: two servers, each with its own
 * connection to one real PostgreSQL database (as two processes would) and a real Redis,
 * the instructor on one, the students' sockets on the other. What a process
 * caches or acts on locally (pause, a member's move, a new generation) reaches the other.
 */
import { type JsonObject, RESULTS_ROOT, readLab } from '@vnetlab/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { ClassProgress } from '../classes/progress';
import { type ClassServer, join, openClass, scenario, startClassServer, until } from '../classes/testing';
import { silentLogger } from '../log';
import { createPostgresStore } from '../store/postgres';
import type { Store } from '../store/types';
import { unpluggedLab } from '../testing/labs';
import { startPostgres, type TestPostgres } from '../testing/postgres';
import { startRedis, type TestRedis } from '../testing/redis';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let redis: TestRedis;
let postgres: TestPostgres;
let instructorSide: ClassServer;
let studentSide: TestServer;
/** Each server's own store over the test's database. */
let stores: Store[] = [];
const clients: SyncClient[] = [];
const studentLog: { event: string; fields: Record<string, unknown> }[] = [];
/** Which side's store was asked to note a goal turning green (`setLastGreen`), in order. */
const greenWrites: ('instructor side' | 'student side')[] = [];

const unplugged = unpluggedLab;

beforeAll(async () => {
  redis = await startRedis();
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  studentLog.length = 0;
  greenWrites.length = 0;
  await instructorSide.stop();
  await studentSide.stop();
  stores = [];
});

async function twoServers(): Promise<void> {
  const url = await postgres.createDatabase();
  // One after the other: the first runs the migrations.
  for (let n = 0; n < 2; n++) stores.push(await createPostgresStore({ url, log: silentLogger }));
  const [forInstructor, forStudents] = stores as [Store, Store];
  for (const [store, side] of [
    [forInstructor, 'instructor side'],
    [forStudents, 'student side'],
  ] as const) {
    const classes = store.classes;
    if (!classes) throw new Error('the PostgreSQL store keeps classes');
    const write = classes.setLastGreen.bind(classes);
    classes.setLastGreen = (room, at) => {
      greenWrites.push(side);
      return write(room, at);
    };
  }
  const cluster = { redisUrl: redis.url, lease: { ttlMs: 1000, tickMs: 100 } };
  // Each server closes its own store when it stops.
  instructorSide = await startClassServer({ ...cluster, store: forInstructor });
  studentSide = await startTestServer({
    ...cluster,
    store: forStudents,
    log: (event, fields = {}) => studentLog.push({ event, fields }),
  });
}

async function studentOnOtherProcess(lab: JsonObject = scenario('seed-2-nat')) {
  await twoServers();
  const opened = await openClass(instructorSide);
  const ana = await join(instructorSide, opened.joinCode, 'ana');
  await instructorSide.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
    lab,
  });
  const a = connectClient(studentSide.wsUrl, ana.room, ana.token);
  clients.push(a);
  await whenSynced(a);
  return { opened, ana, a };
}

describe('classes in cluster mode', () => {
  it('[CLASS-9] a pause set on one process makes the rooms on the other read-only', async () => {
    const { opened, a } = await studentOnOtherProcess();
    await instructorSide.api('POST', `/api/classes/${opened.class}/pause`, opened.instructorToken);
    // Each try is a new write: the first ones may land before the news does.
    let tries = 0;
    await waitFor(
      () => {
        if (studentLog.some(({ event, fields }) => event === 'write-compensated' && fields.paused === true))
          return true;
        a.doc.transact(() => a.doc.getMap('lab').set('title', `during the pause ${tries++}`), 'ana');
        return false;
      },
      5000,
      'a write restored on the students’ process',
    );
    await instructorSide.api('POST', `/api/classes/${opened.class}/resume`, opened.instructorToken);
    // Editable again once the news is in: a write then stands.
    let stood = false;
    for (let attempt = 0; attempt < 30 && !stood; attempt++) {
      const title = `after the pause ${attempt}`;
      a.doc.transact(() => a.doc.getMap('lab').set('title', title), 'ana');
      await new Promise((resolve) => setTimeout(resolve, 150));
      stood = readLab(a.doc).title === title;
    }
    expect(stood).toBe(true);
    expect(tries).toBeLessThan(50);
  });

  it('[CLASS-4] a member moved on one process is closed on the other', async () => {
    const { opened, ana, a } = await studentOnOtherProcess();
    await join(instructorSide, opened.joinCode, 'bo');
    const closed = new Promise<number>((resolve) =>
      a.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    const moved = await instructorSide.api(
      'POST',
      `/api/classes/${opened.class}/members/${ana.member}/move`,
      opened.instructorToken,
      { group: 2 },
    );
    expect(moved.status).toBe(200);
    expect(await closed).toBe(4403);
  });

  it('[CLASS-5] a new generation started on one process unloads the room on the other', async () => {
    const { opened, ana, a } = await studentOnOtherProcess();
    expect(studentSide.rooms.isLoaded(ana.room)).toBe(true);
    const closed = new Promise<number>((resolve) =>
      a.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    await instructorSide.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      lab: { ...scenario('seed-2-nat'), title: 'second generation' },
    });
    expect(await closed).toBe(4000);
    const fresh = connectClient(studentSide.wsUrl, ana.room, ana.token);
    clients.push(fresh);
    await whenSynced(fresh);
    expect(readLab(fresh.doc).title).toBe('second generation');
  });

  it('[CLASS-10] a goal turning green is noted once across the cluster, by the process whose engine computed it', async () => {
    const { ana, a } = await studentOnOtherProcess(unplugged);
    // The group room is loaded on both processes: each sees the results, one computes them.
    const rooms = [await instructorSide.rooms.open(ana.room), await studentSide.rooms.open(ana.room)];
    const cluster = (server: TestServer) => {
      if (!server.cluster) throw new Error('cluster mode');
      return server.cluster;
    };
    await waitFor(
      () => [instructorSide, studentSide].filter((side) => cluster(side).holdsLease(ana.room)).length === 1,
      10_000,
      'one lease holder',
    );
    const holder = cluster(instructorSide).holdsLease(ana.room) ? 'instructor side' : 'student side';
    a.doc.transact(() => {
      const vms = a.doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>;
      const adapters = vms.get('web')?.get('adapters') as Y.Array<Y.Map<unknown>> | undefined;
      adapters?.get(0).set('mode', 'nat');
    }, 'ana');
    const met = (room: (typeof rooms)[number]) => {
      const goals = room.results.doc.getMap<unknown>(RESULTS_ROOT).get('goals') as
        | Record<string, { met?: boolean }>
        | undefined;
      return goals?.['web-out']?.met === true;
    };
    // Both processes have applied the green results (each one's goal watcher has seen them).
    await waitFor(() => rooms.every(met), 20_000, 'the goal met on both processes');
    expect(greenWrites).toEqual([holder]);
    // The holder's write to PostgreSQL may still be in flight when the results are applied.
    const classes = stores[0]?.classes;
    await until(
      async () => (await classes?.lastGreen(ana.room)) ?? null,
      (at) => at !== null,
      'the green moment stored',
      10_000,
    );
  });

  it('[CLASS-10] the dashboard on one process sees who is online on the other, what they have open and their last edit', async () => {
    const { opened, ana, a } = await studentOnOtherProcess(unplugged);
    const progress = () =>
      instructorSide
        .api<ClassProgress>('GET', `/api/classes/${opened.class}/progress`, opened.instructorToken)
        .then((response) => response.body);
    const anaOf = (seen: ClassProgress) => seen.groups[0]?.members.find((member) => member.id === ana.member);
    await until(progress, (seen) => anaOf(seen)?.online === true, 'ana online on the other process', 15_000);

    // She opens web's settings and plugs its adapter into NAT, all on the students' process.
    a.provider.awareness.setLocalState({ user: { name: 'ana', colour: '#111111' }, openVm: 'web' });
    a.doc.transact(() => {
      const vms = a.doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>;
      const adapters = vms.get('web')?.get('adapters') as Y.Array<Y.Map<unknown>> | undefined;
      adapters?.get(0).set('mode', 'nat');
    }, 'ana');
    const seen = await until(
      progress,
      (value) => anaOf(value)?.editing.openVm === 'web' && anaOf(value)?.editing.lastEdit !== null,
      'who edits what, from the other process',
      15_000,
    );
    expect(anaOf(seen)?.editing.lastEdit).toMatchObject({ path: 'vms.web.adapters[0].mode', vm: 'web' });

    // The instructor watches on the students' process: ana's own page, asked of the other, says so.
    const watching = connectClient(studentSide.wsUrl, ana.room, opened.instructorToken);
    clients.push(watching);
    await whenSynced(watching);
    const me = () =>
      instructorSide
        .api<{ instructorWatching: boolean }>('GET', `/api/classes/${opened.class}/me`, ana.token)
        .then((response) => response.body);
    await until(
      me,
      (value) => value.instructorWatching,
      'the instructor watching, seen from the other process',
      15_000,
    );
    await until(
      progress,
      (value) => value.groups[0]?.instructorWatching === true,
      'on the dashboard too',
      15_000,
    );

    // She leaves: offline on the dashboard; her last edit stays.
    a.destroy();
    const after = await until(progress, (value) => anaOf(value)?.online === false, 'ana gone', 15_000);
    expect(anaOf(after)?.editing.lastEdit).toMatchObject({ path: 'vms.web.adapters[0].mode' });
  });

  it('[CLASS-7] [CLUSTER-4] names hidden on the stage while Redis was down: the other process closes its watchers (4000) once Redis is back; reopened, they see aliases', async () => {
    const { opened, ana, a } = await studentOnOtherProcess();
    await join(instructorSide, opened.joinCode, 'bo'); // group 1, with ana
    const cy = await join(instructorSide, opened.joinCode, 'cy'); // group 2
    a.provider.awareness.setLocalStateField('user', { name: 'ana', colour: '#123456' });
    const spotlight = (anonymize: boolean) =>
      instructorSide.api('PUT', `/api/classes/${opened.class}/spotlight`, opened.instructorToken, {
        group: 1,
        anonymize,
      });
    expect((await spotlight(false)).status).toBe(200);
    const namesSeenBy = (client: SyncClient) =>
      [...client.provider.awareness.getStates()]
        .filter(([id]) => id !== client.provider.awareness.clientID)
        .map(([, state]) => (state as { user?: { name?: string } }).user?.name);
    // cy watches group 1 on the students' process and sees ana's name.
    const watcher = connectClient(studentSide.wsUrl, ana.room, cy.token);
    clients.push(watcher);
    await whenSynced(watcher);
    await waitFor(() => namesSeenBy(watcher).includes('ana'), 15_000, 'the watcher sees ana');
    const closes: number[] = [];
    watcher.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });

    const redisOf = (server: TestServer) => server.cluster?.health().redis;
    await redis.down();
    await waitFor(
      () => redisOf(instructorSide) === 'unreachable' && redisOf(studentSide) === 'unreachable',
      15_000,
      'both processes seeing Redis unreachable',
    );
    expect((await spotlight(true)).status).toBe(200);
    await redis.up();
    await waitFor(() => closes.includes(4000), 30_000, 'the watcher closed on the students’ process');
    watcher.destroy();
    const again = connectClient(studentSide.wsUrl, ana.room, cy.token);
    clients.push(again);
    await whenSynced(again);
    await waitFor(() => namesSeenBy(again).includes('Student A'), 15_000, 'the alias after reopening');
    expect(namesSeenBy(again)).not.toContain('ana');
  });
});
