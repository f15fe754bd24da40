import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol';

const payload = Uint8Array.from([1, 2, 3]);

describe('y-websocket protocol', () => {
  it('round-trips every message the protocol has', () => {
    expect(decodeMessage(encodeSyncStep1(payload))).toEqual({ type: 'sync-step1', stateVector: payload });
    expect(decodeMessage(encodeSyncStep2(payload))).toEqual({ type: 'sync-step2', update: payload });
    expect(decodeMessage(encodeUpdate(payload))).toEqual({ type: 'update', update: payload });
    expect(decodeMessage(encodeAwareness(payload))).toEqual({ type: 'awareness', update: payload });
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' });
  });

  it('encodes as y-protocols does: type, sync type, length-prefixed payload', () => {
    expect([...encodeUpdate(payload)]).toEqual([0, 2, 3, 1, 2, 3]);
    expect([...encodeAwareness(payload)]).toEqual([1, 3, 1, 2, 3]);
    expect([...encodeQueryAwareness()]).toEqual([3]);
  });

  it.each([
    ['empty', []],
    ['unknown type', [9]],
    ['auth from a client', [2, 0]],
    ['unknown sync type', [0, 7, 0]],
    ['truncated payload', [0, 2, 10, 1]],
    ['truncated varint', [0, 0x80]],
    ['trailing bytes', [0, 2, 1, 1, 99]],
  ])('decodes %s as invalid, without throwing', (_what, bytes) => {
    expect(decodeMessage(Uint8Array.from(bytes)).type).toBe('invalid');
  });

  it('[HOSTILE-1] does not read past the end of a frame that is a slice of a larger buffer', () => {
    const pool = Uint8Array.from([0, 2, 5, 1, 2, 3, 4, 5, 6, 7]);
    expect(decodeMessage(pool.subarray(0, 5)).type).toBe('invalid');
  });

  it('[HOSTILE-1] never throws on random bytes', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: next() % 24 }, () => next() % 256);
      expect(() => decodeMessage(bytes)).not.toThrow();
    }
  });
});
