/**
 * The PostgreSQL schema, as numbered migrations recorded in `vnetlab_migrations`. They
 * mirror the SQLite ones (store/sqliteStore.ts and store/migrations.ts): the same
 * tables and columns, BIGINT for milliseconds, BYTEA for updates. Applied at start-up
 * under an advisory lock, each in its own transaction, so two processes starting at
 * once apply each migration exactly once (the second waits, then finds it done).
 */
import type { Db } from './db';

/** `pg_advisory_lock` key of the migrations: any constant shared by every process. */
export const MIGRATION_LOCK = 7_316_052;

export const MIGRATIONS: readonly string[] = [
  // 1: rooms and their tokens; each document's snapshot and update log.
  `
  CREATE TABLE rooms (
    room TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE snapshots (
    doc TEXT PRIMARY KEY,
    data BYTEA NOT NULL
  );
  CREATE TABLE updates (
    seq BIGSERIAL PRIMARY KEY,
    doc TEXT NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE INDEX updates_by_doc ON updates (doc, seq);
  `,
  // 2: classes, their groups and members, and the generations of a room's document.
  `
  CREATE TABLE classes (
    class TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    group_size INTEGER NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    instructor_hash TEXT NOT NULL,
    stage_room TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    scenario TEXT,
    state TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX classes_by_stage ON classes (stage_room);
  CREATE TABLE class_groups (
    class TEXT NOT NULL,
    group_no INTEGER NOT NULL,
    room TEXT NOT NULL UNIQUE,
    last_green_at BIGINT,
    PRIMARY KEY (class, group_no)
  );
  CREATE TABLE class_members (
    member TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    group_no INTEGER NOT NULL,
    joined_at BIGINT NOT NULL,
    hand_raised_at BIGINT,
    -- The order of joining when two join in the same millisecond (SQLite's rowid).
    joined_seq BIGSERIAL NOT NULL
  );
  CREATE INDEX class_members_by_class ON class_members (class, group_no, joined_at);
  CREATE TABLE room_generations (
    room TEXT NOT NULL,
    generation INTEGER NOT NULL,
    doc TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    label TEXT NOT NULL,
    retired_clients TEXT NOT NULL,
    PRIMARY KEY (room, generation)
  );
  `,
  // 3: predict-then-observe rounds and each student's answers.
  `
  CREATE TABLE prediction_rounds (
    class TEXT NOT NULL,
    round INTEGER NOT NULL,
    label TEXT NOT NULL,
    opened_at BIGINT NOT NULL,
    revealed_at BIGINT,
    cells TEXT NOT NULL,
    PRIMARY KEY (class, round)
  );
  CREATE TABLE predictions (
    class TEXT NOT NULL,
    round INTEGER NOT NULL,
    member TEXT NOT NULL,
    answers TEXT NOT NULL,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (class, round, member)
  );
  `,
  // 4: "who edits what": each member's last edit that stood in a room (SQLite's migration 3).
  `
  CREATE TABLE member_last_edits (
    room TEXT NOT NULL,
    member TEXT NOT NULL,
    path TEXT NOT NULL,
    vm TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (room, member)
  );
  `,
];

/** Applies the migrations not applied yet; returns how many this call applied. */
export async function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): Promise<number> {
  return db.withClient(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS vnetlab_migrations (
           version INTEGER PRIMARY KEY,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      const done = await client.query<{ version: number }>('SELECT version FROM vnetlab_migrations');
      const applied = new Set(done.map((row) => row.version));
      let count = 0;
      for (const [index, sql] of migrations.entries()) {
        const version = index + 1;
        if (applied.has(version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query('INSERT INTO vnetlab_migrations (version) VALUES ($1)', [version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        count++;
      }
      return count;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    }
  });
}
