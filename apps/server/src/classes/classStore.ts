/**
 * Classes in the store (tables of migration 1): every write is one statement or one
 * transaction, committed when its promise resolves, so a killed process loses no class,
 * member or generation it answered for. The interface is asynchronous so that a
 * networked store (PostgreSQL) implements it too; here, over SQLite, it resolves at once.
 */
import type Database from 'better-sqlite3';
import { createPredictionStore, type PredictionStore } from './predictionStore';
import {
  type ClassRecord,
  type ClassState,
  type GenerationRecord,
  type GroupRecord,
  INITIAL_STATE,
  type LastEdit,
  type MemberRecord,
  type RoomPlace,
} from './types';

export interface NewGeneration {
  readonly room: string;
  readonly doc: string;
  readonly label: string;
  readonly createdAt: number;
  /** The first update of the new document (the lab, in one transaction). */
  readonly update: Uint8Array;
  readonly retiredClients: readonly number[];
}

/** The fields of the lesson state to replace, given the state as stored now (undefined: none). */
export type StateChange = (state: ClassState) => Partial<ClassState> | undefined;

export interface ClassStore {
  readonly predictions: PredictionStore;
  createClass(record: ClassRecord): Promise<void>;
  getClass(id: string): Promise<ClassRecord | undefined>;
  /** Classes with a fault on a timer (`state.pendingFaults`), to re-arm after a restart. */
  classesWithPendingFaults(): Promise<ClassRecord[]>;
  classByCode(code: string): Promise<ClassRecord | undefined>;
  setScenario(id: string, scenario: ClassRecord['scenario']): Promise<void>;
  /**
   * Changes the lesson state in one atomic step: `change` gets the state as stored now
   * and returns the fields to replace (undefined: nothing to write). Two writers (two
   * processes in cluster mode) each see the other's write, so neither brings back a
   * claimed fault nor undoes the other's change, as a read-then-write of the whole
   * state would. Resolves to the state stored after it (undefined: no such class).
   */
  updateState(id: string, change: StateChange): Promise<ClassState | undefined>;
  /**
   * Takes the pending fault `faultId` off the class's list in one atomic step: true for
   * the one caller that took it (it plants the fault), false once it is gone. In cluster
   * mode several processes may hold its timer; this is what plants it once.
   */
  claimPendingFault(classId: string, faultId: string): Promise<boolean>;
  groups(classId: string): Promise<GroupRecord[]>;
  addGroup(group: GroupRecord): Promise<void>;
  placeOfRoom(room: string): Promise<RoomPlace | undefined>;
  members(classId: string): Promise<MemberRecord[]>;
  memberByTokenHash(hash: string): Promise<MemberRecord | undefined>;
  getMember(id: string): Promise<MemberRecord | undefined>;
  addMember(member: MemberRecord): Promise<void>;
  moveMember(id: string, group: number): Promise<void>;
  setHand(id: string, raisedAt: number | null): Promise<void>;
  /** When a goal of the group's room last turned green. */
  setLastGreen(room: string, at: number): Promise<void>;
  lastGreen(room: string): Promise<number | null>;
  /** A member's last edit that stood in `room` (replaces the one before). */
  setLastEdit(room: string, member: string, edit: LastEdit): Promise<void>;
  /** Member id -> their last edit in `room`. */
  lastEdits(room: string): Promise<Map<string, LastEdit>>;
  currentGeneration(room: string): Promise<GenerationRecord | undefined>;
  generations(room: string): Promise<GenerationRecord[]>;
  /** Appends the new document's first update and points the room at it, in one transaction. */
  startGeneration(generation: NewGeneration): Promise<GenerationRecord>;
}

export interface ClassRow {
  class: string;
  title: string;
  group_size: number;
  join_code: string;
  instructor_hash: string;
  stage_room: string;
  created_at: number;
  scenario: string | null;
  state: string;
}
export interface MemberRow {
  member: string;
  class: string;
  name: string;
  token_hash: string;
  group_no: number;
  joined_at: number;
  hand_raised_at: number | null;
}
export interface GenerationRow {
  room: string;
  generation: number;
  doc: string;
  created_at: number;
  label: string;
  retired_clients: string;
}

