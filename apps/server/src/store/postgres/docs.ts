/**
 * Documents in PostgreSQL: an update log (`updates`, ordered by a sequence) and one
 * snapshot per document. Several processes may append to the same document at once
 * (cluster mode), so compaction merges the stored snapshot, the logged rows it read and
 * the caller's state into the new snapshot and deletes exactly those rows, in one
 * transaction: a row appended meanwhile by another process is kept for the next one.
 */
import * as Y from 'yjs';
import type { DocStore, StoredDoc } from '../types';
import { bytes, type Db, fromBytes, type Queryable } from './db';

export function postgresDocs(db: Db): Required<DocStore> {
  return {
    asynchronous: true,
    async load(name): Promise<StoredDoc> {
      // One statement, one view of the table: a compaction is either wholly before or after it.
      const rows = await db.query<{ data: Buffer }>(
        `SELECT data FROM (
           SELECT 0 AS part, 0::bigint AS seq, data FROM snapshots WHERE doc = $1
           UNION ALL
           SELECT 1 AS part, seq, data FROM updates WHERE doc = $1
         ) AS stored ORDER BY part, seq`,
        [name],
      );
      const updates = rows.map((row) => fromBytes(row.data));
      return { updates, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) };
    },
    async append(name, update) {
      await appendUpdate(db, name, update);
    },
    async compact(name, snapshot) {
      await db.transaction(async (tx) => {
        // One compaction of a document at a time, across every process.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`doc:${name}`]);
        const [stored] = await tx.query<{ data: Buffer }>('SELECT data FROM snapshots WHERE doc = $1', [
          name,
        ]);
        const rows = await tx.query<{ seq: number; data: Buffer }>(
          'SELECT seq, data FROM updates WHERE doc = $1 ORDER BY seq',
          [name],
        );
        const doc = new Y.Doc({ gc: true });
        if (stored) Y.applyUpdate(doc, fromBytes(stored.data));
        for (const row of rows) Y.applyUpdate(doc, fromBytes(row.data));
        Y.applyUpdate(doc, snapshot);
        const merged = Y.encodeStateAsUpdate(doc);
        doc.destroy();
        await tx.query(
          `INSERT INTO snapshots (doc, data) VALUES ($1, $2)
           ON CONFLICT (doc) DO UPDATE SET data = excluded.data`,
          [name, bytes(merged)],
        );
        if (rows.length > 0)
          await tx.query('DELETE FROM updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [
            name,
            rows.map((row) => row.seq),
          ]);
      });
    },
  };
}

export async function appendUpdate(db: Queryable, name: string, update: Uint8Array): Promise<void> {
  await db.query('INSERT INTO updates (doc, data) VALUES ($1, $2)', [name, bytes(update)]);
}
