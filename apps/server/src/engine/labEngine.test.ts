import { readdirSync, readFileSync } from 'node:fs';
import { evaluateLab } from '@vnetlab/engine';
import { type JsonObject, LabReader, parseLab, setField, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEvaluate, type ResultsSections } from './evaluate';
import { evaluateWithEngine } from './labEngine';

const dir = new URL('../../../../scenarios/', import.meta.url);
const scenarios = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as JsonObject] as const);

/** The engine as it was: the whole schema on every computation. */
const wholeParse = createEvaluate({ parseLab, evaluateLab });

/** Errors may come in another order (labParser.ts); everything else is the same. */
function comparable(sections: ResultsSections): unknown {
  const texts = sections.diagnostics.map((entry) => JSON.stringify(entry)).sort();
  return { ...sections, diagnostics: texts };
}

describe('evaluateWithEngine (the incremental parser)', () => {
  it.each(scenarios)('answers what a whole parse answers, edit after edit: %s', (_file, lab) => {
    const doc = new Y.Doc();
    writeLab(doc, lab, null);
    const reader = new LabReader(doc);
    const [firstVm] = Object.keys((lab.vms ?? {}) as JsonObject);
    const edits: (() => void)[] = [
      () => setField(doc, ['title'], 'edited', null),
      () => firstVm && setField(doc, ['vms', firstVm, 'adapters', 0, 'mode'], 'bogus', null),
      () => firstVm && setField(doc, ['vms', firstVm, 'adapters', 0, 'mode'], 'nat', null),
      () => firstVm && setField(doc, ['vms', firstVm], undefined, null),
    ];
    for (const edit of [() => {}, ...edits]) {
      edit();
      const read = reader.read();
      expect(comparable(evaluateWithEngine(read))).toEqual(comparable(wholeParse(read)));
    }
    reader.destroy();
  });
});

describe('the engine memo (EngineMemo)', () => {
  /** The same lab with every text field other than it was. */
  const otherTexts = (lab: JsonObject): JsonObject => ({
    ...lab,
    title: 'another title',
    text: 'another exercise',
    i18n: { 'zh-CN': { title: '另一个标题', text: '另一个练习' } },
    locked: ['title'],
  });

  it.each(scenarios)('the engine answers the same whatever the texts: %s', (_file, lab) => {
    expect(parseLab(otherTexts(lab)).ok).toBe(parseLab(lab).ok);
    expect(evaluateWithEngine(otherTexts(lab))).toEqual(evaluateWithEngine(lab));
  });

  it('runs the engine again only when what it reads changed', () => {
    let runs = 0;
    const evaluate = createEvaluate({
      parseLab,
      evaluateLab: (lab: never) => {
        runs++;
        return evaluateLab(lab);
      },
    });
    const [, example] = scenarios.find(([file]) => file === 'lab-format-example.json') ?? [];
    if (!example) throw new Error('no example lab');
    const memo = {};
    const first = evaluate(example, memo);
    expect(runs).toBe(1);
    expect(evaluate({ ...example, title: 'typed', text: 'more text' }, memo)).toBe(first);
    expect(runs).toBe(1);
    // A text field that is no text is still the parse's error, memo or not.
    const invalid = evaluate({ ...example, title: 42 }, memo);
    expect(invalid.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-lab' })]);
    const vms = example.vms as Record<string, JsonObject>;
    const [id, vm] = Object.entries(vms)[0] ?? [];
    if (!id || !vm) throw new Error('no VM');
    const unplugged = { ...example, vms: { ...vms, [id]: { ...vm, adapters: [] } } };
    const changed = evaluate(unplugged, memo);
    expect(runs).toBe(2);
    expect(changed).toEqual(evaluate(unplugged));
    expect(changed).not.toEqual(first);
    // Without a memo (a worker's run) the engine runs every time.
    evaluate(example);
    evaluate(example);
    expect(runs).toBe(5);
  });
});
