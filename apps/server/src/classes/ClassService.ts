/**
 * The classroom's operations over the store and the rooms: opening a class, placing
 * students in groups (CLASS-2), moving them (CLASS-4), broadcasting and resetting
 * (CLASS-5), the lesson's state (pause, timer, spotlight, hands) and who is online.
 * The HTTP routes are thin over it.
 */
import { type JsonObject, writeLab } from '@vnetlab/shared';
import { hashToken, newRoomId, newToken } from '../auth/tokens';
import type { Logger } from '../log';
import type { RoomDirectory } from '../store/types';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { INSTRUCTOR } from './access';
import type { ClassStore } from './classStore';
import type { Generations } from './generations';
import { newJoinCode } from './joinCode';
import {
  type ClassRecord,
  type ClassState,
  type GroupRecord,
  INITIAL_STATE,
  type MemberRecord,
} from './types';

/** Final: this student's token now opens another group's room. */
export const MovedToAnotherGroup = { code: 4403, reason: 'Moved to another group' } as const;

export interface ClassServiceOptions {
  readonly classes: ClassStore;
  readonly directory: RoomDirectory;
  readonly rooms: () => RoomRegistry;
  readonly generations: Generations;
  readonly emptyLab: JsonObject;
  readonly log: Logger;
}

export class ClassService {
  readonly classes: ClassStore;
  constructor(private readonly options: ClassServiceOptions) {
    this.classes = options.classes;
  }

  create(title: string, groupSize: number): { klass: ClassRecord; instructorToken: string } {
    const instructorToken = newToken();
    const stageRoom = newRoomId();
    let joinCode = newJoinCode();
    while (this.classes.classByCode(joinCode)) joinCode = newJoinCode();
    const klass: ClassRecord = {
      id: newRoomId(),
      title,
      groupSize,
      joinCode,
      instructorHash: hashToken(instructorToken),
      stageRoom,
      createdAt: Date.now(),
      scenario: null,
      state: INITIAL_STATE,
    };
    this.openRoom(stageRoom, this.options.emptyLab, () => this.classes.createClass(klass));
    this.options.log('class-created', { class: klass.id, stage: stageRoom });
    return { klass, instructorToken };
  }

  /** Places a student in the first group with room for one more, opening one if none has. */
  join(klass: ClassRecord, name: string): { member: MemberRecord; group: GroupRecord; token: string } {
    const members = this.classes.members(klass.id);
    const groups = this.classes.groups(klass.id);
    const size = (group: number) => members.filter((member) => member.group === group).length;
    const group =
      groups.find((candidate) => size(candidate.group) < klass.groupSize) ?? this.openGroup(klass, groups);
    const token = newToken();
    const member: MemberRecord = {
      id: newRoomId(),
      classId: klass.id,
      name,
      tokenHash: hashToken(token),
      group: group.group,
      joinedAt: Date.now(),
      handRaisedAt: null,
    };
    this.classes.addMember(member);
    this.options.log('class-joined', { class: klass.id, member: member.id, group: group.group });
    return { member, group, token };
  }

  /** Moves a student into `group` (an existing one, or the next new one) and closes their sockets. */
  move(klass: ClassRecord, member: MemberRecord, group: number): GroupRecord | undefined {
    const groups = this.classes.groups(klass.id);
    const target =
      groups.find((candidate) => candidate.group === group) ??
      (group === groups.length + 1 ? this.openGroup(klass, groups) : undefined);
    if (!target) return undefined;
    const from = groups.find((candidate) => candidate.group === member.group);
    this.classes.moveMember(member.id, target.group);
    if (from) this.closeConnectionsOf(from.room, member.id);
    this.options.log('class-member-moved', {
      class: klass.id,
      member: member.id,
      from: member.group,
      to: target.group,
    });
    return target;
  }

