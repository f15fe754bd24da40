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
import type { CloseEvent } from '../sync/closeCodes';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { Connection } from '../sync/types';
import { INSTRUCTOR } from './access';
import { aliasesOf } from './anonymize';
import type { ClassStore, StateChange } from './classStore';
import type { Generations } from './generations';
import { newJoinCode } from './joinCode';
import { isEmptyReport, joinReports, type PresenceReport, parseReport, type RoomPresence } from './presence';
import {
  type ClassRecord,
  type ClassState,
  type GroupRecord,
  INITIAL_STATE,
  type LastEdit,
  type MemberRecord,
  type PendingFault,
  type PlantedFault,
} from './types';

/** Final: the room is no longer in the spotlight, so this student may not read it. */
export const SpotlightEnded = { code: 4403, reason: 'Spotlight ended' } as const;

/** Final: this student's token now opens another group's room. */
export const MovedToAnotherGroup = { code: 4403, reason: 'Moved to another group' } as const;

/** Not final (as a new generation): names were hidden or shown on the stage; open the room afresh. */
export const StageViewChanged = {
  code: 4000,
  reason: 'The stage view changed: open the room again',
} as const;

export type { Editing, RoomPresence } from './presence';
export type { LastEdit } from './types';

const vmOfPath = (path: string): string | null => /^vms\.([^.[]+)/.exec(path)?.[1] ?? null;

export interface ClassServiceOptions {
  readonly classes: ClassStore;
  readonly directory: RoomDirectory;
  readonly rooms: () => RoomRegistry;
  readonly generations: Generations;
  readonly emptyLab: JsonObject;
  readonly log: Logger;
  /** The troubleshooting lab of a fault id (`fault-…`), when a timed fault fires. */
  readonly faultLab?: (fault: string) => JsonObject | undefined;
  /** Cluster mode: the other processes drop what they cache of the class. */
  readonly onStateChanged?: (classId: string) => void;
  /** Cluster mode: the other processes close the sockets they hold of the room too. */
  readonly onClose?: (room: string, which: ConnectionSelector, event: CloseEvent) => void;
  /**
   * Cluster mode: whether the other processes hear this one's announcements now (Redis
   * reachable); a fault scheduled while they do not is armed here too (`scheduleFault`).
   */
  readonly announcementsHeard?: () => boolean;
  /** Cluster mode: what the other live processes report of each room (`presenceReport`'s JSON). */
  readonly remotePresence?: (rooms: readonly string[]) => Promise<Map<string, unknown[]>>;
}

/** Which of a room's connections to close: a member's, or every read-only one. */
export interface ConnectionSelector {
  readonly principal?: string;
  readonly access?: Connection['access'];
}

/** Closes the sockets of `room` (if loaded here) that `which` picks. */
export function closeConnections(
  rooms: RoomRegistry,
  room: string,
  which: ConnectionSelector,
  event: CloseEvent,
): void {
  const loaded = rooms.loaded(room);
  if (!loaded) return;
  for (const connection of [...loaded.lab.peers, ...loaded.results.peers]) {
    if (which.principal !== undefined && connection.principal !== which.principal) continue;
    if (which.access !== undefined && connection.access !== which.access) continue;
    connection.socket.close(event.code, event.reason);
  }
}

export class ClassService {
  readonly classes: ClassStore;
  /**
   * Whether each class is paused, as last read or set here: the write guard asks on
   * every update, too often to ask the store.
   */
  private readonly pausedClasses = new Map<string, boolean>();
  /** The spotlight of each class, kept like `pausedClasses`: awareness asks on every change. */
  private readonly spotlights = new Map<string, ClassState['spotlight']>();
  /**
   * Room -> member id -> their last edit that stood: read on every progress, so kept
   * here, and written through to the store (the dashboard and its CSV show it after a
   * restart too). Loaded with the room (`loadEdits`).
   */
  private readonly lastEdits = new Map<string, Map<string, LastEdit>>();
  /** `room member` -> the edit to write once the one being written is stored (one write in flight each). */
  private readonly editWrites = new Map<string, { next: LastEdit | null }>();
  /** Each class's aliases for its spotlit group (`aliasesOf`), read by the anonymized stage's awareness. */
  private readonly aliases = new Map<string, ReadonlyMap<string, string>>();
  /** Timers of the faults waiting to be planted (PendingFault), by pending id; cleared on close. */
  private readonly faultTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /**
   * Whether this process plants the faults waiting on a timer: always on its own; in
   * cluster mode only while it holds the cluster's timer lease (`keepTimers`), so one
   * process arms each fault and plants it once.
   */
  private keepsTimers = false;
  /** The resync under way (`resync`), so the next waits for it. */
  private resyncing: Promise<void> = Promise.resolve();
  constructor(private readonly options: ClassServiceOptions) {
    this.classes = options.classes;
  }

  async create(title: string, groupSize: number): Promise<{ klass: ClassRecord; instructorToken: string }> {
    const instructorToken = newToken();
    const stageRoom = newRoomId();
    let joinCode = newJoinCode();
    while (await this.classes.classByCode(joinCode)) joinCode = newJoinCode();
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
    await this.openRoom(stageRoom, this.options.emptyLab, () => this.classes.createClass(klass));
    this.options.log('class-created', { class: klass.id, stage: stageRoom });
    return { klass, instructorToken };
  }

  /** Places a student in the first group with room for one more, opening one if none has. */
  async join(
    klass: ClassRecord,
    name: string,
  ): Promise<{ member: MemberRecord; group: GroupRecord; token: string }> {
    const members = await this.classes.members(klass.id);
    const groups = await this.classes.groups(klass.id);
    const size = (group: number) => members.filter((member) => member.group === group).length;
    const group =
      groups.find((candidate) => size(candidate.group) < klass.groupSize) ??
      (await this.openGroup(klass, groups));
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
    await this.classes.addMember(member);
    await this.refreshAliases(klass.id);
    this.options.log('class-joined', { class: klass.id, member: member.id, group: group.group });
    return { member, group, token };
  }

  /** Moves a student into `group` (an existing one, or the next new one) and closes their sockets. */
  async move(klass: ClassRecord, member: MemberRecord, group: number): Promise<GroupRecord | undefined> {
    const groups = await this.classes.groups(klass.id);
    const target =
      groups.find((candidate) => candidate.group === group) ??
      (group === groups.length + 1 ? await this.openGroup(klass, groups) : undefined);
    if (!target) return undefined;
    const from = groups.find((candidate) => candidate.group === member.group);
    await this.classes.moveMember(member.id, target.group);
    await this.refreshAliases(klass.id);
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
  async broadcast(klass: ClassRecord, lab: JsonObject, label: string): Promise<GroupRecord[]> {
    await this.classes.setScenario(klass.id, lab);
    const groups = await this.classes.groups(klass.id);
    for (const group of groups) await this.options.generations.start(group.room, lab, label);
    this.options.log('class-broadcast', { class: klass.id, label, rooms: groups.length });
    return groups;
  }

  async reset(klass: ClassRecord, group: GroupRecord): Promise<void> {
    await this.options.generations.start(group.room, klass.scenario ?? this.options.emptyLab, 'reset');
  }

  async pushToStage(klass: ClassRecord, lab: JsonObject, label: string): Promise<void> {
    await this.options.generations.start(klass.stageRoom, lab, label);
  }

  /**
   * Faults on demand: the troubleshooting scenario `fault` becomes a new generation of
   * each chosen group's room (all groups when none are named), timed until solved.
   */
  async plantFault(
    klass: ClassRecord,
    fault: string,
    lab: JsonObject,
    groups: readonly GroupRecord[],
  ): Promise<void> {
    const planted: Record<string, PlantedFault> = {};
    for (const group of groups) {
      await this.options.generations.start(group.room, lab, `fault:${fault}`);
      planted[String(group.group)] = { fault, plantedAt: Date.now(), solvedAt: null };
    }
    await this.setState(klass, (state) => ({ faults: { ...state.faults, ...planted } }));
    this.options.log('class-fault-planted', {
      class: klass.id,
      fault,
      groups: groups.map((group) => group.group),
    });
  }

  /**
   * A fault on a timer: stored with the class (so a restart re-arms it, see
   * `rearmFaults`) and planted by `fireFault` when its time comes.
   */
  async scheduleFault(
    klass: ClassRecord,
    fault: string,
    groups: readonly number[] | null,
    at: number,
  ): Promise<PendingFault> {
    const pending: PendingFault = { id: newRoomId(), fault, groups, at };
    // Cluster mode: the class's announcement (setState) tells the process keeping the timers.
    await this.setState(klass, (state) => ({ pendingFaults: [...state.pendingFaults, pending] }));
    // Unless nobody hears it (Redis unreachable: no process keeps the timers then, and
    // the keeper would arm it only once Redis is back): this process arms it too, so it
    // fires on time; the store's claim (fireFault) still plants it once.
    if (this.keepsTimers || this.options.announcementsHeard?.() === false) this.armFault(klass.id, pending);
    this.options.log('class-fault-scheduled', { class: klass.id, fault, groups, at });
    return pending;
  }

  /**
   * Plants a pending fault now (its timer fired), once: the store's claim takes it off the
   * class's list, and only the claimant plants it (cluster mode: other processes may hold
   * a timer of it too).
   */
  async fireFault(classId: string, id: string): Promise<void> {
    const klass = await this.classes.getClass(classId);
    const pending = klass?.state.pendingFaults.find((candidate) => candidate.id === id);
    if (!klass || !pending) return;
    if (!(await this.classes.claimPendingFault(classId, id))) return;
    this.options.onStateChanged?.(classId);
    const lab = this.options.faultLab?.(pending.fault);
    if (!lab) {
      this.options.log('class-fault-failed', {
        class: classId,
        fault: pending.fault,
        error: 'no such fault',
      });
      return;
    }
    const all = await this.classes.groups(classId);
    const groups =
      pending.groups === null ? all : all.filter((group) => pending.groups?.includes(group.group));
    await this.plantFault(klass, pending.fault, lab, groups);
  }

  /**
   * Starts (true) or stops keeping the class timers here. Taken up, every fault still
   * waiting in the store is armed (after a start, or from the previous keeper: one whose
   * time passed fires at once). Given up (cluster mode: the lease lost, as while Redis is
   * down), no fault is armed here any more, but those armed stay so and fire on time: the
   * store's claim (`fireFault`) plants each once, whichever process fires first.
   */
  keepTimers(keep: boolean): Promise<number> {
    this.keepsTimers = keep;
    return keep ? this.rearmFaults() : Promise.resolve(0);
  }

  /** Faults armed here now, waiting for their time. */
  get armedFaults(): number {
    return this.faultTimers.size;
  }

  /** Arms every stored fault still waiting that is not armed yet (of `classId`, or of every class). */
  private async rearmFaults(classId?: string): Promise<number> {
    const classes =
      classId === undefined
        ? await this.classes.classesWithPendingFaults()
        : [await this.classes.getClass(classId)].filter((klass) => klass !== undefined);
    let armed = 0;
    for (const klass of classes) {
      for (const pending of klass.state.pendingFaults) {
        if (!this.keepsTimers || this.faultTimers.has(pending.id)) continue;
        this.armFault(klass.id, pending);
        armed++;
      }
    }
    if (armed > 0) this.options.log('class-faults-rearmed', { faults: armed });
    return armed;
  }

  /** Stops the timers of pending faults (they stay stored for the next start). */
  close(): void {
    for (const timer of this.faultTimers.values()) clearTimeout(timer);
    this.faultTimers.clear();
  }

  private armFault(classId: string, pending: PendingFault): void {
    const timer = setTimeout(
      () => {
        this.faultTimers.delete(pending.id);
        this.fireFault(classId, pending.id).catch((error: unknown) =>
          this.options.log('class-fault-failed', {
            class: classId,
            fault: pending.fault,
            error: String(error),
          }),
        );
      },
      Math.max(0, pending.at - Date.now()),
    );
    timer.unref();
    this.faultTimers.set(pending.id, timer);
  }

  /** Every goal of a group's room is met: a fault planted there is found. */
  async faultSolved(classId: string, group: number, at: number): Promise<void> {
    const klass = await this.classes.getClass(classId);
    const seen = klass?.state.faults[String(group)];
    if (!klass || !seen || seen.solvedAt !== null) return;
    // What the store held when it was marked (by this call: not already, nor elsewhere meanwhile).
    const found: { fault?: PlantedFault } = {};
    await this.setState(klass, (state) => {
      const fault = state.faults[String(group)];
      if (!fault || fault.solvedAt !== null) return undefined;
      found.fault = fault;
      return { faults: { ...state.faults, [String(group)]: { ...fault, solvedAt: at } } };
    });
    const { fault } = found;
    if (!fault) return;
    this.options.log('class-fault-found', {
      class: classId,
      group,
      fault: fault.fault,
      ms: at - fault.plantedAt,
    });
  }

  /** Puts a group on the stage (or none); students watching the previous one are closed (4403). */
  async spotlight(klass: ClassRecord, next: ClassState['spotlight']): Promise<ClassState> {
    const previous = klass.state.spotlight;
    const state = await this.setState(klass, { spotlight: next });
    await this.refreshAliases(klass.id);
    const roomOf = async (number: number) =>
      (await this.classes.groups(klass.id)).find((group) => group.group === number)?.room;
    const watching: ConnectionSelector = { access: 'read' };
    if (previous && previous.group !== next?.group) {
      const room = await roomOf(previous.group);
      if (room) this.closeWhere(room, watching, SpotlightEnded);
    } else if (previous && next && previous.anonymize !== next.anonymize) {
      // Watchers hold the names (or the aliases) already: they reopen the room and get the other view.
      const room = await roomOf(next.group);
      if (room) this.closeWhere(room, watching, StageViewChanged);
    }
    return state;
  }

  /**
   * Changes the class's lesson state: the fields given, or those `change` makes of the
   * state as stored now (for a field that grows from what is there, as a list of
   * faults). Atomic in the store, so a concurrent change (another request, another
   * process) is neither undone nor brought back.
   */
  async setState(klass: ClassRecord, change: Partial<ClassState> | StateChange): Promise<ClassState> {
    const fields = typeof change === 'function' ? change : () => change;
    const state = (await this.classes.updateState(klass.id, fields)) ?? {
      ...klass.state,
      ...fields(klass.state),
    };
    this.pausedClasses.set(klass.id, state.paused);
    this.spotlights.set(klass.id, state.spotlight);
    this.options.onStateChanged?.(klass.id);
    return state;
  }

  /** Whether watchers of group `group`'s room see aliases, not names (as `isPaused`, from memory). */
  anonymizes(classId: string, group: number): boolean {
    const spotlight = this.spotlights.get(classId);
    return spotlight?.group === group && spotlight.anonymize;
  }

  /**
   * Reads again what is cached of a class (every class when undefined): it changed
   * elsewhere. The keeper of the timers arms the faults scheduled there.
   */
  async refresh(classId: string | undefined): Promise<void> {
    const cached = classId === undefined ? [...this.pausedClasses.keys()] : [classId];
    await Promise.all([
      ...cached.filter((id) => this.pausedClasses.has(id)).map((id) => this.loadPaused(id)),
      this.keepsTimers ? this.rearmFaults(classId) : undefined,
    ]);
  }

  /**
   * Cluster mode, back on Redis after an outage: reads every cached class again (as
   * `refresh`), and closes (4000, reopen) the watchers of a stage whose names were hidden
   * or shown meanwhile on another process: they hold the other view already, and the
   * announcement that would have closed them here was lost.
   */
  resync(): Promise<void> {
    // One at a time (a reconnect and another process's `resync` come together): a second
    // one then sees the view the first applied, and closes nobody again.
    const next = this.resyncing.then(() => this.resyncOnce());
    this.resyncing = next.catch(() => {});
    return next;
  }

  private async resyncOnce(): Promise<void> {
    const before = new Map(this.spotlights);
    await this.refresh(undefined);
    for (const [classId, was] of before) {
      const now = this.spotlights.get(classId);
      if (!was || !now || was.group !== now.group || was.anonymize === now.anonymize) continue;
      const room = (await this.classes.groups(classId)).find((group) => group.group === now.group)?.room;
      if (room) closeConnections(this.options.rooms(), room, { access: 'read' }, StageViewChanged);
    }
  }

  /** Reads whether the class is paused into memory (before a room of it loads its guard). */
  async loadPaused(classId: string): Promise<void> {
    const klass = await this.classes.getClass(classId);
    this.pausedClasses.set(classId, klass?.state.paused === true);
    this.spotlights.set(classId, klass?.state.spotlight ?? null);
    await this.refreshAliases(classId);
  }

  /** The aliases of the class's spotlit group's watchers see (empty while nobody is spotlit). */
  aliasesOf(classId: string): ReadonlyMap<string, string> {
    return this.aliases.get(classId) ?? new Map();
  }

  private async refreshAliases(classId: string): Promise<void> {
    const spotlight = this.spotlights.get(classId);
    if (!spotlight) {
      this.aliases.delete(classId);
      return;
    }
    this.aliases.set(classId, aliasesOf(await this.classes.members(classId), spotlight.group));
  }

  /** Whether the class is paused, as read by `loadPaused` or set by `setState`. */
  isPaused(classId: string): boolean {
    return this.pausedClasses.get(classId) === true;
  }

  /** A student's edit stood in `room` (the write guard says so): noted now, stored in the background. */
  noteEdit(room: string, principal: string, path: string, at: number): void {
    const edits = this.lastEdits.get(room) ?? new Map<string, LastEdit>();
    const edit: LastEdit = { path, vm: vmOfPath(path), at };
    edits.set(principal, edit);
    this.lastEdits.set(room, edits);
    this.storeEdit(room, principal, edit);
  }

  /** Reads the room's stored last edits into memory (before the room loads); newer ones noted here stay. */
  async loadEdits(room: string): Promise<void> {
    for (const [member, edit] of await this.classes.lastEdits(room)) this.keepEdit(room, member, edit);
  }

  /**
   * One write in flight per member and room: a burst of keystrokes over a networked
   * store becomes the write in flight and then the last of the burst, in order.
   */
  private storeEdit(room: string, member: string, edit: LastEdit): void {
    const key = `${room} ${member}`;
    const flight = this.editWrites.get(key);
    if (flight) {
      flight.next = edit;
      return;
    }
    const state: { next: LastEdit | null } = { next: null };
    this.editWrites.set(key, state);
    const write = (value: LastEdit): void => {
      this.classes
        .setLastEdit(room, member, value)
        .catch((error: unknown) => this.options.log('class-note-failed', { room, error: String(error) }))
        .finally(() => {
          const next = state.next;
          state.next = null;
          if (next) write(next);
          else this.editWrites.delete(key);
        });
    };
    write(edit);
  }

  /**
   * Who is in each of `rooms` and what they edit (per member id the VM whose settings
   * they have open, from awareness, and their last edit that stood), over this process's
   * sockets and, in cluster mode, every other live process's. An edit known from
   * another process is kept here too, so it outlives that process.
   */
  async presence(rooms: readonly string[]): Promise<Map<string, RoomPresence>> {
    const remote = (await this.options.remotePresence?.(rooms)) ?? new Map<string, unknown[]>();
    const found = new Map<string, RoomPresence>();
    for (const room of rooms) {
      const others = (remote.get(room) ?? []).flatMap((value) => parseReport(value) ?? []);
      const joined = joinReports(this.localReport(room), others);
      if (this.options.rooms().isLoaded(room)) {
        for (const [member, { lastEdit }] of joined.editing)
          if (lastEdit) this.keepEdit(room, member, lastEdit);
      }
      found.set(room, joined);
    }
    return found;
  }

  /** What this process reports of `room` to the others (cluster mode); undefined for nothing. */
  presenceReport(room: string): PresenceReport | undefined {
    const report = this.localReport(room);
    return isEmptyReport(report) ? undefined : report;
  }

  /** Whether the instructor has a socket open on the room, on any process. */
  async instructorWatching(room: string): Promise<boolean> {
    return (await this.presence([room])).get(room)?.online.has(INSTRUCTOR) === true;
  }

  /** The room as this process sees it: its sockets, their awareness, the last edits it knows. */
  private localReport(room: string): PresenceReport {
    const online = new Set<string>();
    const openVms: Record<string, string> = {};
    const loaded = this.options.rooms().loaded(room);
    for (const connection of [...(loaded?.lab.peers ?? []), ...(loaded?.results.peers ?? [])]) {
      if (connection.principal) online.add(connection.principal);
    }
    for (const { connection, state } of loaded?.lab.awarenessByConnection() ?? []) {
      if (connection.principal && typeof state.openVm === 'string')
        openVms[connection.principal] = state.openVm;
    }
    return {
      online: [...online],
      openVms,
      lastEdits: Object.fromEntries(this.lastEdits.get(room) ?? []),
    };
  }

  /** Keeps `edit` in memory if it is newer than the one known (stored by whoever noted it). */
  private keepEdit(room: string, member: string, edit: LastEdit): void {
    const edits = this.lastEdits.get(room) ?? new Map<string, LastEdit>();
    if ((edits.get(member)?.at ?? -1) >= edit.at) return;
    edits.set(member, edit);
    this.lastEdits.set(room, edits);
  }

  /**
   * Closes the sockets of a loaded group room that its class no longer admits: a member
   * moved to another group, a watcher of a group no longer in the spotlight (cluster mode:
   * what another process announced while Redis was unreachable; access.ts decides the same
   * way at the upgrade).
   */
  async recheckConnections(room: string): Promise<void> {
    const place = await this.classes.placeOfRoom(room);
    if (place?.kind !== 'group') return;
    const [klass, members] = await Promise.all([
      this.classes.getClass(place.classId),
      this.classes.members(place.classId),
    ]);
    const groupOf = new Map(members.map((member) => [member.id, member.group]));
    const loaded = this.options.rooms().loaded(room);
    for (const connection of [...(loaded?.lab.peers ?? []), ...(loaded?.results.peers ?? [])]) {
      const principal = connection.principal;
      if (!principal || principal === INSTRUCTOR) continue;
      if (connection.access === 'student' && groupOf.get(principal) !== place.group)
        connection.socket.close(MovedToAnotherGroup.code, MovedToAnotherGroup.reason);
      else if (connection.access === 'read' && klass?.state.spotlight?.group !== place.group)
        connection.socket.close(SpotlightEnded.code, SpotlightEnded.reason);
    }
  }

  private async openGroup(klass: ClassRecord, groups: readonly GroupRecord[]): Promise<GroupRecord> {
    const group: GroupRecord = { classId: klass.id, group: groups.length + 1, room: newRoomId() };
    await this.openRoom(group.room, klass.scenario ?? this.options.emptyLab, () =>
      this.classes.addGroup(group),
    );
    return group;
  }

  /**
   * A room nobody holds the own token of: class tokens open it (see access.ts). It is
   * placed in the class (`place`) before it loads, so it loads with the class's guard.
   */
  private async openRoom(room: string, lab: JsonObject, place: () => Promise<void>): Promise<void> {
    await this.options.directory.createRoom({
      room,
      tokenHash: hashToken(newToken()),
      createdAt: Date.now(),
    });
    await place();
    writeLab((await this.options.rooms().open(room)).lab.doc, lab, { kind: 'api' });
  }

  private closeConnectionsOf(room: string, principal: string): void {
    this.closeWhere(room, { principal }, MovedToAnotherGroup);
  }

  /** Closes the room's sockets that `which` picks, here and (cluster mode) on every process. */
  private closeWhere(room: string, which: ConnectionSelector, event: CloseEvent): void {
    closeConnections(this.options.rooms(), room, which, event);
    this.options.onClose?.(room, which, event);
  }
}
