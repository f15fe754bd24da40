/**
 * Heavy work a member may ask for, against the real server process: console lines on the
 * largest lab allowed, and an update under more client ids than a document may hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeUpdate } from '../sync/protocol';
import { createRoom, type ServerProcess, startServerProcess } from '../testing/serverProcess';
import { connectClient, openRawSocket, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';

let server: ServerProcess | undefined;
const clients: SyncClient[] = [];
let dataDir = '';

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-flood-'));
  server = await startServerProcess(dataDir);
  return server;
}

/**
 * One update writing `layout.nID = ID` under each of `ids` client ids, encoded by hand
 * (update format v1): building it through Y.Docs costs minutes at 100,000 ids.
 */
function updateUnderManyIds(ids: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ids);
  for (let id = 1; id <= ids; id++) {
    encoding.writeVarUint(encoder, 1); // structs of this client
    encoding.writeVarUint(encoder, id); // client
    encoding.writeVarUint(encoder, 0); // clock
    encoding.writeUint8(encoder, 8 | 0x20); // ContentAny, with a parentSub, no origins
    encoding.writeVarUint(encoder, 1); // parent is a root, by name
    encoding.writeVarString(encoder, 'layout');
    encoding.writeVarString(encoder, `n${id}`);
    encoding.writeVarUint(encoder, 1); // one value
    encoding.writeAny(encoder, id);
  }
  encoding.writeVarUint(encoder, 0); // no deletions
  return encoding.toUint8Array(encoder);
}

export function bigLab(machines: number): unknown {
  const vms: Record<string, unknown> = {};
  for (let i = 0; i < machines; i++) {
    vms[`vm${i}`] = { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }], listen: ['tcp/22'] };
  }
  return { format: 'vnetlab/1', natNetworks: { NatNetwork: { cidr: '10.0.0.0/16', dhcp: true } }, vms };
}

async function bystander(running: ServerProcess) {
  const { room, token } = await createRoom(running.url);
  const a = connectClient(running.wsUrl, room, token);
  const b = connectClient(running.wsUrl, room, token);
  clients.push(a, b);
  await whenSynced(a);
  await whenSynced(b);
  let n = 0;
  return async () => {
    n++;
    a.doc.transact(() => a.doc.getMap('lab').set('title', `edit ${n}`), 'a');
    await waitFor(() => b.doc.getMap('lab').get('title') === `edit ${n}`, 10_000, 'a bystander relay');
  };
}

describe('heavy requests run in the workers, within budgets', () => {
  it('[ENGINE-8] [API-9] a flood of console lines on a 1,000-machine lab is charged by cost (429) and never stalls another room', async () => {
    const running = await start();
    const { room, token } = await createRoom(running.url, bigLab(1000));
    const relay = await bystander(running);
    const exec = () =>
      fetch(`${running.url}/api/labs/${room}/exec`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ machine: 'vm1', command: 'ping -c 1 vm2' }),
      });
    const flood = Promise.all(Array.from({ length: 30 }, exec));
    await relay();
    const health = await fetch(`${running.url}/api/health`);
    expect(health.status).toBe(200);
    await relay();
    const statuses = (await flood).map((response) => response.status);
    // 1 + 1000/40 = 26 tokens a line out of 30: one line at once, the rest refused.
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(29);
    expect(running.alive()).toBe(true);
  });

  it('[HOSTILE-14] an update under 100,000 client ids is refused (4424); one under 5,000 is taken and edits go on', async () => {
    const running = await start();
    const { room, token } = await createRoom(running.url);
    const relay = await bystander(running);
    const many = (ids: number) => updateUnderManyIds(ids);
    const attacker = await openRawSocket(running.wsUrl, room, token);
    attacker.ws.send(encodeUpdate(many(100_000)));
    expect((await attacker.closed).code).toBe(4424);
    await relay();
    const wide = await openRawSocket(running.wsUrl, room, token);
    wide.ws.send(encodeUpdate(many(5000)));
    const student = connectClient(running.wsUrl, room, token);
    clients.push(student);
    await whenSynced(student);
    await waitFor(() => student.doc.getMap('layout').size === 5000, 10_000, 'the wide update');
    for (let i = 0; i < 50; i++)
      student.doc.transact(() => student.doc.getMap('lab').set('title', `t${i}`), 's');
    await relay();
    wide.ws.close();
    expect(running.alive()).toBe(true);
  });
});
