import { toYValue } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { encodeAwareness, encodeUpdate } from '../sync/protocol';
import { Room } from '../sync/Room';
import { defaultLimits } from '../sync/types';
import { fakeConnection } from '../testing/fakeSocket';
import { API_AUTHOR, historyArray } from './RoomHistory';

const natNetworkLab = {
  format: 'vnetlab/1',
  natNetworks: { n: { cidr: '10.0.2.0/24', dhcp: true } },
  vms: {
    vm1: { adapters: [{ mode: 'natnetwork', network: 'n' }] },
    vm2: { adapters: [{ mode: 'natnetwork', network: 'n' }] },
  },
};

function openRoom() {
  return new Room({
    id: 'r',
    store: createMemoryStore(),
    evaluate: evaluateInProcess,
    limits: defaultLimits,
    log: silentLogger,
  });
}

/** A person: a Yjs doc synced with the room, and an awareness state carrying a display name. */
function join(room: Room, name: string) {
  const connection = fakeConnection();
  room.lab.connect(connection);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.lab.doc));
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name } });
  room.lab.receive(connection, encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
  const edit = (fn: (lab: Y.Map<unknown>) => void) => {
    const before = Y.encodeStateVector(room.lab.doc);
    doc.transact(() => fn(doc.getMap('lab')));
    room.lab.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
  };
  return { edit };
}

const adapter = (lab: Y.Map<unknown>, vm: string) =>
  ((lab.get('vms') as Y.Map<unknown>).get(vm) as Y.Map<unknown>).get('adapters') as Y.Array<Y.Map<unknown>>;

describe('the room history', () => {
  it('[HISTORY-4] an entry names who edited (their awareness name), what changed and which cells flipped', async () => {
    const room = openRoom();
    room.lab.transact(
      () => {
        const map = room.lab.doc.getMap('lab');
        for (const [k, v] of Object.entries(natNetworkLab)) map.set(k, toYValue(v));
      },
      { kind: 'api' },
    );
    await room.whenIdle();
    expect(historyArray(room.results.doc).length).toBe(0);
    const ana = join(room, 'Ana');
    ana.edit((lab) => adapter(lab, 'vm2').get(0).set('mode', 'nat'));
    await room.whenIdle();
    const [entry] = historyArray(room.results.doc).toArray();
    expect(entry?.by).toEqual(['Ana']);
    expect(entry?.changes).toEqual([
      { path: ['vms', 'vm2', 'adapters', 0, 'mode'], before: 'natnetwork', after: 'nat' },
    ]);
    expect(entry?.flips).toContainEqual({ from: 'vm2', to: 'vm1', probe: 'ping', reachable: false });
    expect(entry?.revision).toBe(room.results.doc.getMap('results').get('revision'));
    room.destroy();
  });

  it('[HISTORY-5] edits through the API are signed API; the console does not make entries', async () => {
    const room = openRoom();
    await room.whenIdle();
    room.lab.transact(() => room.lab.doc.getMap('lab').set('title', 'T'), { kind: 'api' });
    await room.whenIdle();
    room.lab.transact(() => room.lab.doc.getArray('console').push([{ command: 'ls' }]), { kind: 'console' });
    await room.whenIdle();
    expect(
      historyArray(room.results.doc)
        .toArray()
        .map((e) => e.by),
    ).toEqual([[API_AUTHOR]]);
    room.destroy();
  });

  it('[HISTORY-6] keeps the last 100 entries', async () => {
    const room = openRoom();
    await room.whenIdle();
    for (let i = 0; i < 103; i++) {
      room.lab.transact(() => room.lab.doc.getMap('lab').set('title', `t${i}`), { kind: 'api' });
      await room.whenIdle();
    }
    const entries = historyArray(room.results.doc).toArray();
    expect(entries.length).toBe(100);
    expect(entries.at(-1)?.changes[0]?.after).toBe('t102');
    room.destroy();
  });
});
