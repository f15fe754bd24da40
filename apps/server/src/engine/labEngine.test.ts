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
