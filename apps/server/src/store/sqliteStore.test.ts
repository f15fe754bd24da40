import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqliteStore';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vnetlab-store-'));
  dirs.push(dir);
  return dir;
}

describe('sqliteStore', () => {
  it('[STORE-1] keeps appended updates in order across reopening, per document', () => {
    const dir = tempDir();
    const store = createSqliteStore({ dataDir: dir });
    store.append('a', Uint8Array.from([1]));
    store.append('b', Uint8Array.from([9]));
    store.append('a', Uint8Array.from([2, 3]));
    expect(existsSync(join(dir, 'vnetlab.sqlite-wal'))).toBe(true);
    store.close();
    const again = createSqliteStore({ dataDir: dir });
    expect(again.load('a')).toEqual({ updates: [Uint8Array.from([1]), Uint8Array.from([2, 3])], bytes: 3 });
    expect(again.load('b').updates).toEqual([Uint8Array.from([9])]);
    expect(again.load('none')).toEqual({ updates: [], bytes: 0 });
    again.close();
  });

  it('[STORE-3] compaction replaces the log by the snapshot', () => {
    const store = createSqliteStore({ dataDir: tempDir() });
    store.append('a', Uint8Array.from([1]));
    store.append('a', Uint8Array.from([2]));
    store.compact('a', Uint8Array.from([7, 7]));
    store.append('a', Uint8Array.from([3]));
    expect(store.load('a').updates).toEqual([Uint8Array.from([7, 7]), Uint8Array.from([3])]);
    store.close();
  });

  it('[AUTH-3] stores rooms and their token hashes', () => {
    const store = createSqliteStore({ dataDir: tempDir() });
    store.createRoom({ room: 'r1', tokenHash: 'ab', createdAt: 5 });
    expect(store.getRoom('r1')).toEqual({ room: 'r1', tokenHash: 'ab', createdAt: 5 });
    expect(store.getRoom('r2')).toBeUndefined();
    expect(() => store.createRoom({ room: 'r1', tokenHash: 'cd', createdAt: 6 })).toThrow();
    store.close();
  });
});
