import { readLab, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import type { Evaluate } from '../engine/evaluate';
import { readResults } from '../engine/resultsWriter';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { fakeConnection } from '../testing/fakeSocket';
import { RoomRegistry } from './RoomRegistry';
import { defaultLimits } from './types';

const countVms: Evaluate = async (lab) => ({
  goals: {},
  matrix: Object.keys((lab.vms as object) ?? {}).length,
  diagnostics: [],
  machines: [],
});

function registry(store = createMemoryStore()) {
  return new RoomRegistry({
    store,
    evaluate: countVms,
    limits: defaultLimits,
    log: silentLogger,
    idleMs: 1000,
  });
}

describe('RoomRegistry', () => {
  it('[STORE-4] unloads an idle room and reloads it from the store on demand', async () => {
    const store = createMemoryStore();
    const rooms = registry(store);
    const room = await rooms.open('r1');
    writeLab(room.lab.doc, { format: 'vnetlab/1', vms: { a: {}, b: {} } }, { kind: 'api' });
    expect((await room.currentResults()).matrix).toBe(2);
    rooms.sweep(Date.now() + 2000);
    expect(rooms.isLoaded('r1')).toBe(false);
    const again = await rooms.open('r1');
    expect(readLab(again.lab.doc)).toEqual({ format: 'vnetlab/1', vms: { a: {}, b: {} } });
    expect(readResults(again.results).matrix).toBe(2);
    rooms.close();
  });

  it('[STORE-4] a room unloaded while it loads is loaded again: a new generation is never served from the old one', async () => {
    let generation = 'r1';
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rooms = new RoomRegistry({
      store: createMemoryStore(),
      evaluate: countVms,
      limits: defaultLimits,
      log: silentLogger,
      idleMs: 1000,
      async prepare() {
        const labDoc = generation; // read before the gate: what a slow load saw at its start
        await gate;
        return { labDoc };
      },
    });
    const opened = rooms.open('r1');
    await new Promise((resolve) => setImmediate(resolve)); // the load is in prepare now
    generation = 'r1.g2';
    rooms.unload('r1');
    release();
    const room = await opened;
    expect(room.lab.name).toBe('r1.g2');
    expect(rooms.loaded('r1')).toBe(room);
    await rooms.close();
  });

  it('[STORE-4] keeps a room with connections loaded', async () => {
    const rooms = registry();
    (await rooms.open('r1')).lab.connect(fakeConnection());
    rooms.sweep(Date.now() + 10_000);
    expect(rooms.isLoaded('r1')).toBe(true);
    rooms.close();
  });

  it('[ENGINE-1] recomputes once for a burst of edits', async () => {
    let computations = 0;
    const rooms = new RoomRegistry({
      store: createMemoryStore(),
      evaluate: async (lab) => {
        computations++;
        return countVms(lab);
      },
      limits: defaultLimits,
      log: silentLogger,
      idleMs: 1000,
    });
    const room = await rooms.open('r1');
    await room.whenIdle();
    computations = 0;
    for (let i = 0; i < 50; i++)
      room.lab.doc.transact(() => room.lab.doc.getMap('lab').set('n', i), { kind: 'api' });
    const results = await room.currentResults();
    expect(computations).toBe(1);
    expect(results.revision).toBe(2);
    rooms.close();
  });

  it('[STORE-5] a change the store refuses reaches no one: the room unloads and reloads from disk', async () => {
    const store = createMemoryStore();
    let failing = false;
    const flaky = {
      ...store,
      append(name: string, update: Uint8Array) {
        if (failing) throw new Error('disk full');
        store.append(name, update);
      },
    };
    const rooms = registry(flaky);
    const room = await rooms.open('r1');
    const writer = fakeConnection();
    const reader = fakeConnection();
    room.lab.connect(writer);
    room.lab.connect(reader);
    const before = reader.sent.length;
    failing = true;
    room.lab.doc.transact(() => room.lab.doc.getMap('lab').set('title', 'lost'), { kind: 'api' });
    expect(reader.sent.length).toBe(before);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rooms.isLoaded('r1')).toBe(false);
    expect(reader.closed).toEqual([{ code: 1011, reason: 'Storage failed, reconnect' }]);
    failing = false;
    expect((await rooms.open('r1')).lab.doc.getMap('lab').get('title')).toBeUndefined();
    rooms.close();
  });

  it('[HOSTILE-21] keeps the loaded rooms within a byte budget: idle ones unloaded first, connected ones kept', async () => {
    const rooms = new RoomRegistry({
      store: createMemoryStore(),
      evaluate: countVms,
      limits: defaultLimits,
      log: silentLogger,
      idleMs: 60_000,
      maxLoadedBytes: 10_000,
    });
    const lab = { format: 'vnetlab/1', vms: {}, notes: new Array(8).fill('x'.repeat(1000)) };
    const busy = await rooms.open('busy');
    busy.lab.connect(fakeConnection());
    writeLab(busy.lab.doc, lab, { kind: 'api' });
    const idle = await rooms.open('idle');
    writeLab(idle.lab.doc, lab, { kind: 'api' });
    await busy.whenIdle();
    await idle.whenIdle();
    expect(rooms.loadedBytes).toBeGreaterThan(10_000);
    await rooms.open('third');
    expect(rooms.isLoaded('idle')).toBe(false);
    expect(rooms.isLoaded('busy')).toBe(true);
    rooms.close();
  });
});
