import { afterEach, describe, expect, it } from 'vitest';
import { isLocked } from './classRules';
import { type ClassServer, join, openClass, scenario, startClassServer } from './testing';

let server: ClassServer;
afterEach(async () => {
  await server?.dispose();
});

describe('what a class refuses on the labs API', () => {
  it('[CLASS-16] a student’s console line changes no locked path and nothing while paused; the instructor’s does', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    const lab = { ...scenario('fault-cable-disconnected'), locked: ['vms.web.adapters[*].cable'] };
    await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, { lab });
    const exec = (token: string, command: string) =>
      server.api<{ error?: string }>('POST', `/api/labs/${ana.room}/exec`, token, {
        machine: 'web',
        command,
      });
    const cable = async () =>
      (
        await server.api<{ vms: { web: { adapters: { cable?: boolean }[] } } }>(
          'GET',
          `/api/labs/${ana.room}`,
          ana.token,
        )
      ).body.vms.web.adapters[0]?.cable;

    const refused = await exec(ana.token, 'sudo ip link set enp0s3 up');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('vms.web.adapters[0].cable is locked in this exercise');
    expect(await cable()).toBe(false);
    // A line that changes nothing runs.
    expect((await exec(ana.token, 'ip -br addr')).status).toBe(200);

    // Unlocked, but the class paused: the lab does not change either.
    await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      lab: scenario('fault-cable-disconnected'),
    });
    await server.api('POST', `/api/classes/${opened.class}/pause`, opened.instructorToken);
    expect((await exec(ana.token, 'sudo ip link set enp0s3 up')).body.error).toMatch(/paused/);
    expect(await cable()).toBe(false);
    await server.api('POST', `/api/classes/${opened.class}/resume`, opened.instructorToken);
    expect((await exec(ana.token, 'sudo ip link set enp0s3 up')).status).toBe(200);
    expect(await cable()).toBe(true);
    // The instructor is never refused.
    await server.api('POST', `/api/classes/${opened.class}/pause`, opened.instructorToken);
    expect((await exec(opened.instructorToken, 'sudo ip link set enp0s3 down')).status).toBe(200);
    expect(await cable()).toBe(false);
  });

  it('[CLASS-14] while a prediction round is open no student asks the engine: console, probes, results refused until the reveal', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      scenario: 'seed-2-nat',
    });
    const asks = (token: string) =>
      Promise.all([
        server.api('POST', `/api/labs/${ana.room}/exec`, token, { machine: 'vm1', command: 'ping -c 1 vm2' }),
        server.api('POST', `/api/labs/${ana.room}/probe`, token, { from: 'vm1', to: 'vm2', kind: 'ping' }),
        server.api('POST', `/api/labs/${ana.room}/probes`, token, {
          probes: [{ from: 'vm1', to: 'vm2', kind: 'ping' }],
        }),
        server.api('GET', `/api/labs/${ana.room}/results`, token),
      ]).then((answers) => answers.map((answer) => answer.status));
    expect(await asks(ana.token)).toEqual([200, 200, 200, 200]);
    await server.api('POST', `/api/classes/${opened.class}/predict`, opened.instructorToken, {});
    expect(await asks(ana.token)).toEqual([403, 403, 403, 403]);
    const refused = await server.api<{ error: string }>('GET', `/api/labs/${ana.room}/results`, ana.token);
    expect(refused.body.error).toMatch(/prediction round is open/);
    expect(await asks(opened.instructorToken)).toEqual([200, 200, 200, 200]);
    await server.api('POST', `/api/classes/${opened.class}/predict/reveal`, opened.instructorToken);
    expect(await asks(ana.token)).toEqual([200, 200, 200, 200]);
  });

  it('a locked pattern locks a field the lab does not hold yet, and every field under a locked parent', () => {
    const lab = {
      format: 'vnetlab/1',
      vms: { web: { adapters: [{ mode: 'nat' }] } },
      locked: ['vms.*.adapters[*].cable'],
    };
    expect(isLocked(lab, 'vms.web.adapters[0].cable')).toBe(true);
    expect(isLocked(lab, 'vms.web.adapters[0].mode')).toBe(false);
    expect(isLocked({ ...lab, locked: ['vms.web'] }, 'vms.web.adapters[0].mode')).toBe(true);
    expect(isLocked({ ...lab, locked: [] }, 'goals')).toBe(true);
  });
});
