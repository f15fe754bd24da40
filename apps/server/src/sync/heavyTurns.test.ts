import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { fakeConnection } from '../testing/fakeSocket';
import { DocChannel, HEAVY_UPDATE_BYTES } from './DocChannel';
import { heavyStepsWaiting, heavyTurn } from './heavyTurns';
import { encodeUpdate } from './protocol';
import { computesHeavily, Room } from './Room';
import { defaultLimits } from './types';

/** 9,000 keys in one update, as the hostile bench writes them (~150 KB). */
function keysUpdate(count: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < count; i++) doc.getMap('lab').set(`unknown${i}`, i);
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('heavyTurn', () => {
  it('grants a turn at once when no heavy step waits', async () => {
    // Settles before a macrotask queued after it: no added turn for a lone step.
    let later = false;
    setTimeout(() => {
      later = true;
    }, 0);
    await heavyTurn();
    expect(later).toBe(false);
    // Let the grant lapse before the next test.
    await new Promise((resolve) => setTimeout(resolve, 5));
  });

  it('runs steps asked for at once one per turn, with the event loop turning between them', async () => {
    const events: string[] = [];
    const steps = Array.from({ length: 4 }, (_, i) =>
      heavyTurn().then(() => {
        events.push(`step ${i}`);
        // What a socket's frame would be: queued during the step, it must run before the next step.
        setImmediate(() => events.push(`between ${i}`));
      }),
    );
    expect(heavyStepsWaiting()).toBe(3);
    await Promise.all(steps);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([
      'step 0',
      'between 0',
      'step 1',
      'between 1',
      'step 2',
      'between 2',
      'step 3',
      'between 3',
    ]);
    expect(heavyStepsWaiting()).toBe(0);
  });
});

describe('a heavy client update', () => {
  function channel(name: string): DocChannel {
    return new DocChannel({
      name,
      store: createMemoryStore(),
      writable: true,
      limits: defaultLimits,
      log: silentLogger,
    });
  }

  it('[HOSTILE-27] is checked in one turn and applied in another: another room’s frame is handled between; the next frame of its document waits behind it', async () => {
    const attacked = channel('attacked');
    const bystanderRoom = channel('bystander');
    const attacker = fakeConnection();
    const bystander = fakeConnection();
    attacked.connect(attacker);
    bystanderRoom.connect(bystander);
    const big = keysUpdate(9000);
    expect(big.byteLength).toBeGreaterThan(HEAVY_UPDATE_BYTES);
    const order: string[] = [];
    attacked.doc.on('update', () => order.push('attacked'));
    bystanderRoom.doc.on('update', () => order.push('bystander'));
    attacked.receive(attacker, encodeUpdate(big));
    // The attacker's next edit, and another room's, both arriving after the big one.
    const next = new Y.Doc();
    Y.applyUpdate(next, big);
    const before = Y.encodeStateVector(next);
    next.getMap('lab').set('title', 'after');
    attacked.receive(attacker, encodeUpdate(Y.encodeStateAsUpdate(next, before)));
    setImmediate(() => {
      const edit = new Y.Doc();
      edit.getMap('lab').set('title', 'bystander');
      bystanderRoom.receive(bystander, encodeUpdate(Y.encodeStateAsUpdate(edit)));
    });
    expect(attacked.doc.getMap('lab').size).toBe(0);
    await expect.poll(() => attacked.doc.getMap('lab').get('title'), { timeout: 15_000 }).toBe('after');
    expect(order).toEqual(['bystander', 'attacked', 'attacked']);
    expect(attacked.doc.getMap('lab').size).toBe(9001);
    expect(attacker.closed).toEqual([]);
  });

  it('[HOSTILE-27] a small update is still applied at once, in the frame’s own turn', () => {
    const room = channel('small');
    const writer = fakeConnection();
    room.connect(writer);
    room.receive(writer, encodeUpdate(keysUpdate(10)));
    expect(room.doc.getMap('lab').size).toBe(10);
  });
});

describe('a heavy lab’s computation', () => {
  function roomOf(id: string, evaluated: string[]): Room {
    return new Room({
      id,
      store: createMemoryStore(),
      evaluate: (lab, trace) => {
        evaluated.push(id);
        return evaluateInProcess(lab, trace);
      },
      limits: defaultLimits,
      log: silentLogger,
    });
  }

  it('[HOSTILE-28] a 9,000-key lab (no machines) reads and writes its results in heavy turns: another room’s frame is handled before its read', async () => {
    const order: string[] = [];
    const attacked = roomOf('attacked', order);
    const bystanderRoom = roomOf('bystander', []);
    await attacked.whenIdle();
    order.length = 0; // its first computation, of the empty lab
    const attacker = fakeConnection();
    const bystander = fakeConnection();
    attacked.lab.connect(attacker);
    bystanderRoom.lab.connect(bystander);
    bystanderRoom.lab.doc.on('update', () => order.push('bystander'));
    attacked.lab.doc.on('update', () => {
      // Queued after the room asked for its computation: with no turn of its own, the
      // computation would read the lab first.
      setImmediate(() => {
        const edit = new Y.Doc();
        edit.getMap('lab').set('title', 'bystander');
        bystanderRoom.lab.receive(bystander, encodeUpdate(Y.encodeStateAsUpdate(edit)));
      });
    });
    attacked.lab.receive(attacker, encodeUpdate(keysUpdate(9000)));
    await expect.poll(() => attacked.computations, { timeout: 15_000 }).toBeGreaterThan(1);
    await attacked.whenIdle();
    expect(order).toEqual(['bystander', 'attacked']);
    expect(computesHeavily(attacked)).toBe(true);
    expect(computesHeavily(bystanderRoom)).toBe(false);
    expect(JSON.stringify(attacked.results.doc.getMap('results').toJSON())).toContain('unknown');
    await Promise.all([attacked.destroy(), bystanderRoom.destroy()]);
  });
});
