/**
 * The PostgreSQL connection pool and the two ways the store uses it: one statement, or
 * a transaction. A failure to reach the server (refused, reset, timed out, shut down)
 * becomes a StoreUnavailableError, so the rooms and the HTTP routes can say so; any
 * other error (a broken constraint) stays what it is.
 */
import pg from 'pg';
import type { Logger } from '../../log';
import { StoreUnavailableError } from '../errors';

export interface Queryable {
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Db extends Queryable {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** One client for a while (the migrations hold an advisory lock on it). */
  withClient<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** int8 (BIGINT: ms since epoch, sequence numbers) as a number, not a string. */
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

export function openDb(url: string, log: Logger, max = 10): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    // A store that does not answer is unavailable soon, not after the OS gives up.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away: the pool drops it; not the process's failure.
  pool.on('error', (error) => log('store-connection-lost', { error: String(error) }));
  const on = (client: pg.PoolClient | pg.Pool): Queryable => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await client.query(sql, params as unknown[])).rows as R[];
      } catch (error) {
        throw classify(error);
      }
    },
  });
  const connect = async () => {
    try {
      return await pool.connect();
    } catch (error) {
      throw classify(error);
    }
  };
  return {
    ...on(pool),
    async transaction(work) {
      const client = await connect();
      const tx = on(client);
      let broken: unknown;
      try {
        await tx.query('BEGIN');
        const result = await work(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        broken = error;
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        // A client whose connection failed is not given back to the pool.
        client.release(broken instanceof StoreUnavailableError ? (broken as Error) : undefined);
      }
    },
    async withClient(work) {
      const client = await connect();
      try {
        return await work(on(client));
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now
  '57P01',
  '57P02',
  '57P03',
]);

function classify(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const unreachable =
    (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) ||
    /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable/i.test(
      message,
    );
  return unreachable
    ? new StoreUnavailableError(`PostgreSQL unreachable: ${message}`, { cause: error })
    : error;
}

/** A Uint8Array as a parameter pg sends as bytea (a Buffer over the same bytes). */
export function bytes(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** A bytea read back, as its own Uint8Array (as the SQLite store gives). */
export function fromBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data);
}
