/**
 * Schema changes of the SQLite file after the first one, applied in order on open and
 * counted in `PRAGMA user_version`, so a data directory from an older release is
 * brought up to date in place (and a newer one is never touched twice).
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  // 1: classes, their groups and members, and the generations of a room's document.
  `
  CREATE TABLE classes (
    class TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    group_size INTEGER NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    instructor_hash TEXT NOT NULL,
    stage_room TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    scenario TEXT,
    state TEXT NOT NULL DEFAULT '{}'
  );
  CREATE TABLE class_groups (
    class TEXT NOT NULL,
    group_no INTEGER NOT NULL,
    room TEXT NOT NULL UNIQUE,
    last_green_at INTEGER,
    PRIMARY KEY (class, group_no)
  );
  CREATE TABLE class_members (
    member TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    group_no INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    hand_raised_at INTEGER
  );
  CREATE INDEX class_members_by_class ON class_members (class, group_no, joined_at);
  CREATE TABLE room_generations (
    room TEXT NOT NULL,
    generation INTEGER NOT NULL,
    doc TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    label TEXT NOT NULL,
    retired_clients TEXT NOT NULL,
    PRIMARY KEY (room, generation)
  );
  `,
  // 2: predict-then-observe rounds and each student's answers.
  `
  CREATE TABLE prediction_rounds (
    class TEXT NOT NULL,
    round INTEGER NOT NULL,
    label TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    revealed_at INTEGER,
    cells TEXT NOT NULL,
    PRIMARY KEY (class, round)
  );
  CREATE TABLE predictions (
    class TEXT NOT NULL,
    round INTEGER NOT NULL,
    member TEXT NOT NULL,
    answers TEXT NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (class, round, member)
  );
  `,
  // 3: "who edits what": each member's last edit that stood in a room, for the dashboard and its CSV.
  `
  CREATE TABLE member_last_edits (
    room TEXT NOT NULL,
    member TEXT NOT NULL,
    path TEXT NOT NULL,
    vm TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (room, member)
  );
  `,
];

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let index = version; index < MIGRATIONS.length; index++) {
    const sql = MIGRATIONS[index] as string;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}
