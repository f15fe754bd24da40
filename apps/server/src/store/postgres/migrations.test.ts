import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log';
import { startPostgres, type TestPostgres } from '../../testing/postgres';
import { createPostgresStore } from '.';
import { MIGRATIONS } from './migrations';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server.stop();
});

describe('PostgreSQL migrations', () => {
  it('two processes starting at once apply each migration once, and a third finds nothing to do', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all([
      createPostgresStore({ url, log: silentLogger }),
      createPostgresStore({ url, log: silentLogger }),
    ]);
    const third = await createPostgresStore({ url, log: silentLogger });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM vnetlab_migrations ORDER BY version');
    await client.end();
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    for (const store of [...stores, third]) await store.close();
  });

  it('a store that cannot reach its database says so at start-up', async () => {
    const url = `postgres://postgres@127.0.0.1:${server.port}/no_such_database`;
    await expect(createPostgresStore({ url, log: silentLogger })).rejects.toThrow(/no_such_database/);
  });
});