export function createClassStore(
  db: Database.Database,
  append: (doc: string, update: Uint8Array) => void,
): ClassStore {
  const q = {
    insertClass: db.prepare(
      `INSERT INTO classes (class, title, group_size, join_code, instructor_hash, stage_room, created_at, scenario, state)
       VALUES (@class, @title, @group_size, @join_code, @instructor_hash, @stage_room, @created_at, @scenario, @state)`,
    ),
    classById: db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE class = ?'),
    classByCode: db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE join_code = ?'),
    classByStage: db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE stage_room = ?'),
    withPendingFaults: db.prepare<[], ClassRow>(
      "SELECT * FROM classes WHERE json_array_length(state, '$.pendingFaults') > 0",
    ),
    setScenario: db.prepare<[string | null, string]>('UPDATE classes SET scenario = ? WHERE class = ?'),
    setState: db.prepare<[string, string]>('UPDATE classes SET state = ? WHERE class = ?'),
    groups: db.prepare<[string], { class: string; group_no: number; room: string }>(
      'SELECT * FROM class_groups WHERE class = ? ORDER BY group_no',
    ),
    groupByRoom: db.prepare<[string], { class: string; group_no: number; room: string }>(
      'SELECT * FROM class_groups WHERE room = ?',
    ),
    insertGroup: db.prepare<[string, number, string]>(
      'INSERT INTO class_groups (class, group_no, room) VALUES (?, ?, ?)',
    ),
    members: db.prepare<[string], MemberRow>(
      'SELECT * FROM class_members WHERE class = ? ORDER BY joined_at, rowid',
    ),
    memberByToken: db.prepare<[string], MemberRow>('SELECT * FROM class_members WHERE token_hash = ?'),
    memberById: db.prepare<[string], MemberRow>('SELECT * FROM class_members WHERE member = ?'),
    insertMember: db.prepare(
      `INSERT INTO class_members (member, class, name, token_hash, group_no, joined_at, hand_raised_at)
       VALUES (@member, @class, @name, @token_hash, @group_no, @joined_at, @hand_raised_at)`,
    ),
    moveMember: db.prepare<[number, string]>('UPDATE class_members SET group_no = ? WHERE member = ?'),
    setHand: db.prepare<[number | null, string]>(
      'UPDATE class_members SET hand_raised_at = ? WHERE member = ?',
    ),
    setLastGreen: db.prepare<[number, string]>('UPDATE class_groups SET last_green_at = ? WHERE room = ?'),
    lastGreen: db.prepare<[string], { last_green_at: number | null }>(
      'SELECT last_green_at FROM class_groups WHERE room = ?',
    ),
    setLastEdit: db.prepare<[string, string, string, string | null, number]>(
      `INSERT INTO member_last_edits (room, member, path, vm, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (room, member) DO UPDATE SET path = excluded.path, vm = excluded.vm, at = excluded.at`,
    ),
    lastEdits: db.prepare<[string], { member: string; path: string; vm: string | null; at: number }>(
      'SELECT member, path, vm, at FROM member_last_edits WHERE room = ?',
    ),
    currentGeneration: db.prepare<[string], GenerationRow>(
      'SELECT * FROM room_generations WHERE room = ? ORDER BY generation DESC LIMIT 1',
    ),
    generations: db.prepare<[string], GenerationRow>(
      'SELECT * FROM room_generations WHERE room = ? ORDER BY generation',
    ),
    insertGeneration: db.prepare(
      `INSERT INTO room_generations (room, generation, doc, created_at, label, retired_clients)
       VALUES (@room, @generation, @doc, @created_at, @label, @retired_clients)`,
    ),
  };

  // IMMEDIATE (below): the write lock is taken before the read, so no other connection
  // to the file writes between the two.
  const updateState = db.transaction((id: string, change: StateChange): ClassState | undefined => {
    const klass = classOf(q.classById.get(id));
    if (!klass) return undefined;
    const fields = change(klass.state);
    if (!fields) return klass.state;
    const state = { ...klass.state, ...fields };
    q.setState.run(JSON.stringify(state), id);
    return state;
  });
  const claimPendingFault = db.transaction((classId: string, faultId: string): boolean => {
    const klass = classOf(q.classById.get(classId));
    if (!klass?.state.pendingFaults.some((pending) => pending.id === faultId)) return false;
    const pendingFaults = klass.state.pendingFaults.filter((pending) => pending.id !== faultId);
    q.setState.run(JSON.stringify({ ...klass.state, pendingFaults }), classId);
    return true;
  });
  const startGeneration = db.transaction((next: NewGeneration): GenerationRecord => {
    const current = q.currentGeneration.get(next.room);
    const record: GenerationRecord = {
      room: next.room,
      generation: (current?.generation ?? 0) + 1,
      doc: next.doc,
      createdAt: next.createdAt,
      label: next.label,
      retiredClients: next.retiredClients,
    };
    append(next.doc, next.update);
    q.insertGeneration.run({
      room: record.room,
      generation: record.generation,
      doc: record.doc,
      created_at: record.createdAt,
      label: record.label,
      retired_clients: JSON.stringify(record.retiredClients),
    });
    return record;
  });

  return {
    predictions: createPredictionStore(db),
    async createClass(record) {
      q.insertClass.run({
        class: record.id,
        title: record.title,
        group_size: record.groupSize,
        join_code: record.joinCode,
        instructor_hash: record.instructorHash,
        stage_room: record.stageRoom,
        created_at: record.createdAt,
        scenario: record.scenario === null ? null : JSON.stringify(record.scenario),
        state: JSON.stringify(record.state),
      });
    },
    getClass: async (id) => classOf(q.classById.get(id)),
    classesWithPendingFaults: async () =>
      q.withPendingFaults.all().flatMap((row) => {
        const klass = classOf(row);
        return klass ? [klass] : [];
      }),
    classByCode: async (code) => classOf(q.classByCode.get(code)),
    async setScenario(id, scenario) {
      q.setScenario.run(scenario === null ? null : JSON.stringify(scenario), id);
    },
    async claimPendingFault(classId, faultId) {
      return claimPendingFault.immediate(classId, faultId);
    },
    updateState: async (id, change) => updateState.immediate(id, change),
    groups: async (classId) =>
      q.groups.all(classId).map((row) => ({ classId: row.class, group: row.group_no, room: row.room })),
    async addGroup(group) {
      q.insertGroup.run(group.classId, group.group, group.room);
    },
    async placeOfRoom(room) {
      const group = q.groupByRoom.get(room);
      if (group) return { kind: 'group', classId: group.class, group: group.group_no };
      const stage = q.classByStage.get(room);
      return stage ? { kind: 'stage', classId: stage.class } : undefined;
    },
    members: async (classId) => q.members.all(classId).map(memberOf),
    async memberByTokenHash(hash) {
      const row = q.memberByToken.get(hash);
      return row && memberOf(row);
    },
    async getMember(id) {
      const row = q.memberById.get(id);
      return row && memberOf(row);
    },
    async addMember(member) {
      q.insertMember.run({
        member: member.id,
        class: member.classId,
        name: member.name,
        token_hash: member.tokenHash,
        group_no: member.group,
        joined_at: member.joinedAt,
        hand_raised_at: member.handRaisedAt,
      });
    },
    async moveMember(id, group) {
      q.moveMember.run(group, id);
    },
    async setHand(id, raisedAt) {
      q.setHand.run(raisedAt, id);
    },
    async setLastGreen(room, at) {
      q.setLastGreen.run(at, room);
    },
    lastGreen: async (room) => q.lastGreen.get(room)?.last_green_at ?? null,
    async setLastEdit(room, member, edit) {
      q.setLastEdit.run(room, member, edit.path, edit.vm, edit.at);
    },
    lastEdits: async (room) =>
      new Map(q.lastEdits.all(room).map((row) => [row.member, { path: row.path, vm: row.vm, at: row.at }])),
    async currentGeneration(room) {
      const row = q.currentGeneration.get(room);
      return row && generationOf(row);
    },
    generations: async (room) => q.generations.all(room).map(generationOf),
    startGeneration: async (next) => startGeneration(next),
  };
}

export function classOf(row: ClassRow | undefined): ClassRecord | undefined {
  if (!row) return undefined;
  return {
    id: row.class,
    title: row.title,
    groupSize: row.group_size,
    joinCode: row.join_code,
    instructorHash: row.instructor_hash,
    stageRoom: row.stage_room,
    createdAt: row.created_at,
    scenario: row.scenario === null ? null : JSON.parse(row.scenario),
    state: stateOf(row.state),
  };
}

/** The lesson state as stored (its JSON text); fields added since it was written have their defaults. */
export function stateOf(json: string): ClassState {
  return { ...INITIAL_STATE, ...JSON.parse(json) };
}

export function memberOf(row: MemberRow): MemberRecord {
  return {
    id: row.member,
    classId: row.class,
    name: row.name,
    tokenHash: row.token_hash,
    group: row.group_no,
    joinedAt: row.joined_at,
    handRaisedAt: row.hand_raised_at,
  };
}

export function generationOf(row: GenerationRow): GenerationRecord {
  return {
    room: row.room,
    generation: row.generation,
    doc: row.doc,
    createdAt: row.created_at,
    label: row.label,
    retiredClients: JSON.parse(row.retired_clients),
  };
}
