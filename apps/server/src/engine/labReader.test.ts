import { readFileSync } from 'node:fs';
import { type JsonObject, labMap, readLab, toYValue, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LabReader } from './labReader';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
) as JsonObject;

function labDoc(): Y.Doc {
  const doc = new Y.Doc();
  writeLab(doc, example, { kind: 'api' });
  return doc;
}

describe('LabReader', () => {
  it('reads what readLab reads, key order included, after every kind of edit', () => {
    const doc = labDoc();
    const reader = new LabReader(doc);
    const same = () => expect(JSON.stringify(reader.read())).toBe(JSON.stringify(readLab(doc)));
    same();
    labMap(doc).set('title', 'renamed');
    same();
    const vms = labMap(doc).get('vms') as Y.Map<unknown>;
    const first = [...vms.keys()][0] as string;
    (vms.get(first) as Y.Map<unknown>).set('os', 'windows');
    same();
    vms.set('extra', toYValue({ adapters: [] }));
    same();
    labMap(doc).delete('title');
    same();
    labMap(doc).set('title', 'back');
    same();
    writeLab(doc, { ...example, title: 'whole lab again' }, { kind: 'api' });
    same();
    reader.destroy();
  });

  it('reads again only what changed: an untouched key is the same object as last time', () => {
    const doc = labDoc();
    const reader = new LabReader(doc);
    const before = reader.read();
    labMap(doc).set('title', 'renamed');
    const after = reader.read();
    expect(after.title).toBe('renamed');
    expect(after.vms).toBe(before.vms);
    const vms = labMap(doc).get('vms') as Y.Map<unknown>;
    const first = [...vms.keys()][0] as string;
    (vms.get(first) as Y.Map<unknown>).set('os', 'windows');
    const third = reader.read();
    expect(third.vms).not.toBe(after.vms);
    expect((third.vms as Record<string, JsonObject>)[first]?.os).toBe('windows');
    reader.destroy();
  });

  it("hears an edit deep inside a key: an adapter added to a VM's adapters", () => {
    const doc = labDoc();
    const reader = new LabReader(doc);
    reader.read();
    const vms = labMap(doc).get('vms') as Y.Map<unknown>;
    const first = [...vms.keys()][0] as string;
    const adapters = (vms.get(first) as Y.Map<unknown>).get('adapters') as Y.Array<unknown>;
    adapters.push([toYValue({ mode: 'nat' })]);
    expect(reader.read()).toEqual(readLab(doc));
    reader.destroy();
  });
});
