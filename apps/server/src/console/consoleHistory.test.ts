import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { DocChannel } from '../sync/DocChannel';
import { defaultLimits } from '../sync/types';
import { appendConsole, CONSOLE_ROOT, parseBy, readConsole } from './consoleHistory';

const channel = () =>
  new DocChannel({
    name: 'room',
    store: createMemoryStore(),
    writable: true,
    limits: defaultLimits,
    log: silentLogger,
  });

const line = (command: string, probe: { reachable: boolean; reason: string } | null = null) => ({
  by: 'Ana',
  machine: 'vm1',
  command,
  output: `${command}: done`,
  exitCode: probe && !probe.reachable ? 1 : 0,
  probe,
});

describe('the room console', () => {
  it('[CONSOLE-1] appends each command with its author, machine, output and exit code to the root array `console`', () => {
    const room = channel();
    const origins: unknown[] = [];
    room.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) origins.push(tr.origin);
    });
    appendConsole(room, line('ip addr'), 1000);
    const [entry] = room.doc.getArray(CONSOLE_ROOT).toArray() as Record<string, unknown>[];
    expect(entry).toMatchObject({
      at: 1000,
      by: 'Ana',
      machine: 'vm1',
      command: 'ip addr',
      output: 'ip addr: done',
      exitCode: 0,
    });
    expect(entry).not.toHaveProperty('reason');
    expect(typeof entry?.id).toBe('string');
    expect(origins).toEqual([{ kind: 'console' }]);
  });

  it('[CONSOLE-2] keeps the engine reason of a failed probe', () => {
    const room = channel();
    appendConsole(room, line('ping 10.0.2.9', { reachable: false, reason: 'nobody answers ARP' }));
    expect(readConsole(room.doc)[0]?.reason).toBe('nobody answers ARP');
  });

  it('[CONSOLE-3] keeps the last `limit` entries, trimming in the same transaction', () => {
    const room = channel();
    let transactions = 0;
    room.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) transactions++;
    });
    for (let i = 0; i < 7; i++) appendConsole(room, line(`echo ${i}`), i, 5);
    const kept = readConsole(room.doc);
    expect(kept.map((e) => e.command)).toEqual(['echo 2', 'echo 3', 'echo 4', 'echo 5', 'echo 6']);
    expect(transactions).toBe(7);
  });

  it('[CONSOLE-3] keeps at most 16 KiB of one output', () => {
    const room = channel();
    appendConsole(room, { ...line('cat big'), output: 'x'.repeat(20_000) });
    expect(readConsole(room.doc)[0]?.output).toBe(`${'x'.repeat(16_384)}\n[…]`);
  });

  it('[CONSOLE-4] a display name is a string of at most 64 characters; none is ""', () => {
    expect(parseBy(undefined)).toEqual({ ok: true, by: '' });
    expect(parseBy('  Ana ')).toEqual({ ok: true, by: 'Ana' });
    expect(parseBy(7)).toEqual({ ok: false, error: 'by: must be a string (a display name)' });
    expect(parseBy('x'.repeat(65))).toEqual({ ok: false, error: 'by: at most 64 characters' });
  });
});
