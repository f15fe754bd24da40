/**
 * The store of cluster mode (`VNETLAB_DATABASE_URL`): documents, rooms and classes in
 * PostgreSQL, the same interfaces as the SQLite store, asynchronous. Its schema is
 * brought up to date before it is handed out (migrations.ts).
 */
import { type Logger, stderrLogger } from '../../log';
import type { Store } from '../types';
import { postgresClasses } from './classes';
import { openDb } from './db';
import { postgresDocs } from './docs';
import { migrate } from './migrations';
import { postgresRooms } from './rooms';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` */
  readonly url: string;
  readonly log?: Logger;
  /** Connections in the pool. */
  readonly maxConnections?: number;
}

export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const log = options.log ?? stderrLogger;
  const db = openDb(options.url, log, options.maxConnections);
  try {
    await migrate(db);
  } catch (error) {
    await db.end().catch(() => {});
    throw error;
  }
  const docs = postgresDocs(db);
  const rooms = postgresRooms(db);
  return {
    kind: 'postgres',
    asynchronous: true,
    classes: postgresClasses(db),
    load: docs.load,
    append: docs.append,
    compact: docs.compact,
    createRoom: rooms.createRoom,
    getRoom: rooms.getRoom,
    async health() {
      try {
        await db.query('SELECT 1');
        return { kind: 'postgres', state: 'ok' };
      } catch {
        return { kind: 'postgres', state: 'unreachable' };
      }
    },
    close: () => db.end(),
  };
}
