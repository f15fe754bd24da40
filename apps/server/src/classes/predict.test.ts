import { afterEach, describe, expect, it } from 'vitest';
import { type ClassServer, join, openClass, startClassServer } from './testing';

let server: ClassServer;
afterEach(async () => {
  await server.dispose();
});

interface RoundView {
  round: number;
  cells: { key: string; reachable?: boolean; wrong?: number; answered?: number; why?: { code: string } }[];
  students: number;
  mine?: Record<string, boolean>;
  misconceptions?: string[];
  score?: { right: number; of: number };
}

describe('predict, then observe', () => {
  it('[CLASS-14] students predict matrix cells; the reveal gives the engine’s answers and what the class got wrong most', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    const base = `/api/classes/${opened.class}/predict`;
    // No round yet: an answer the pages poll for, not an error.
    for (const token of [opened.instructorToken, ana.token]) {
      const none = await server.api('GET', base, token);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ round: null });
    }
    expect((await server.api('POST', base, opened.instructorToken)).body).toMatchObject({
      errors: [{ path: 'scenario' }],
    });
    const opening = await server.api<RoundView>('POST', base, opened.instructorToken, {
      scenario: 'seed-2-nat',
    });
    expect(opening.status).toBe(201);
    const keys = opening.body.cells.map((cell) => cell.key);
    expect(keys).toContain('vm1>vm2:ping');
    expect(keys).toContain('vm1>internet:ping');
    // Before the reveal nobody sees the answers.
    const seen = await server.api<RoundView>('GET', base, ana.token);
    expect(seen.body.cells.every((cell) => cell.reachable === undefined)).toBe(true);

    const answer = (token: string, answers: Record<string, unknown>) =>
      server.api<RoundView>('PUT', `${base}/answers`, token, { answers });
    expect((await answer(ana.token, { 'vm1>vm2:ping': true, 'vm1>internet:ping': true })).body.mine).toEqual({
      'vm1>vm2:ping': true,
      'vm1>internet:ping': true,
    });
    await answer(bo.token, { 'vm1>vm2:ping': true, 'vm1>internet:ping': false });
    expect((await answer(bo.token, { nope: true })).body).toMatchObject({
      errors: [{ path: 'answers.nope' }],
    });
    expect((await answer(opened.instructorToken, {})).status).toBe(403);
    expect((await server.api('POST', `${base}/reveal`, ana.token)).status).toBe(403);

    const revealed = await server.api<RoundView>('POST', `${base}/reveal`, opened.instructorToken);
    const cell = (key: string) => revealed.body.cells.find((candidate) => candidate.key === key);
    expect(cell('vm1>vm2:ping')).toMatchObject({
      reachable: false,
      answered: 2,
      wrong: 2,
      why: { code: 'nat-private' },
    });
    expect(cell('vm1>internet:ping')).toMatchObject({ reachable: true, answered: 2, wrong: 1 });
    expect(revealed.body.misconceptions?.slice(0, 2)).toEqual(['vm1>vm2:ping', 'vm1>internet:ping']);
    const mine = await server.api<RoundView>('GET', base, ana.token);
    expect(mine.body.score).toEqual({ right: 1, of: keys.length });
    expect((await answer(ana.token, { 'vm1>vm2:ping': false })).status).toBe(409);
  });
});
