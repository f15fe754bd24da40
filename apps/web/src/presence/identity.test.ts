import { describe, expect, it } from 'vitest';
import { cleanName, colourFor, initialName, initialsOf } from './identity';

describe('identity', () => {
  it('takes the name from the URL first, then the remembered one', () => {
    expect(initialName('?token=t&name=Ana', 'Ben')).toBe('Ana');
    expect(initialName('?token=t', 'Ben')).toBe('Ben');
    expect(initialName('?token=t&name=%20%20', null)).toBe('');
  });

  it('bounds and tidies a name', () => {
    expect(cleanName('  Ana   Maria ')).toBe('Ana Maria');
    expect(cleanName('x'.repeat(100))).toHaveLength(40);
  });

  it('gives one name one colour whatever the client id, and initials in any script', () => {
    expect(colourFor('Ana', 1)).toBe(colourFor('ana', 999));
    expect(colourFor('', 3)).not.toBe(colourFor('', 4));
    expect(initialsOf('Ana')).toBe('A');
    expect(initialsOf('ben li')).toBe('BL');
    expect(initialsOf('王小明')).toBe('王');
    expect(initialsOf('')).toBe('?');
  });
});
