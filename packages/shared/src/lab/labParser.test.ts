import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LabReader } from '../yjs/LabReader';
import { writeLab } from '../yjs/labDoc';
import { deleteVm, setField } from '../yjs/labEdits';
import { describeLabError } from './labErrors';
import { createLabParser } from './labParser';
import { type ParseLabResult, parseLab } from './parseLab';
import { labFileButVmsSchema, labVmSchema } from './schema';

const scenarios = new URL('../../../../scenarios/', import.meta.url);
const labs = readdirSync(scenarios)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, scenarios), 'utf8')) as Record<string, unknown>)
  .map((file) => (file.lab ?? file) as Record<string, unknown>);

/** A small deterministic generator (the edits must be the same on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** parseLab's answer, its errors in one order (the parser lists the machines' last). */
function canonical(result: ParseLabResult): unknown {
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map(describeLabError).sort() };
}

const ME = { kind: 'test' };

/** Edits a person (or a careless script) could make: valid ones and ones the schema refuses. */
function edits(next: () => number, doc: Y.Doc, reader: LabReader): (() => void)[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const vmIds = () => Object.keys((reader.read().vms ?? {}) as object);
  const someVm = () => pick([...vmIds(), 'fresh']);
  return [
    () => setField(doc, ['vms', someVm(), 'name'], pick(['a', 'b', 'web', 'host', 42]), ME),
    () =>
      setField(
        doc,
        ['vms', someVm(), 'adapters', 0, 'mode'],
        pick(['nat', 'bridge', 'hostonly', 'none']),
        ME,
      ),
    () =>
      setField(
        doc,
        ['vms', someVm(), 'adapters', 1, 'ip'],
        pick(['dhcp', { address: '10.0.0.5/24' }, 'x']),
        ME,
      ),
    () => setField(doc, ['vms', someVm(), 'colour'], 'blue', ME),
    () => setField(doc, ['vms', someVm(), 'adapters', 0, 'portForwards'], [], ME),
    () => setField(doc, ['vms', someVm(), 'adapters', 9, 'mode'], 'nat', ME),
    () =>
      setField(doc, ['vms', `vm${Math.floor(next() * 5)}`], pick([{ adapters: [{}] }, 'not a vm', null]), ME),
    () => {
      const id = pick(vmIds());
      if (id) deleteVm(doc, id, ME);
    },
    () => setField(doc, ['hypervisor'], pick(['virtualbox', 'vmware', 'xen']), ME),
    () => setField(doc, ['title'], pick(['Lab', 7]), ME),
    () =>
      setField(doc, ['natNetworks', 'NatNetwork', 'cidr'], pick(['10.0.2.0/24', '10.0.2.0/31', 'no']), ME),
    () =>
      setField(doc, ['goals'], [{ id: 'g', probe: { from: someVm(), to: 'internet', kind: 'ping' } }], ME),
    () => setField(doc, ['lans', 'home', 'devices', someVm()], {}, ME),
  ];
}

describe('createLabParser', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers what parseLab answers, after every kind of edit, for every scenario', () => {
    const next = random(11);
    for (const lab of labs) {
      const doc = new Y.Doc();
      writeLab(doc, lab, ME);
      const reader = new LabReader(doc);
      const parse = createLabParser();
      const steps = edits(next, doc, reader);
      for (let step = 0; step < 60; step++) {
        const read = reader.read();
        expect(canonical(parse(read))).toEqual(canonical(parseLab(read)));
        steps[Math.floor(next() * steps.length)]!();
      }
      reader.destroy();
    }
  });

  it('checks only the machine that changed against the schema', () => {
    const doc = new Y.Doc();
    const vms = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`vm${i}`, { adapters: [{ mode: 'nat' }], listen: ['tcp/22'] }]),
    );
    writeLab(doc, { format: 'vnetlab/1', vms }, ME);
    const reader = new LabReader(doc);
    const parse = createLabParser();
    expect(parse(reader.read()).ok).toBe(true);
    const schema = vi.spyOn(labVmSchema, 'safeParse');
    setField(doc, ['vms', 'vm7', 'name'], 'web', ME);
    const result = parse(reader.read());
    expect(schema).toHaveBeenCalledTimes(1);
    expect(result.ok && result.lab.vms.find((vm) => vm.id === 'vm7')?.name).toBe('web');
    // a refused field is still found, at its path, with the schema's words
    setField(doc, ['vms', 'vm9', 'adapters', 0, 'mode'], 'bridge', ME);
    expect(canonical(parse(reader.read()))).toEqual(canonical(parseLab(reader.read())));
    expect(schema).toHaveBeenCalledTimes(2);
  });

  it('checks a top-level field again only when its object changed', () => {
    const doc = new Y.Doc();
    const lab = labs.find((candidate) => Array.isArray(candidate.goals) && candidate.goals.length > 0);
    if (!lab) throw new Error('no scenario with goals');
    writeLab(doc, lab, ME);
    const reader = new LabReader(doc);
    const parse = createLabParser();
    expect(canonical(parse(reader.read()))).toEqual(canonical(parseLab(reader.read())));
    const goals = vi.spyOn(labFileButVmsSchema.shape.goals, 'safeParse');
    setField(doc, ['title'], 'typed', ME);
    expect(canonical(parse(reader.read()))).toEqual(canonical(parseLab(reader.read())));
    expect(goals).not.toHaveBeenCalled();
    setField(doc, ['goals'], [{ id: 'g', probe: { from: 'nowhere', to: 'internet', kind: 'ping' } }], ME);
    expect(canonical(parse(reader.read()))).toEqual(canonical(parseLab(reader.read())));
    expect(goals).toHaveBeenCalledTimes(1);
    // a field the file does not know is refused in the whole schema's words
    setField(doc, ['colour'], 'blue', ME);
    expect(canonical(parse(reader.read()))).toEqual(canonical(parseLab(reader.read())));
    reader.destroy();
  });

  it('keeps what it parsed from being changed by whoever reads the lab', () => {
    const parse = createLabParser();
    const vm = Object.freeze({ routes: Object.freeze([{ to: '10.1.0.0/16', via: '10.0.0.1' }]) });
    const result = parse({ format: 'vnetlab/1', vms: { a: vm } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(() => (result.lab.vms[0]!.routes as unknown[]).push({})).toThrow(TypeError);
  });
});
