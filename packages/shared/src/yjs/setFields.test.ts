import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLab, writeLab } from './labDoc';
import { setFields } from './labEdits';

const origin = { kind: 'person', clientID: 1 };

function room() {
  const doc = new Y.Doc();
  writeLab(
    doc,
    {
      format: 'vnetlab/1',
      vms: { vm2: { adapters: [{ mode: 'nat' }], listen: ['tcp/22', 'tcp/80'] } },
    },
    'setup',
  );
  return doc;
}

describe('setFields (a revert)', () => {
  it('writes a value at a path, deletes one that did not exist, in one transaction with the origin', () => {
    const doc = room();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    setFields(
      doc,
      [
        [['vms', 'vm2', 'adapters', 0, 'mode'], 'natnetwork'],
        [['vms', 'vm2', 'adapters', 0, 'network'], 'n'],
        [['format'], undefined],
      ],
      origin,
    );
    expect(readLab(doc)).toEqual({
      vms: { vm2: { adapters: [{ mode: 'natnetwork', network: 'n' }], listen: ['tcp/22', 'tcp/80'] } },
    });
    expect(origins).toEqual([origin]);
  });

  it('rewrites a list of strings whole, keeping it a plain value as labDoc stores it', () => {
    const doc = room();
    setFields(doc, [[['vms', 'vm2', 'listen', 1], 'tcp/443']], origin);
    const vm2 = (doc.getMap('lab').get('vms') as Y.Map<unknown>).get('vm2') as Y.Map<unknown>;
    expect(vm2.get('listen')).toEqual(['tcp/22', 'tcp/443']);
  });

  it('brings back a removed VM along the path, and deletes it again', () => {
    const doc = room();
    setFields(doc, [[['vms', 'vm9', 'adapters'], [{ mode: 'nat' }]]], origin);
    expect(readLab(doc).vms).toEqual({
      vm2: { adapters: [{ mode: 'nat' }], listen: ['tcp/22', 'tcp/80'] },
      vm9: { adapters: [{ mode: 'nat' }] },
    });
    setFields(doc, [[['vms', 'vm9'], undefined]], origin);
    expect(Object.keys(readLab(doc).vms as object)).toEqual(['vm2']);
  });

  it('replaces a plain value where an object goes, and skips a write past the end of a list', () => {
    const doc = room();
    setFields(doc, [[['vms', 'vm2', 'adapters', 0, 'ip', 'address'], '10.0.2.9/24']], origin);
    expect(readLab(doc).vms).toMatchObject({
      vm2: { adapters: [{ mode: 'nat', ip: { address: '10.0.2.9/24' } }] },
    });
    setFields(doc, [[['vms', 'vm2', 'adapters', 0, 'ip'], 'dhcp']], origin);
    setFields(doc, [[['vms', 'vm2', 'adapters', 0, 'ip', 'gateway'], '10.0.2.2']], origin);
    expect(readLab(doc).vms).toMatchObject({ vm2: { adapters: [{ ip: { gateway: '10.0.2.2' } }] } });
    const before = JSON.stringify(readLab(doc));
    setFields(doc, [[['vms', 'vm2', 'adapters', 3, 'mode'], 'nat']], origin);
    expect(JSON.stringify(readLab(doc))).toBe(before);
  });
});
