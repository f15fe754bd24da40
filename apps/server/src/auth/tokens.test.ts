import { describe, expect, it } from 'vitest';
import { hashToken, isRoomId, newRoomId, newToken, tokenMatches } from './tokens';

describe('tokens', () => {
  it('[AUTH-3] makes random tokens, stores only their hash and matches them', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(token);
    const stored = hashToken(token);
    expect(stored).not.toContain(token);
    expect(tokenMatches(token, stored)).toBe(true);
    expect(tokenMatches(`${token}x`, stored)).toBe(false);
    expect(tokenMatches(token, 'not-hex')).toBe(false);
  });

  it('makes room ids that are valid in a URL path', () => {
    const room = newRoomId();
    expect(isRoomId(room)).toBe(true);
    expect(isRoomId('a/b')).toBe(false);
    expect(isRoomId('x:results')).toBe(false);
  });
});
