/**
 * The room's timeline (SPEC.md HISTORY-1…): after each computation, what the edits it
 * covered changed in the lab (paths with before/after values), which matrix cells
 * flipped, who made them and when, appended to the results document's root `Y.Array`
 * `history` (the last `limit` entries; an append sends only the new entry, where one
 * JSON value would resend the whole timeline on every edit).
 *
 * Who: the display names the writing connections publish in the lab document's
 * awareness (`user.name`); the server saw which connection sent each update, and the
 * awareness gate applies a connection's awareness with that connection as origin.
 * In a class, a connection's principal names it instead (`authorKey`): the room may be
 * watched on an anonymized stage, so its documents hold no student's name; the page
 * reads the names (or aliases) the class lets it see (`GET /api/classes/:class/rooms/:room/people`).
 */
import type { JsonValue } from '@vnetlab/shared';
import type * as Y from 'yjs';
import type { DocChannel } from '../sync/DocChannel';
import type { Origin } from '../sync/types';
import { diffLab, type LabChange } from './labDiff';
import { type CellFlip, matrixFlips } from './matrixFlips';

export const HISTORY_ROOT = 'history';
export const HISTORY_LIMIT = 100;
/** How an entry names edits made through the HTTP API (`PUT /api/labs/:room`). */
export const API_AUTHOR = 'API';

/** How a class's documents name a person: `@` and their principal (`@instructor`, `@MEMBER`). */
export const authorKey = (principal: string): string => `@${principal}`;
const isAuthorKey = (author: string) => author.startsWith('@');

export interface HistoryEntry {
  readonly id: string;
  /** The results revision this entry was computed with. */
  readonly revision: number;
  readonly at: number;
  /** Display names of who edited, in order of first edit; '' for a person with no name yet. */
  readonly by: readonly string[];
  readonly changes: readonly LabChange[];
  readonly flips: readonly CellFlip[];
}

/** What one computation saw: the lab and its matrix, taken as it started. */
export interface Computed {
  readonly lab: JsonValue;
  readonly matrix: unknown;
  /** The matrix as JSON, when the caller has it: the same text as last time, no cell flipped. */
  readonly matrixJson?: string;
  readonly revision: number;
}

export class RoomHistory {
  private readonly names = new Map<string, string>();
  private pending: string[] = [];
  private last: Computed | undefined;

  constructor(
    private readonly lab: DocChannel,
    private readonly results: DocChannel,
    private readonly limit = HISTORY_LIMIT,
    private readonly now: () => number = Date.now,
  ) {
    lab.awareness.on('change', this.onAwareness);
  }

  /** Notes who wrote an update of the lab document (call from its `update` event). */
  noteWrite(origin: unknown): void {
    const author = authorOf(origin);
    if (author !== undefined && !this.pending.includes(author)) this.pending.push(author);
  }

  /** The authors since the last call: take them as a computation reads the lab. */
  takeAuthors(): string[] {
    const authors = this.pending;
    this.pending = [];
    return authors;
  }

  /** Records one finished computation; the first one of a loaded room is the baseline. */
  record(computed: Computed, authors: readonly string[]): HistoryEntry | undefined {
    const previous = this.last;
    this.last = computed;
    if (!previous) return undefined;
    const changes = diffLab(previous.lab, computed.lab);
    if (changes.length === 0) return undefined;
    const entry: HistoryEntry = {
      id: `${computed.revision}-${this.now().toString(36)}`,
      revision: computed.revision,
      at: this.now(),
      by: authors.map((author) => this.nameOf(author)),
      changes,
      flips:
        computed.matrixJson !== undefined && computed.matrixJson === previous.matrixJson
          ? []
          : matrixFlips(previous.matrix, computed.matrix),
    };
    const timeline = historyArray(this.results.doc);
    this.results.transact(
      () => {
        timeline.push([entry]);
        const excess = timeline.length - this.limit;
        if (excess > 0) timeline.delete(0, excess);
      },
      { kind: 'engine' },
    );
    return entry;
  }

  destroy(): void {
    this.lab.awareness.off('change', this.onAwareness);
  }

  private nameOf(author: string): string {
    if (author === API_AUTHOR || isAuthorKey(author)) return author;
    return this.names.get(author) ?? '';
  }

  private readonly onAwareness = (
    { added, updated }: { added: number[]; updated: number[] },
    origin: unknown,
  ): void => {
    const connId = (origin as { id?: unknown } | null)?.id;
    if (typeof connId !== 'string') return;
    for (const id of [...added, ...updated]) {
      const name = nameIn(this.lab.awareness.getStates().get(id));
      if (name) this.names.set(`conn:${connId}`, name);
    }
  };
}

export function historyArray(doc: Y.Doc): Y.Array<HistoryEntry> {
  return doc.getArray<HistoryEntry>(HISTORY_ROOT);
}

export function authorOf(origin: unknown): string | undefined {
  const tagged = origin as Origin | null;
  switch (tagged?.kind) {
    case 'client':
      return tagged.principal ? authorKey(tagged.principal) : `conn:${tagged.connId}`;
    case 'api':
      return API_AUTHOR;
    case 'command':
      return tagged.by || API_AUTHOR;
    case 'remote':
      // Named by the process that accepted it (its connections as `conn:PROCESS/CONN`).
      return tagged.author;
    case 'guard':
    case 'repair':
    case 'engine':
    case 'load':
    case 'console':
    case undefined:
      return undefined;
    default:
      return assertNever(tagged);
  }
}

/** `user.name` of an awareness state, bounded as a display name. */
function nameIn(state: unknown): string {
  const user = (state as { user?: { name?: unknown } } | undefined)?.user;
  return typeof user?.name === 'string' ? user.name.trim().slice(0, 64) : '';
}

function assertNever(value: never): never {
  throw new Error(`unexpected origin ${JSON.stringify(value)}`);
}
