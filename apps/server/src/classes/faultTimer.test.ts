import { afterEach, describe, expect, it } from 'vitest';
import type { ClassProgress } from './progress';
import { type ClassServer, join, openClass, startClassServer, until } from './testing';

let server: ClassServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('faults on a timer', () => {
  it('[CLASS-13] [CLASS-11] a fault planted on a timer survives a restart: re-armed, planted once, in the chosen group', async () => {
    const first = await startClassServer();
    server = first;
    const opened = await openClass(first, { groupSize: 1 });
    await join(first, opened.joinCode, 'ana');
    await join(first, opened.joinCode, 'bo');
    const base = `/api/classes/${opened.class}`;
    const planted = await first.api<{ at: number; pending: string; groups: number[] }>(
      'POST',
      `${base}/faults`,
      opened.instructorToken,
      { fault: 'fault-cable-disconnected', groups: [2], delayMs: 1500 },
    );
    expect(planted.status).toBe(200);
    expect(planted.body.groups).toEqual([2]);
    const before = await first.api<ClassProgress>('GET', `${base}/progress`, opened.instructorToken);
    expect(before.body.state.pendingFaults).toMatchObject([
      { fault: 'fault-cable-disconnected', groups: [2] },
    ]);
    expect(before.body.groups.map((group) => group.fault)).toEqual([null, null]);

    // The server stops before the timer fires; a new one starts on the same data.
    await first.stop();
    server = await startClassServer({}, first.dataDir);
    const again = server;
    const progress = () =>
      again.api<ClassProgress>('GET', `${base}/progress`, opened.instructorToken).then((r) => r.body);
    const after = await until(progress, (p) => p.groups[1]?.fault !== null, 'the re-armed fault');
    expect(Date.now()).toBeGreaterThanOrEqual(planted.body.at);
    expect(after.groups[1]?.fault).toMatchObject({ fault: 'fault-cable-disconnected', solvedAt: null });
    expect(after.groups[0]?.fault).toBeNull();
    expect(after.state.pendingFaults).toEqual([]);
    const generation = after.groups[1]?.generation;
    expect(generation).toBe(1);

    // Another restart plants nothing more.
    await again.stop();
    server = await startClassServer({}, first.dataDir);
    const third = server;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await third.api<ClassProgress>('GET', `${base}/progress`, opened.instructorToken);
    expect(later.body.groups[1]?.generation).toBe(generation);
    expect(later.body.state.pendingFaults).toEqual([]);
  });
});
