import { type JsonObject, readLab, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { Doc } from 'yjs';
import type { Connection } from '../sync/types';
import { createWriteGuard, StaleGeneration } from './writeGuard';

const lab: JsonObject = {
  format: 'vnetlab/1',
  title: 'T',
  locked: ['vms.*.listen', 'vms.web.adapters[0].mode', 'lans'],
  vms: {
    web: { adapters: [{ mode: 'nat' }, { mode: 'internal', network: 'x' }], listen: ['tcp/22', 'tcp/80'] },
  },
  goals: [{ id: 'g', probe: { from: 'web', to: 'internet', kind: 'ping' } }],
};

function setUp(access: Connection['access'], paused = false) {
  const doc = new Doc();
  writeLab(doc, lab, { kind: 'api' });
  const logged: Record<string, unknown>[] = [];
  const guard = createWriteGuard({
    room: 'r',
    log: (_event, fields = {}) => logged.push(fields),
    retiredClients: () => new Set([42]),
    paused: () => paused,
  });
  const connection: Connection = { id: 'c1', socket: { send() {}, close() {} }, access };
  /** A client's edit as the channel applies it: guard, then beforeApply, the edit and settle in one transaction. */
  const edit = (fn: (root: Y.Map<unknown>) => void) => {
    const decision = guard(connection, doc, []);
    if (decision.kind === 'refuse') throw new Error('refused');
    doc.transact(
      () => {
        decision.beforeApply?.();
        fn(doc.getMap('lab'));
        decision.settle?.();
      },
      { kind: 'client', connId: 'c1' },
    );
  };
  const vm = () => (doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>).get('web') as Y.Map<unknown>;
  return { doc, guard, connection, edit, vm, logged };
}

describe('the write guard', () => {
  it('[CLASS-6] restores a plain list under a locked path, element edits included', () => {
    const { doc, edit, vm, logged } = setUp('student');
    edit(() => vm().set('listen', ['tcp/22']));
    expect((readLab(doc).vms as JsonObject).web).toMatchObject({ listen: ['tcp/22', 'tcp/80'] });
    expect(logged[0]).toMatchObject({ paths: ['vms.web.listen'] });
  });

  it('[CLASS-6] restores a locked field inside a removed array, and a locked key that did not exist', () => {
    const { doc, edit, vm } = setUp('student');
    edit((root) => {
      vm().delete('adapters');
      root.set('lans', { home: {} });
      root.set('title', 'mine');
    });
    const after = readLab(doc) as JsonObject & { vms: { web: { adapters: { mode: string }[] } } };
    // The nearest container still there gets back all it held.
    expect(after.vms.web.adapters).toEqual([{ mode: 'nat' }, { mode: 'internal', network: 'x' }]);
    expect(after.lans).toBeUndefined();
    expect(after.title).toBe('mine');
  });

  it('[CLASS-6] never touches an edit that changes no locked path, and lets full access through', () => {
    const student = setUp('student');
    let transactions = 0;
    student.doc.on('afterTransaction', () => transactions++);
    student.edit(() => student.vm().set('ipForwarding', true));
    expect(student.logged).toEqual([]);
    expect(transactions).toBe(1);
    expect((readLab(student.doc).vms as JsonObject).web).toMatchObject({ ipForwarding: true });
    const teacher = setUp('full');
    teacher.edit((root) => root.delete('goals'));
    expect(readLab(teacher.doc).goals).toBeUndefined();
  });

  it('[CLASS-7] [CLASS-9] read access, and a paused class, restore everything', () => {
    for (const { doc, edit } of [setUp('read'), setUp('student', true)]) {
      edit((root) => {
        root.set('title', 'x');
        root.delete('vms');
      });
      expect(readLab(doc)).toEqual(lab);
    }
  });

  it('[CLASS-5] refuses an update under a client id of an earlier generation', () => {
    const { guard, connection, doc } = setUp('full');
    expect(guard(connection, doc, [7, 42])).toMatchObject({ kind: 'refuse', event: StaleGeneration });
    expect(guard(connection, doc, [7])).toMatchObject({ kind: 'apply' });
  });
});
