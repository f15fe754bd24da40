/**
 * While a prediction round is open (CLASS-14), a class's results documents reach no
 * student: the results are the engine's answers to the round. The instructor (full
 * access) still gets them. On opening, a student's results socket on a room of the
 * class is closed with 4000 (reopen with fresh documents): what their page had already
 * synced goes, and the reopened results document gets nothing (DocChannel.withheldFrom).
 * On the reveal each withheld socket is sent the whole results document.
 *
 * Whether a round is open is asked on every change of a results document, so it is kept
 * in memory: read when a room of the class loads, and again when a round opens or is
 * revealed, here or (cluster mode, announced) on another process.
 */
import { ROUND_OPENED_REASON } from '@vnetlab/shared';
import type { Logger } from '../log';
import type { Room } from '../sync/Room';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { ClassStore } from './classStore';
import { NewGeneration } from './generations';

/** Not final: the page reopens its room with fresh documents, and gets no results this time. */
export const RoundOpened = {
  code: NewGeneration.code,
  reason: ROUND_OPENED_REASON,
} as const;

export class RoundHold {
  /** Class -> whether its round is open, as last read here. */
  private readonly open = new Map<string, boolean>();

  constructor(
    private readonly classes: ClassStore,
    private readonly rooms: () => RoomRegistry,
    private readonly log: Logger,
  ) {}

  /** Whether students of the class get no results now. */
  withholds(classId: string): boolean {
    return this.open.get(classId) === true;
  }

  /** A room of the class, loaded: its results document keeps to the round. */
  attach(room: Room, classId: string): void {
    room.results.withheldFrom = (connection) => connection.access !== 'full' && this.withholds(classId);
  }

  /**
   * Reads whether the class's round is open. A change from what was known acts on the
   * class's loaded rooms: a round opened closes students' results sockets, a reveal sends
   * them the results.
   */
  async load(classId: string): Promise<void> {
    const round = await this.classes.predictions.current(classId);
    const open = round !== undefined && round.revealedAt === null;
    const known = this.open.get(classId);
    this.open.set(classId, open);
    if (known === undefined || known === open) return;
    const rooms = this.rooms();
    for (const id of await this.roomsOf(classId)) {
      const loaded = rooms.loaded(id);
      if (!loaded) continue;
      if (!open) {
        loaded.results.releaseWithheld();
        continue;
      }
      for (const connection of loaded.results.peers)
        if (connection.access !== 'full') connection.socket.close(RoundOpened.code, RoundOpened.reason);
    }
    this.log(open ? 'class-round-withheld' : 'class-round-released', { class: classId });
  }

  /** Reads again every class known here (cluster mode: back after an outage). */
  async refresh(classId: string | undefined): Promise<void> {
    const known = classId === undefined ? [...this.open.keys()] : [classId].filter((id) => this.open.has(id));
    await Promise.all(known.map((id) => this.load(id)));
  }

  private async roomsOf(classId: string): Promise<string[]> {
    const [klass, groups] = await Promise.all([this.classes.getClass(classId), this.classes.groups(classId)]);
    return [...groups.map((group) => group.room), ...(klass ? [klass.stageRoom] : [])];
  }
}
