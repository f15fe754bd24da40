import { describe, expect, it } from 'vitest';
import { formatConcretePath, matchLockPath, parseLockPath } from './lockPaths';
import { parseLab } from './parseLab';

const lab = {
  vms: {
    web: { adapters: [{ mode: 'nat' }, { mode: 'internal', network: 'intnet' }] },
    db: { adapters: [{ mode: 'internal' }] },
  },
};

function match(pattern: string): string[] {
  const parsed = parseLockPath(pattern);
  if (!parsed.ok) throw new Error(parsed.message);
  return matchLockPath(lab, parsed.segments).map(formatConcretePath);
}

describe('locked paths', () => {
  it('names one field by the path syntax of errors', () => {
    expect(match('vms.web.adapters[0].mode')).toEqual(['vms.web.adapters[0].mode']);
  });
  it('takes * for any key and any index', () => {
    expect(match('vms.*.adapters[*].mode')).toEqual([
      'vms.web.adapters[0].mode',
      'vms.web.adapters[1].mode',
      'vms.db.adapters[0].mode',
    ]);
    expect(match('vms.web.adapters.*.network')).toEqual(['vms.web.adapters[1].network']);
  });
  it('matches nothing where nothing is', () => {
    expect(match('vms.web.adapters[5].mode')).toEqual([]);
    expect(match('vms.nope')).toEqual([]);
  });
  it('refuses what is not a path, naming the field', () => {
    expect(parseLockPath('vms..web').ok).toBe(false);
    const parsed = parseLab({ format: 'vnetlab/1', locked: ['vms.web', 'vms[x'] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]?.path).toBe('locked[1]');
  });
  it('keeps locked, text and i18n on the parsed lab', () => {
    const parsed = parseLab({
      format: 'vnetlab/1',
      title: 'T',
      text: 'Do it',
      locked: ['vms.web'],
      i18n: { 'zh-CN': { title: '标题', goals: { g: '目标' } } },
    });
    expect(parsed.ok && parsed.lab.locked).toEqual(['vms.web']);
    expect(parsed.ok && parsed.lab.i18n['zh-CN']?.title).toBe('标题');
  });
});
