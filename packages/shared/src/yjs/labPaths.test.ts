import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLab, writeLab } from './labDoc';
import { writeLabPaths } from './labPaths';

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

describe('writeLabPaths', () => {
  it('writes a value at a path, deletes one that did not exist, in one transaction with the origin', () => {
    const doc = room();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    writeLabPaths(
      doc,
      [
        { path: ['vms', 'vm2', 'adapters', 0, 'mode'], value: 'natnetwork' },
        { path: ['vms', 'vm2', 'adapters', 0, 'network'], value: 'n' },
        { path: ['format'], value: undefined },
      ],
      origin,
    );
    expect(readLab(doc)).toEqual({
      vms: { vm2: { adapters: [{ mode: 'natnetwork', network: 'n' }], listen: ['tcp/22', 'tcp/80'] } },
    });
    expect(origins).toEqual([origin]);
  });

  it('rewrites an array stored as it is, and brings back a removed VM along the path', () => {
    const doc = room();
    writeLabPaths(doc, [{ path: ['vms', 'vm2', 'listen', 1], value: 'tcp/443' }], origin);
    writeLabPaths(doc, [{ path: ['vms', 'vm9', 'adapters'], value: [{ mode: 'nat' }] }], origin);
    expect(readLab(doc).vms).toEqual({
      vm2: { adapters: [{ mode: 'nat' }], listen: ['tcp/22', 'tcp/443'] },
      vm9: { adapters: [{ mode: 'nat' }] },
    });
    writeLabPaths(doc, [{ path: ['vms', 'vm9'], value: undefined }], origin);
    expect(Object.keys(readLab(doc).vms as object)).toEqual(['vm2']);
  });
});
