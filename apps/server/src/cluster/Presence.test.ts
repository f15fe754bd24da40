/**
 * Presence over a real Redis (testing/redis.ts): what one process reports of a room
 * reaches another's read, changes follow, a process that stops writing (its connection
 * cut, as a kill -9 leaves it) is gone after the TTL, a clean close removes it at once,
 * and a process whose clock is an hour off is judged by Redis's clock, not its own.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log';
import { startRedis, type TestRedis } from '../testing/redis';
import { waitFor } from '../testing/syncClient';
import { Presence } from './Presence';

let redis: TestRedis;
const connections: Redis[] = [];
const presences: Presence[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const presence of presences.splice(0)) await presence.close();
  for (const connection of connections.splice(0)) connection.disconnect();
});

const TTL_MS = 600;

function processNamed(processId: string, ttlMs = TTL_MS): { presence: Presence; connection: Redis } {
  const connection = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  connections.push(connection);
  const presence = new Presence({ redis: connection, processId, log: silentLogger, ttlMs, tickMs: 50 });
  presences.push(presence);
  return { presence, connection };
}

/** Polls `b`'s read of `room` until `check` holds; the last read. */
async function readUntil(
  reader: Presence,
  room: string,
  check: (values: Map<string, unknown>) => boolean,
  what: string,
): Promise<Map<string, unknown>> {
  let last = new Map<string, unknown>();
  const deadline = Date.now() + 10_000;
  for (;;) {
    last = (await reader.read([room])).get(room) ?? new Map();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify([...last])}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('presence across processes (Redis)', () => {
  it('one process reads what the others report of a room, not its own; changes follow', async () => {
    const a = processNamed('a');
    const b = processNamed('b');
    const c = processNamed('c');
    await waitFor(() => connections.every((connection) => connection.status === 'ready'));
    let onA: unknown = { who: ['ana'] };
    a.presence.report(() => onA);
    a.presence.track('room1');
    b.presence.report(() => ({ who: ['bo'] }));
    b.presence.track('room1');
    c.presence.report(() => ({ who: ['cy'] }));
    c.presence.track('room2');

    const seen = await readUntil(b.presence, 'room1', (values) => values.size === 1, 'a on b');
    expect([...seen]).toEqual([['a', { who: ['ana'] }]]);
    const fromC = await c.presence.read(['room1', 'room2']);
    await readUntil(c.presence, 'room1', (values) => values.size === 2, 'a and b on c');
    expect(fromC.get('room2')?.size).toBe(0);

    onA = { who: ['ana', 'instructor'] };
    await readUntil(
      b.presence,
      'room1',
      (values) => JSON.stringify(values.get('a')).includes('instructor'),
      'the change',
    );
    onA = undefined;
    // Nothing to say, still there (its clients' awareness stands).
    await readUntil(b.presence, 'room1', (values) => values.get('a') === null, 'a saying nothing');
    a.presence.untrack('room1');
    await readUntil(b.presence, 'room1', (values) => values.size === 0, 'a gone with the room');
  });

  it('a process that stops writing is gone after the TTL; a clean close removes it at once', async () => {
    // Long enough that the dead one is surely still there when the closed one is gone.
    const dead = processNamed('dead', 3000);
    const closing = processNamed('closing', 3000);
    const reader = processNamed('reader');
    await waitFor(() => connections.every((connection) => connection.status === 'ready'));
    for (const { presence } of [dead, closing]) {
      presence.report(() => ({ who: ['someone'] }));
      presence.track('room');
    }
    await readUntil(reader.presence, 'room', (values) => values.size === 2, 'both');

    // As a kill -9 leaves it: no more writes, nothing removed.
    dead.connection.disconnect();
    await closing.presence.close();
    // The closed one at once (the dead one's TTL has not passed yet) …
    expect((await reader.presence.read(['room'])).get('room')?.size).toBe(1);
    // … the dead one once its last write's TTL has.
    await readUntil(reader.presence, 'room', (values) => values.size === 0, 'the dead one gone');
    // The reader removed the expired field (the hash itself expires with its last writer).
    const probe = new Redis(redis.url);
    connections.push(probe);
    expect(await probe.hlen('vnetlab:presence:room')).toBe(0);
  });

  it('expiry is judged by Redis’s clock: a writer an hour ahead is not believed longer', async () => {
    const ahead = processNamed('ahead');
    const reader = processNamed('reader');
    await waitFor(() => connections.every((connection) => connection.status === 'ready'));
    const now = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => now() + 3_600_000);
    ahead.presence.report(() => ({ who: ['someone'] }));
    ahead.presence.track('room');
    await readUntil(reader.presence, 'room', (values) => values.size === 1, 'the writer');
    ahead.connection.disconnect();
    // Within readUntil's 10 s, not an hour.
    await readUntil(reader.presence, 'room', (values) => values.size === 0, 'the writer gone');
  });

  it('Redis unreachable: a read answers nothing at once, writes resume once it is back', async () => {
    const writer = processNamed('writer');
    const reader = processNamed('reader');
    await waitFor(() => connections.every((connection) => connection.status === 'ready'));
    writer.presence.report(() => ({ who: ['someone'] }));
    writer.presence.track('room');
    await readUntil(reader.presence, 'room', (values) => values.size === 1, 'the writer');
    await redis.down();
    expect((await reader.presence.read(['room'])).get('room')).toBeUndefined();
    await redis.up();
    // The new Redis is empty: the writer's next refresh puts it back.
    await readUntil(reader.presence, 'room', (values) => values.size === 1, 'the writer again');
  });
});
