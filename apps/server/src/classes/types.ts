/** A class as stored: its record, groups, members and the generations of its rooms. */
import type { JsonObject } from '@vnetlab/shared';

export interface LessonTimer {
  /** When it was started (ms since epoch) and for how long. */
  readonly startedAt: number;
  readonly durationMs: number;
  /** Set while paused: the time left then. */
  readonly pausedLeftMs: number | null;
}

export interface Spotlight {
  readonly group: number;
  /** Names hidden on the stage. */
  readonly anonymize: boolean;
}

/** A fault planted in a group's room (faults on demand): who found it, how fast. */
export interface PlantedFault {
  /** The scenario id (`fault-…`). */
  readonly fault: string;
  readonly plantedAt: number;
  /** When every goal of the room was met again; null while the fault is in. */
  readonly solvedAt: number | null;
}

/** A fault to plant when its time comes (faults on demand, on a timer): kept so a restart re-arms it. */
export interface PendingFault {
  readonly id: string;
  /** The scenario id (`fault-…`). */
  readonly fault: string;
  /** Group numbers; null: every group the class has when it fires. */
  readonly groups: readonly number[] | null;
  /** When to plant it (ms since epoch). */
  readonly at: number;
}

/** What the instructor switches during a lesson. */
export interface ClassState {
  /** Every room read-only for students until resumed. */
  readonly paused: boolean;
  readonly timer: LessonTimer | null;
  readonly spotlight: Spotlight | null;
  /** By group number. */
  readonly faults: Readonly<Record<string, PlantedFault>>;
  /** Faults on a timer, not planted yet. */
  readonly pendingFaults: readonly PendingFault[];
}

export const INITIAL_STATE: ClassState = {
  paused: false,
  timer: null,
  spotlight: null,
  faults: {},
  pendingFaults: [],
};

export interface ClassRecord {
  readonly id: string;
  readonly title: string;
  readonly groupSize: number;
  readonly joinCode: string;
  readonly instructorHash: string;
  readonly stageRoom: string;
  readonly createdAt: number;
  /** The lab last broadcast: new groups start from it. */
  readonly scenario: JsonObject | null;
  readonly state: ClassState;
}

export interface GroupRecord {
  readonly classId: string;
  /** 1, 2, … in the order groups were opened. */
  readonly group: number;
  readonly room: string;
}

export interface MemberRecord {
  readonly id: string;
  readonly classId: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly group: number;
  readonly joinedAt: number;
  readonly handRaisedAt: number | null;
}

export interface GenerationRecord {
  readonly room: string;
  /** 1 for the first broadcast; generation 0 is the room's own document. */
  readonly generation: number;
  /** The store's name of this generation's document. */
  readonly doc: string;
  readonly createdAt: number;
  /** What started it: `scenario:ID`, `lab`, `reset`. */
  readonly label: string;
  /** Yjs client ids of the generations before it: an update under one comes from an old document. */
  readonly retiredClients: readonly number[];
}

/** "Who edits what": a member's last edit that stood in a room. */
export interface LastEdit {
  /** The lab path, as errors write it (`vms.web.adapters[0].mode`). */
  readonly path: string;
  /** The VM it is in, if any. */
  readonly vm: string | null;
  readonly at: number;
}

/** Where a room stands in a class. */
export type RoomPlace =
  | { readonly kind: 'group'; readonly classId: string; readonly group: number }
  | { readonly kind: 'stage'; readonly classId: string };
