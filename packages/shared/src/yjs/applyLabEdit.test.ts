import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLab, writeLab } from './labDoc';
import { applyLabEdit } from './labEdits';

describe('applyLabEdit', () => {
  const lab = () => {
    const doc = new Y.Doc();
    writeLab(
      doc,
      { format: 'vnetlab/1', vms: { web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly' }] } } },
      'test',
    );
    return doc;
  };

  it('writes one value at a path, in one transaction with the origin', () => {
    const doc = lab();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
    expect(
      applyLabEdit(doc, { path: 'vms.web.adapters[1].cable', value: false }, { kind: 'console' }),
    ).toEqual({ ok: true });
    expect(readLab(doc)).toMatchObject({
      vms: { web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', cable: false }] } },
    });
    expect(origins).toEqual([{ kind: 'console' }]);
  });

  it('refuses a path that leads nowhere, and writes nothing', () => {
    const doc = lab();
    const before = JSON.stringify(readLab(doc));
    expect(applyLabEdit(doc, { path: 'vms.db.adapters[0].cable', value: false }, 'x')).toEqual({
      ok: false,
      error: 'vms.db.adapters[0].cable: no such place in the lab',
    });
    expect(applyLabEdit(doc, { path: 'vms..x', value: 1 }, 'x').ok).toBe(false);
    expect(JSON.stringify(readLab(doc))).toBe(before);
  });
});
