import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { type JsonObject, readLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { type ServerProcess, startServerProcess } from '../testing/serverProcess';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import type { ClassProgress } from './progress';
import { scenario, until } from './testing';

const processes: ServerProcess[] = [];
const clients: SyncClient[] = [];
let dataDir = '';

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of processes.splice(0)) await server.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  token?: string,
  body?: unknown,
) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('a class survives SIGKILL', () => {
  it('[CLASS-11] [STORE-2] classes, members, hands, the lesson state, generations and relayed edits survive kill -9', async () => {
    dataDir = mkdtempSync(joinPath(tmpdir(), 'vnetlab-class-kill-'));
    const first = await startServerProcess(dataDir);
    processes.push(first);
    const api = (path: string) => `${first.url}/api/classes${path}`;
    const opened = (
      await call<{ class: string; instructorToken: string; joinCode: string }>(api(''), 'POST', undefined, {})
    ).body;
    const ana = (
      await call<{ room: string; token: string; member: string }>(api('/join'), 'POST', undefined, {
        code: opened.joinCode,
        name: 'ana',
      })
    ).body;
    const bo = (
      await call<{ room: string; token: string }>(api('/join'), 'POST', undefined, {
        code: opened.joinCode,
        name: 'bo',
      })
    ).body;
    expect(
      (
        await call(api(`/${opened.class}/broadcast`), 'POST', opened.instructorToken, {
          scenario: 'seed-2-nat',
        })
      ).status,
    ).toBe(200);
    await call(api(`/${opened.class}/hand`), 'POST', ana.token, { raised: true });
    await call(api(`/${opened.class}/pause`), 'POST', opened.instructorToken);
    await call(api(`/${opened.class}/resume`), 'POST', opened.instructorToken);
    await call(api(`/${opened.class}/timer`), 'PUT', opened.instructorToken, {
      action: 'start',
      durationMs: 600_000,
    });

    const wsUrl = first.url.replace('http', 'ws');
    const writer = connectClient(wsUrl, ana.room, ana.token);
    const partner = connectClient(wsUrl, bo.room, bo.token);
    clients.push(writer, partner);
    await whenSynced(writer);
    await whenSynced(partner);
    writer.doc.transact(() => writer.doc.getMap('lab').set('title', 'edited in generation 1'), 'ana');
    await waitFor(() => readLab(partner.doc).title === 'edited in generation 1', 10_000, 'the relayed edit');
    await first.kill();
    for (const client of clients.splice(0)) client.destroy();

    const second = await startServerProcess(dataDir);
    processes.push(second);
    const again = (path: string) => `${second.url}/api/classes${path}`;
    const summary = await call<{
      members: { name: string; handRaisedAt: number | null }[];
      state: JsonObject;
    }>(again(`/${opened.class}/summary`), 'GET', opened.instructorToken);
    expect(summary.body.members.map(({ name }) => name)).toEqual(['ana', 'bo']);
    expect(summary.body.members[0]?.handRaisedAt).toEqual(expect.any(Number));
    expect(summary.body.state).toMatchObject({ paused: false, timer: { durationMs: 600_000 } });
    const lab = await call<JsonObject>(`${second.url}/api/labs/${ana.room}`, 'GET', ana.token);
    expect(lab.body).toEqual({ ...scenario('seed-2-nat'), title: 'edited in generation 1' });
    const history = await call<{ generations: unknown[] }>(
      again(`/${opened.class}/rooms/${ana.room}/generations`),
      'GET',
      opened.instructorToken,
    );
    expect(history.body.generations).toHaveLength(2);
    // The join code still places newcomers in the class.
    expect(
      (await call(again('/join'), 'POST', undefined, { code: opened.joinCode, name: 'cy' })).status,
    ).toBe(201);
  });

  it('[CLASS-11] what the dashboard and its CSV show survives kill -9: who edited what, the last green, the fault found', async () => {
    dataDir = mkdtempSync(joinPath(tmpdir(), 'vnetlab-class-kill-'));
    const first = await startServerProcess(dataDir);
    processes.push(first);
    const api = (server: ServerProcess, path: string) => `${server.url}/api/classes${path}`;
    const opened = (
      await call<{ class: string; instructorToken: string; joinCode: string }>(
        api(first, ''),
        'POST',
        undefined,
        {},
      )
    ).body;
    const ana = (
      await call<{ room: string; token: string }>(api(first, '/join'), 'POST', undefined, {
        code: opened.joinCode,
        name: 'ana',
      })
    ).body;
    await call(api(first, `/${opened.class}/faults`), 'POST', opened.instructorToken, {
      fault: 'fault-cable-disconnected',
    });
    const progress = async (server: ServerProcess) =>
      (await call<ClassProgress>(api(server, `/${opened.class}/progress`), 'GET', opened.instructorToken))
        .body;
    const csv = async (server: ServerProcess) =>
      (
        await fetch(api(server, `/${opened.class}/progress.csv`), {
          headers: { Authorization: `Bearer ${opened.instructorToken}` },
        })
      ).text();

    const writer = connectClient(first.url.replace('http', 'ws'), ana.room, ana.token);
    clients.push(writer);
    await whenSynced(writer);
    const web = (writer.doc.getMap('lab').get('vms') as Y.Map<Y.Map<unknown>>).get('web') as Y.Map<unknown>;
    (web.get('adapters') as Y.Array<Y.Map<unknown>>).get(0).set('cable', true);
    const before = await until(
      () => progress(first),
      (seen) => {
        const group = seen.groups[0];
        return typeof group?.fault?.tookMs === 'number' && group.members[0]?.editing.lastEdit !== null;
      },
      'the fix seen on the dashboard',
    );
    const csvBefore = await csv(first);
    await first.kill();
    for (const client of clients.splice(0)) client.destroy();

    const second = await startServerProcess(dataDir);
    processes.push(second);
    const after = await progress(second);
    const [was, is] = [before.groups[0], after.groups[0]];
    expect(is?.members[0]?.editing.lastEdit).toEqual(was?.members[0]?.editing.lastEdit);
    expect(is?.members[0]?.editing.lastEdit).toMatchObject({ path: 'vms.web.adapters[0].cable', vm: 'web' });
    expect(is?.lastGreenAt).toBe(was?.lastGreenAt);
    expect(is?.fault).toEqual(was?.fault);
    expect(is?.goals).toEqual(was?.goals);
    // The CSV says the same, but for who is online (nobody, after the restart).
    const offline = (text: string) => text.replace(',ana,true,', ',ana,false,');
    expect(await csv(second)).toBe(offline(csvBefore));
  });
});
