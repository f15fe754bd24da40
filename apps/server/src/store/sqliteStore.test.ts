import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqliteStore';

// The contract every store keeps is store.test.ts; this is what only the SQLite file does.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sqliteStore', () => {
  it('[STORE-1] writes ahead: an append is in the WAL file when it returns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnetlab-store-'));
    dirs.push(dir);
    const store = createSqliteStore({ dataDir: dir });
    store.append('a', Uint8Array.from([1]));
    expect(existsSync(join(dir, 'vnetlab.sqlite-wal'))).toBe(true);
    store.close();
  });
});