  /** Every group room (and the scenario new groups start from) gets the lab as a new generation. */
  broadcast(klass: ClassRecord, lab: JsonObject, label: string): GroupRecord[] {
    this.classes.setScenario(klass.id, lab);
    const groups = this.classes.groups(klass.id);
    for (const group of groups) this.options.generations.start(group.room, lab, label);
    this.options.log('class-broadcast', { class: klass.id, label, rooms: groups.length });
    return groups;
  }

  reset(klass: ClassRecord, group: GroupRecord): void {
    this.options.generations.start(group.room, klass.scenario ?? this.options.emptyLab, 'reset');
  }

  pushToStage(klass: ClassRecord, lab: JsonObject, label: string): void {
    this.options.generations.start(klass.stageRoom, lab, label);
  }

  /**
   * Faults on demand: the troubleshooting scenario `fault` becomes a new generation of
   * each chosen group's room (all groups when none are named), timed until solved.
   */
  plantFault(klass: ClassRecord, fault: string, lab: JsonObject, groups: readonly GroupRecord[]): void {
    const faults = { ...(this.classes.getClass(klass.id)?.state.faults ?? {}) };
    for (const group of groups) {
      this.options.generations.start(group.room, lab, `fault:${fault}`);
      faults[String(group.group)] = { fault, plantedAt: Date.now(), solvedAt: null };
    }
    this.setState(this.classes.getClass(klass.id) ?? klass, { faults });
    this.options.log('class-fault-planted', {
      class: klass.id,
      fault,
      groups: groups.map((group) => group.group),
    });
  }

  /** Every goal of a group's room is met: a fault planted there is found. */
  faultSolved(classId: string, group: number, at: number): void {
    const klass = this.classes.getClass(classId);
    const fault = klass?.state.faults[String(group)];
    if (!klass || !fault || fault.solvedAt !== null) return;
    this.setState(klass, { faults: { ...klass.state.faults, [String(group)]: { ...fault, solvedAt: at } } });
    this.options.log('class-fault-found', {
      class: classId,
      group,
      fault: fault.fault,
      ms: at - fault.plantedAt,
    });
  }

  setState(klass: ClassRecord, change: Partial<ClassState>): ClassState {
    const state = { ...klass.state, ...change };
    this.classes.setState(klass.id, state);
    return state;
  }

  /** Who has a socket open on the room now (member ids, `instructor`). */
  online(room: string): Set<string> {
    const rooms = this.options.rooms();
    const present = new Set<string>();
    if (!rooms.isLoaded(room)) return present;
    const loaded = rooms.get(room);
    for (const connection of [...loaded.lab.peers, ...loaded.results.peers]) {
      if (connection.principal) present.add(connection.principal);
    }
    return present;
  }

  instructorWatching(room: string): boolean {
    return this.online(room).has(INSTRUCTOR);
  }

  private openGroup(klass: ClassRecord, groups: readonly GroupRecord[]): GroupRecord {
    const group: GroupRecord = { classId: klass.id, group: groups.length + 1, room: newRoomId() };
    this.openRoom(group.room, klass.scenario ?? this.options.emptyLab, () => this.classes.addGroup(group));
    return group;
  }

  /**
   * A room nobody holds the own token of: class tokens open it (see access.ts). It is
   * placed in the class (`place`) before it loads, so it loads with the class's guard.
   */
  private openRoom(room: string, lab: JsonObject, place: () => void): void {
    this.options.directory.createRoom({ room, tokenHash: hashToken(newToken()), createdAt: Date.now() });
    place();
    writeLab(this.options.rooms().get(room).lab.doc, lab, { kind: 'api' });
  }

  private closeConnectionsOf(room: string, principal: string): void {
    const rooms = this.options.rooms();
    if (!rooms.isLoaded(room)) return;
    const loaded = rooms.get(room);
    for (const connection of [...loaded.lab.peers, ...loaded.results.peers]) {
      if (connection.principal !== principal) continue;
      connection.socket.close(MovedToAnotherGroup.code, MovedToAnotherGroup.reason);
    }
  }
}
