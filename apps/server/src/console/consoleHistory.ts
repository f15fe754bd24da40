/**
 * The room's shared console (SPEC.md CONSOLE-1…): every command run through
 * `POST /api/labs/:room/exec` and what it printed, appended by the server to the room
 * document's root `Y.Array` `console`, so partners see it live and it survives a reload.
 * Clients only read it; the server trims it to the last `limit` entries in the same
 * transaction as the append, so the document never holds more.
 */
import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import type { DocChannel } from '../sync/DocChannel';

export const CONSOLE_ROOT = 'console';
export const CONSOLE_LIMIT = 200;
/** The longest display name a command is signed with (`by`). */
export const MAX_BY_LENGTH = 64;
/** What of one command's output the room keeps: 200 of them must fit the document easily. */
export const MAX_OUTPUT_CHARS = 16_384;

export interface ConsoleRecord {
  readonly id: string;
  /** Milliseconds since the epoch, by the server's clock. */
  readonly at: number;
  /** The display name of whoever ran it; '' when the caller gave none. */
  readonly by: string;
  readonly machine: string;
  readonly command: string;
  readonly output: string;
  readonly exitCode: number;
  /** The engine's reason when the probe behind the command failed. */
  readonly reason?: string;
  /** That reason as data (`{code, params}`), for pages that render it in their language. */
  readonly why?: unknown;
}

export type ConsoleInput = Omit<ConsoleRecord, 'id' | 'at' | 'reason' | 'why'> & {
  readonly probe: { readonly reachable: boolean; readonly reason: string; readonly why?: unknown } | null;
};

/** Reads the optional `by` of an exec body: a string of at most MAX_BY_LENGTH characters. */
export function parseBy(value: unknown): { ok: true; by: string } | { ok: false; error: string } {
  if (value === undefined || value === null) return { ok: true, by: '' };
  if (typeof value !== 'string') return { ok: false, error: 'by: must be a string (a display name)' };
  const by = value.trim();
  if (by.length > MAX_BY_LENGTH) return { ok: false, error: `by: at most ${MAX_BY_LENGTH} characters` };
  return { ok: true, by };
}

/** Appends one command and its answer to the room's console, keeping the last `limit`. */
export function appendConsole(
  channel: DocChannel,
  input: ConsoleInput,
  now: number = Date.now(),
  limit: number = CONSOLE_LIMIT,
): ConsoleRecord {
  const record: ConsoleRecord = {
    id: randomBytes(6).toString('base64url'),
    at: now,
    by: input.by,
    machine: input.machine,
    command: input.command,
    output:
      input.output.length > MAX_OUTPUT_CHARS
        ? `${input.output.slice(0, MAX_OUTPUT_CHARS)}\n[…]`
        : input.output,
    exitCode: input.exitCode,
    ...(input.probe && !input.probe.reachable
      ? { reason: input.probe.reason, ...(input.probe.why ? { why: input.probe.why } : {}) }
      : {}),
  };
  const log = consoleArray(channel.doc);
  channel.transact(
    () => {
      log.push([record]);
      const excess = log.length - limit;
      if (excess > 0) log.delete(0, excess);
    },
    { kind: 'console' },
  );
  return record;
}

export function consoleArray(doc: Y.Doc): Y.Array<ConsoleRecord> {
  return doc.getArray<ConsoleRecord>(CONSOLE_ROOT);
}

export function readConsole(doc: Y.Doc): ConsoleRecord[] {
  return consoleArray(doc).toArray();
}
