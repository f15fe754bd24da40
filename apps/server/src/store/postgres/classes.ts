/**
 * Classes, groups, members and generations in PostgreSQL (migration 2), the same
 * records as the SQLite class store (classes/classStore.ts: its row shapes and their
 * mapping are shared). Numbering (a room's next generation) happens in a transaction
 * under an advisory lock of its own, since several processes may number at once.
 */
import {
  type ClassRow,
  type ClassStore,
  classOf,
  type GenerationRow,
  generationOf,
  type MemberRow,
  memberOf,
  stateOf,
} from '../../classes/classStore';
import type { GenerationRecord } from '../../classes/types';
import type { Db } from './db';
import { appendUpdate } from './docs';
import { postgresPredictions } from './predictions';

export function postgresClasses(db: Db): ClassStore {
  const one = async <R>(sql: string, params: readonly unknown[]) => (await db.query<R>(sql, params))[0];
  const run = async (sql: string, params: readonly unknown[]) => {
    await db.query(sql, params);
  };
  return {
    predictions: postgresPredictions(db),
    async createClass(record) {
      await run(
        `INSERT INTO classes (class, title, group_size, join_code, instructor_hash, stage_room, created_at, scenario, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          record.id,
          record.title,
          record.groupSize,
          record.joinCode,
          record.instructorHash,
          record.stageRoom,
          record.createdAt,
          record.scenario === null ? null : JSON.stringify(record.scenario),
          JSON.stringify(record.state),
        ],
      );
    },
    getClass: async (id) => classOf(await one<ClassRow>('SELECT * FROM classes WHERE class = $1', [id])),
    async classesWithPendingFaults() {
      // state is the JSON text of ClassState; as in SQLite's json_array_length, anything
      // but a non-empty array of pendingFaults counts as none.
      const rows = await db.query<ClassRow>(
        `SELECT * FROM classes
         WHERE jsonb_typeof(state::jsonb -> 'pendingFaults') = 'array'
           AND state::jsonb -> 'pendingFaults' <> '[]'::jsonb`,
        [],
      );
      return rows.flatMap((row) => {
        const klass = classOf(row);
        return klass ? [klass] : [];
      });
    },
    classByCode: async (code) =>
      classOf(await one<ClassRow>('SELECT * FROM classes WHERE join_code = $1', [code])),
    async setScenario(id, scenario) {
      await run('UPDATE classes SET scenario = $1 WHERE class = $2', [
        scenario === null ? null : JSON.stringify(scenario),
        id,
      ]);
    },
    async claimPendingFault(classId, faultId) {
      // One statement: a concurrent claim waits for this row and then finds the fault
      // gone (READ COMMITTED re-checks the WHERE on the updated row), so one wins.
      const claimed = await db.query<{ class: string }>(
        `UPDATE classes
            SET state = jsonb_set(
                  state::jsonb,
                  '{pendingFaults}',
                  COALESCE(
                    (SELECT jsonb_agg(pending)
                       FROM jsonb_array_elements(state::jsonb -> 'pendingFaults') AS pending
                      WHERE pending ->> 'id' <> $2),
                    '[]'::jsonb))::text
          WHERE class = $1
            AND jsonb_typeof(state::jsonb -> 'pendingFaults') = 'array'
            AND state::jsonb -> 'pendingFaults' @> jsonb_build_array(jsonb_build_object('id', $2::text))
        RETURNING class`,
        [classId, faultId],
      );
      return claimed.length > 0;
    },
    updateState: (id, change) =>
      db.transaction(async (tx) => {
        // The row stays locked until the commit: another process's update (or claim)
        // waits, then reads what this one wrote.
        const [row] = await tx.query<{ state: string }>(
          'SELECT state FROM classes WHERE class = $1 FOR UPDATE',
          [id],
        );
        if (!row) return undefined;
        const current = stateOf(row.state);
        const fields = change(current);
        if (!fields) return current;
        const state = { ...current, ...fields };
        await tx.query('UPDATE classes SET state = $1 WHERE class = $2', [JSON.stringify(state), id]);
        return state;
      }),
    async groups(classId) {
      const rows = await db.query<{ class: string; group_no: number; room: string }>(
        'SELECT class, group_no, room FROM class_groups WHERE class = $1 ORDER BY group_no',
        [classId],
      );
      return rows.map((row) => ({ classId: row.class, group: row.group_no, room: row.room }));
    },
    async addGroup(group) {
      await run('INSERT INTO class_groups (class, group_no, room) VALUES ($1, $2, $3)', [
        group.classId,
        group.group,
        group.room,
      ]);
    },
    async placeOfRoom(room) {
      const group = await one<{ class: string; group_no: number }>(
        'SELECT class, group_no FROM class_groups WHERE room = $1',
        [room],
      );
      if (group) return { kind: 'group', classId: group.class, group: group.group_no };
      const stage = await one<{ class: string }>('SELECT class FROM classes WHERE stage_room = $1', [room]);
      return stage ? { kind: 'stage', classId: stage.class } : undefined;
    },
    async members(classId) {
      const rows = await db.query<MemberRow>(
        'SELECT * FROM class_members WHERE class = $1 ORDER BY joined_at, joined_seq',
        [classId],
      );
      return rows.map(memberOf);
    },
    async memberByTokenHash(hash) {
      const row = await one<MemberRow>('SELECT * FROM class_members WHERE token_hash = $1', [hash]);
      return row && memberOf(row);
    },
    async getMember(id) {
      const row = await one<MemberRow>('SELECT * FROM class_members WHERE member = $1', [id]);
      return row && memberOf(row);
    },
    async addMember(member) {
      await run(
        `INSERT INTO class_members (member, class, name, token_hash, group_no, joined_at, hand_raised_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          member.id,
          member.classId,
          member.name,
          member.tokenHash,
          member.group,
          member.joinedAt,
          member.handRaisedAt,
        ],
      );
    },
    async moveMember(id, group) {
      await run('UPDATE class_members SET group_no = $1 WHERE member = $2', [group, id]);
    },
    async setHand(id, raisedAt) {
      await run('UPDATE class_members SET hand_raised_at = $1 WHERE member = $2', [raisedAt, id]);
    },
    async setLastGreen(room, at) {
      await run('UPDATE class_groups SET last_green_at = $1 WHERE room = $2', [at, room]);
    },
    async lastGreen(room) {
      const row = await one<{ last_green_at: number | null }>(
        'SELECT last_green_at FROM class_groups WHERE room = $1',
        [room],
      );
      return row?.last_green_at ?? null;
    },
    async setLastEdit(room, member, edit) {
      await run(
        `INSERT INTO member_last_edits (room, member, path, vm, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (room, member) DO UPDATE SET path = excluded.path, vm = excluded.vm, at = excluded.at`,
        [room, member, edit.path, edit.vm, edit.at],
      );
    },
    async lastEdits(room) {
      const rows = await db.query<{ member: string; path: string; vm: string | null; at: number }>(
        'SELECT member, path, vm, at FROM member_last_edits WHERE room = $1',
        [room],
      );
      return new Map(rows.map((row) => [row.member, { path: row.path, vm: row.vm, at: row.at }]));
    },
    async currentGeneration(room) {
      const row = await one<GenerationRow>(
        'SELECT * FROM room_generations WHERE room = $1 ORDER BY generation DESC LIMIT 1',
        [room],
      );
      return row && generationOf(row);
    },
    async generations(room) {
      const rows = await db.query<GenerationRow>(
        'SELECT * FROM room_generations WHERE room = $1 ORDER BY generation',
        [room],
      );
      return rows.map(generationOf);
    },
    startGeneration: (next) =>
      db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`generation:${next.room}`]);
        const [current] = await tx.query<{ generation: number }>(
          'SELECT generation FROM room_generations WHERE room = $1 ORDER BY generation DESC LIMIT 1',
          [next.room],
        );
        const record: GenerationRecord = {
          room: next.room,
          generation: (current?.generation ?? 0) + 1,
          doc: next.doc,
          createdAt: next.createdAt,
          label: next.label,
          retiredClients: next.retiredClients,
        };
        await appendUpdate(tx, next.doc, next.update);
        await tx.query(
          `INSERT INTO room_generations (room, generation, doc, created_at, label, retired_clients)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            record.room,
            record.generation,
            record.doc,
            record.createdAt,
            record.label,
            JSON.stringify(record.retiredClients),
          ],
        );
        return record;
      }),
  };
}
