/**
 * The stores the contract tests run against, each opened fresh per test: SQLite in a
 * temporary directory, PostgreSQL in a new database of a real server this test file
 * starts (testing/postgres.ts). `reopen` closes the store and opens the same data again,
 * as a restarted process would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { silentLogger } from '../log';
import { createPostgresStore } from '../store/postgres';
import { createSqliteStore } from '../store/sqliteStore';
import type { Store } from '../store/types';
import { startPostgres, type TestPostgres } from './postgres';

export interface OpenedStore {
  readonly store: Store;
  /** Closes `store` and opens its data again. */
  reopen(): Promise<Store>;
  /** A second store over the same data, as another process would open (PostgreSQL only). */
  another?(): Promise<Store>;
  close(): Promise<void>;
}

export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

const sqlite: StoreBackend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'vnetlab-store-'));
    let store: Store = createSqliteStore({ dataDir: dir });
    return {
      store,
      async reopen() {
        await store.close();
        store = createSqliteStore({ dataDir: dir });
        return store;
      },
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

let server: Promise<TestPostgres> | undefined;
afterAll(async () => {
  if (server) await (await server).stop();
  server = undefined;
});

const postgres: StoreBackend = {
  name: 'postgres',
  async open() {
    server ??= startPostgres();
    const url = await (await server).createDatabase();
    const open = () => createPostgresStore({ url, log: silentLogger });
    const opened: Store[] = [await open()];
    return {
      store: opened[0] as Store,
      async reopen() {
        await opened.pop()?.close();
        const store = await open();
        opened.push(store);
        return store;
      },
      async another() {
        const store = await open();
        opened.push(store);
        return store;
      },
      async close() {
        for (const store of opened.splice(0)) await store.close();
      },
    };
  },
};

export const STORE_BACKENDS: readonly StoreBackend[] = [sqlite, postgres];
