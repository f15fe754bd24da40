import { describe, expect, it } from 'vitest';
import { isLocked, lockedBy, pathSteps } from './isLocked';

const lab = { locked: ['vms.web.adapters[0].mode', 'vms.*.adapters[*].network', 'natNetworks.lab'] };

describe('isLocked', () => {
  it('a field named exactly by a pattern is locked, its neighbours are not', () => {
    expect(isLocked(lab, 'vms.web.adapters[0].mode')).toBe(true);
    expect(isLocked(lab, 'vms.web.adapters[1].mode')).toBe(false);
    expect(isLocked(lab, 'vms.db.adapters[0].mode')).toBe(false);
  });

  it('* stands for any key and any index', () => {
    expect(isLocked(lab, 'vms.db.adapters[3].network')).toBe(true);
    expect(lockedBy(lab, 'vms.db.adapters[3].network')).toBe('vms.*.adapters[*].network');
  });

  it('a pattern locks everything under the value it names, not its parent', () => {
    expect(lockedBy(lab, 'natNetworks.lab.cidr')).toBe('natNetworks.lab');
    expect(isLocked(lab, 'natNetworks')).toBe(false);
    expect(isLocked(lab, 'vms.web.adapters[0]')).toBe(false);
  });

  it('takes a path as steps, as the editor holds it', () => {
    expect(isLocked(lab, ['vms', 'web', 'adapters', 0, 'mode'])).toBe(true);
    expect(isLocked(lab, ['vms', 'web', 'adapters', 2, 'mode'])).toBe(false);
  });

  it('a lab without locked paths, or with a malformed one, locks nothing', () => {
    expect(isLocked({}, 'vms.web.adapters[0].mode')).toBe(false);
    expect(isLocked({ locked: 'vms' }, 'vms.web')).toBe(false);
    expect(isLocked({ locked: ['vms..web', 42] }, 'vms.web')).toBe(false);
    expect(isLocked(lab, 'not a path!')).toBe(false);
  });

  it('parses the path syntax of errors', () => {
    expect(pathSteps('vms.web.adapters[0].mode')).toEqual(['vms', 'web', 'adapters', 0, 'mode']);
    expect(pathSteps('vms.*.adapters[*]')).toEqual(['vms', '*', 'adapters', '*']);
    expect(pathSteps('.vms')).toBeNull();
    expect(pathSteps('')).toBeNull();
  });
});
