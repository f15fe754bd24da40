/**
 * The room's shared console as the page reads it: the room document's root `Y.Array`
 * `console`, which only the server appends to (SPEC.md CONSOLE-1…). Pages never write it.
 */
import type { Why } from '@vnetlab/shared';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import { whyOf } from '../results/resultsView';
import { asNumber, asObject, asString } from '../util/json';

export const CONSOLE_ROOT = 'console';

export interface ConsoleLine {
  readonly id: string;
  readonly at: number;
  readonly by: string;
  readonly machine: string;
  readonly command: string;
  readonly output: string;
  readonly exitCode: number;
  /** Why the probe behind the command failed ('' when it worked or there was none). */
  readonly reason: string;
  readonly why: Why | null;
}

export function consoleLines(raw: readonly unknown[]): ConsoleLine[] {
  const lines: ConsoleLine[] = [];
  for (const item of raw) {
    const entry = asObject(item);
    const command = asString(entry.command);
    if (!command) continue;
    lines.push({
      id: asString(entry.id) || `${lines.length}`,
      at: asNumber(entry.at),
      by: asString(entry.by),
      machine: asString(entry.machine),
      command,
      output: asString(entry.output),
      exitCode: asNumber(entry.exitCode),
      reason: asString(entry.reason),
      why: entry.why ? whyOf(entry.why) : null,
    });
  }
  return lines;
}

/** The shared console, live. Call inside a reactive owner. */
export function createRoomConsole(doc: Y.Doc): Accessor<readonly ConsoleLine[]> {
  const array = doc.getArray<unknown>(CONSOLE_ROOT);
  const [lines, setLines] = createSignal<readonly ConsoleLine[]>(consoleLines(array.toArray()));
  const onChange = () => setLines(consoleLines(array.toArray()));
  array.observe(onChange);
  onCleanup(() => array.unobserve(onChange));
  return lines;
}
