import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, type SyncClient, whenSynced } from '../testing/syncClient';
import type { ClassProgress } from './progress';
import { type ClassServer, join, openClass, startClassServer, until } from './testing';

let server: ClassServer;
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.dispose();
});

describe('who edits what', () => {
  it('[CLASS-10] progress says per member the VM whose settings they have open and their last edit; goal texts in every language', async () => {
    server = await startClassServer();
    const opened = await openClass(server);
    const ana = await join(server, opened.joinCode, 'ana');
    const bo = await join(server, opened.joinCode, 'bo');
    await server.api('POST', `/api/classes/${opened.class}/broadcast`, opened.instructorToken, {
      scenario: 'fault-cable-disconnected',
    });
    const progress = () =>
      server
        .api<ClassProgress>('GET', `/api/classes/${opened.class}/progress`, opened.instructorToken)
        .then((r) => r.body);
    const first = await progress();
    expect(first.groups[0]?.goals['web-out']?.texts).toEqual({ 'zh-CN': 'web 可以访问外网' });
    expect(first.groups[0]?.members.map((member) => member.editing)).toEqual([
      { openVm: null, lastEdit: null },
      { openVm: null, lastEdit: null },
    ]);

    const anaClient = connectClient(server.wsUrl, ana.room, ana.token);
    const boClient = connectClient(server.wsUrl, bo.room, bo.token);
    clients.push(anaClient, boClient);
    await Promise.all([whenSynced(anaClient), whenSynced(boClient)]);
    // Bo has web's settings open; Ana plugs the cable in.
    boClient.provider.awareness.setLocalState({ user: { name: 'bo', colour: '#111111' }, openVm: 'web' });
    const lab = anaClient.doc.getMap('lab');
    const adapter = (
      ((lab.get('vms') as Y.Map<unknown>).get('web') as Y.Map<unknown>).get('adapters') as Y.Array<
        Y.Map<unknown>
      >
    ).get(0);
    adapter.set('cable', true);
    const seen = await until(
      progress,
      (p) =>
        p.groups[0]?.members.every((member) => member.editing.openVm || member.editing.lastEdit) === true,
      'who edits what',
    );
    const [anaSeen, boSeen] = seen.groups[0]?.members ?? [];
    expect(anaSeen?.editing.lastEdit).toMatchObject({ path: 'vms.web.adapters[0].cable', vm: 'web' });
    expect(boSeen?.editing).toEqual({ openVm: 'web', lastEdit: null });

    // A write the server undoes (a locked path) is not what she edits.
    adapter.set('mode', 'bridged');
    await until(
      async () => adapter.get('mode'),
      (mode) => mode === 'nat',
      'the locked write undone',
    );
    expect((await progress()).groups[0]?.members[0]?.editing.lastEdit?.path).toBe(
      'vms.web.adapters[0].cable',
    );
  });
});
