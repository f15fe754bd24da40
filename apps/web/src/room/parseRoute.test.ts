import { describe, expect, it } from 'vitest';
import { parseRoute } from './parseRoute';

describe('parseRoute', () => {
  it('reads the room and the token', () => {
    expect(parseRoute('/r/abc123', '?token=t0k')).toEqual({ room: 'abc123', token: 't0k' });
  });

  it('accepts a trailing slash and decodes the room', () => {
    expect(parseRoute('/r/a%20b/', '')).toEqual({ room: 'a b', token: '' });
  });

  it('is null anywhere else', () => {
    expect(parseRoute('/', '?token=x')).toBeNull();
    expect(parseRoute('/r/', '')).toBeNull();
    expect(parseRoute('/r/a/b', '')).toBeNull();
  });
});
