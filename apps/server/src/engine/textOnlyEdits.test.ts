import { readFileSync } from 'node:fs';
import { type JsonObject, LAB_LIMITS, measureLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { evaluateWithEngine } from './labEngine';
import { TextOnlyEdits } from './textOnlyEdits';

const example = JSON.parse(
  readFileSync(new URL('../../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
) as JsonObject;

/** Remembers the example's full computation: what the room does after its first run. */
function primed(limits = LAB_LIMITS): TextOnlyEdits {
  const edits = new TextOnlyEdits(limits);
  edits.remember(example, evaluateWithEngine(example));
  return edits;
}

describe('TextOnlyEdits', () => {
  it('answers a new title, text, translation or locked paths with the last sections, as the engine would', () => {
    const edits = primed();
    const last = evaluateWithEngine(example);
    for (const lab of [
      { ...example, title: 'renamed' },
      { ...example, title: 'renamed', text: 'What does the host reach?' },
      { ...example, i18n: { 'zh-CN': { title: '改名' } } },
      { ...example, locked: ['vms.web.adapters'] },
    ]) {
      const reused = edits.reuse(lab);
      expect(reused).toBeDefined();
      expect(JSON.stringify(reused)).toEqual(JSON.stringify(last));
      expect(JSON.stringify(reused)).toEqual(JSON.stringify(evaluateWithEngine(lab)));
    }
  });

  it('answers the same lab again (an edit of the layout): the same object', () => {
    const edits = primed();
    expect(edits.reuse(example)).toBe(edits.reuse(example));
  });

  it('takes the full path for anything the engine reads', () => {
    const edits = primed();
    expect(edits.reuse({ ...example, hypervisor: 'vmware' })).toBeUndefined();
    expect(edits.reuse({ ...example, vms: { ...(example.vms as JsonObject) } })).toBeUndefined();
    const { goals: _goals, ...withoutGoals } = example;
    expect(edits.reuse(withoutGoals)).toBeUndefined();
  });

  it('takes the full path for a text that does not parse or crosses a limit, so its diagnostics say why', () => {
    const edits = primed();
    expect(edits.reuse({ ...example, title: 42 })).toBeUndefined();
    expect(edits.reuse({ ...example, locked: ['not a path ['] })).toBeUndefined();
    expect(edits.reuse({ ...example, i18n: { fr: { title: 'renommé' } } })).toBeUndefined();
    expect(edits.reuse({ ...example, text: 'x'.repeat(LAB_LIMITS.maxStringLength + 1) })).toBeUndefined();
    // The size adds up: a text that fits alone but not in this lab.
    const bytes = measureLab(example).bytes;
    const tight = { ...LAB_LIMITS, maxLabBytes: bytes + 50 };
    const inTight = primed(tight);
    expect(inTight.reuse({ ...example, text: 'x'.repeat(30) })).toBeDefined();
    expect(inTight.reuse({ ...example, text: 'x'.repeat(60) })).toBeUndefined();
    // and one chain of edits keeps counting from the last lab, not the first
    const chain = primed(tight);
    const first = { ...example, text: 'x'.repeat(30) };
    expect(chain.reuse(first)).toBeDefined();
    expect(chain.reuse({ ...first, title: `${example.title}${'y'.repeat(30)}` })).toBeUndefined();
  });

  it('never reuses sections that are not the engine’s answer (a lab that did not parse)', () => {
    const edits = new TextOnlyEdits();
    const invalid = { ...example, hypervisor: 'qemu' };
    edits.remember(invalid, evaluateWithEngine(invalid));
    expect(edits.reuse({ ...invalid, title: 'renamed' })).toBeUndefined();
    expect(edits.reuse(invalid)).toBeUndefined();
  });
});
