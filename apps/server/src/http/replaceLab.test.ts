import { type JsonObject, readLab, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceLab } from './replaceLab';

function bigLab(tag: string, machines = 300): JsonObject {
  const vms: JsonObject = {};
  for (let i = 0; i < machines; i++) {
    vms[`vm${i}`] = { name: `machine ${i} ${tag}`, adapters: [{ mode: 'nat' }], listen: ['tcp/22'] };
  }
  return { format: 'vnetlab/1', title: tag, vms };
}

/** The update `replaceLab` writes over a document holding `from`, and the lab it leaves. */
function replaced(from: JsonObject, to: JsonObject): { bytes: number; lab: JsonObject } {
  const doc = new Y.Doc();
  writeLab(doc, from, { kind: 'api' });
  let bytes = 0;
  doc.on('update', (update: Uint8Array) => {
    bytes += update.byteLength;
  });
  replaceLab(doc, readLab(doc), to, { kind: 'api' });
  return { bytes, lab: readLab(doc) };
}

describe('replaceLab (PUT)', () => {
  it('[API-3] leaves the lab reading exactly as the body: machines changed, added and dropped, keys dropped, a plain vms value', () => {
    const from = bigLab('a', 20);
    const to = bigLab('a', 20);
    const vms = to.vms as JsonObject;
    vms.vm3 = { name: 'renamed', adapters: [{ mode: 'bridged', bridge: 'eth0' }] };
    delete vms.vm5;
    vms.extra = { name: 'new one' };
    delete to.title;
    to.goals = [{ id: 'g', probe: { from: 'vm1', to: 'internet', kind: 'ping' } }];
    expect(replaced(from, to).lab).toEqual(to);
    expect(replaced({ ...from, vms: [] as unknown as JsonObject }, to).lab).toEqual(to);
    expect(replaced(from, { format: 'vnetlab/1' }).lab).toEqual({ format: 'vnetlab/1' });
    expect(replaced({ format: 'vnetlab/1' }, from).lab).toEqual(from);
  });

  it('[API-3] writes what differs only: one machine changed in a 300-machine lab is a small update; the same lab, none', () => {
    const from = bigLab('a');
    const full = replaced(from, bigLab('b'));
    const to = bigLab('a');
    (to.vms as JsonObject).vm7 = { name: 'changed' };
    const one = replaced(from, to);
    expect(one.lab).toEqual(to);
    expect(one.bytes).toBeLessThan(full.bytes / 50);
    expect(replaced(from, bigLab('a')).bytes).toBe(0);
  });
});
