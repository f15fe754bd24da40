/**
 * The store on disk: one SQLite file (WAL) under the data directory. Updates are
 * appended in their own statement, committed when `append` returns; with WAL and
 * `synchronous = NORMAL` a committed row survives the process being killed (not a
 * power cut: that would need `FULL`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createClassStore } from '../classes/classStore';
import { migrate } from './migrations';
import type { RoomRecord, StoredDoc, SynchronousStore } from './types';

export const DATABASE_FILE = 'vnetlab.sqlite';

const schema = `
  CREATE TABLE IF NOT EXISTS rooms (
    room TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS snapshots (
    doc TEXT PRIMARY KEY,
    data BLOB NOT NULL
  );
  CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc, seq);
`;

export interface SqliteStoreOptions {
  /** A directory (created if missing) or ':memory:'. */
  readonly dataDir: string;
  /** `FULL` survives power loss too, at an fsync per update. */
  readonly synchronous?: 'NORMAL' | 'FULL';
}

export function createSqliteStore(options: SqliteStoreOptions): SynchronousStore {
  let path = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, DATABASE_FILE);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.exec(schema);
  migrate(db);

  const selectSnapshot = db.prepare<[string], { data: Buffer }>('SELECT data FROM snapshots WHERE doc = ?');
  const selectUpdates = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM updates WHERE doc = ? ORDER BY seq',
  );
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
  const upsertSnapshot = db.prepare<[string, Uint8Array]>(
    'INSERT INTO snapshots (doc, data) VALUES (?, ?) ON CONFLICT (doc) DO UPDATE SET data = excluded.data',
  );
  const deleteUpdates = db.prepare<[string]>('DELETE FROM updates WHERE doc = ?');
  const insertRoom = db.prepare<[string, string, number]>(
    'INSERT INTO rooms (room, token_hash, created_at) VALUES (?, ?, ?)',
  );
  const selectRoom = db.prepare<[string], { room: string; token_hash: string; created_at: number }>(
    'SELECT room, token_hash, created_at FROM rooms WHERE room = ?',
  );
  const compactTx = db.transaction((name: string, snapshot: Uint8Array) => {
    upsertSnapshot.run(name, snapshot);
    deleteUpdates.run(name);
  });

  const appendTo = (name: string, update: Uint8Array) => insertUpdate.run(name, update);
  return {
    kind: 'sqlite',
    classes: createClassStore(db, appendTo),
    load(name): StoredDoc {
      const updates: Uint8Array[] = [];
      const snapshot = selectSnapshot.get(name);
      if (snapshot) updates.push(new Uint8Array(snapshot.data));
      for (const row of selectUpdates.iterate(name)) updates.push(new Uint8Array(row.data));
      return { updates, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) };
    },
    append(name, update) {
      insertUpdate.run(name, update);
    },
    compact(name, snapshot) {
      compactTx(name, snapshot);
    },
    createRoom(record: RoomRecord) {
      insertRoom.run(record.room, record.tokenHash, record.createdAt);
    },
    getRoom(room) {
      const row = selectRoom.get(room);
      return row && { room: row.room, tokenHash: row.token_hash, createdAt: row.created_at };
    },
    health: async () => ({ kind: 'sqlite', state: 'ok' }),
    close() {
      db.close();
    },
  };
}
