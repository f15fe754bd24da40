/**
 * `pnpm bench:hostile`: what an attacker in one room costs the others. For each attack
 * (run within the limits for a few seconds) a bystander room relays an edit every 20 ms
 * and the relay times are printed (p50, p99, max); then the server's RSS under the
 * worst allowed room and under 20 of them. Figures only: nothing here is asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/sync/protocol';
import { createRoom, type ServerProcess, startServerProcess } from '../src/testing/serverProcess';
import {
  connectClient,
  openRawSocket,
  type SyncClient,
  waitFor,
  whenSynced,
} from '../src/testing/syncClient';

const ATTACK_MS = Number(process.env.ATTACK_MS ?? 4000);

function rssMiB(server: ServerProcess): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function worstLab(): unknown {
  // The most a lab may hold of what costs the engine: 1,000 machines on one network.
  const vms: Record<string, unknown> = {};
  for (let i = 0; i < 1000; i++) {
    vms[`vm${i}`] = {
      name: `machine ${i} ${'n'.repeat(100)}`,
      adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }],
      listen: ['tcp/22', 'tcp/80'],
    };
  }
  return { format: 'vnetlab/1', natNetworks: { NatNetwork: { cidr: '10.0.0.0/16', dhcp: true } }, vms };
}

function manyIds(ids: number, from: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ids);
  for (let id = from; id < from + ids; id++) {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, 0);
    encoding.writeUint8(encoder, 8 | 0x20);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, 'layout');
    encoding.writeVarString(encoder, `n${id}`);
    encoding.writeVarUint(encoder, 1);
    encoding.writeAny(encoder, id);
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

async function measure(server: ServerProcess, name: string, attack: (stop: () => boolean) => Promise<void>) {
  const { room, token } = await createRoom(server.url);
  const a = connectClient(server.wsUrl, room, token);
  const b = connectClient(server.wsUrl, room, token);
  await whenSynced(a);
  await whenSynced(b);
  const until = Date.now() + ATTACK_MS;
  const stop = () => Date.now() > until;
  const attacking = attack(stop).catch((error) => console.error(`${name}: ${String(error)}`));
  const times: number[] = [];
  for (let n = 0; !stop(); n++) {
    const started = performance.now();
    a.doc.transact(() => a.doc.getMap('lab').set('title', `t${n}`), 'a');
    await waitFor(() => b.doc.getMap('lab').get('title') === `t${n}`, 60_000);
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await attacking;
  a.destroy();
  b.destroy();
  times.sort((x, y) => x - y);
  const f = (ms: number) => ms.toFixed(1).padStart(7);
  console.log(
    `${name.padEnd(44)} relay p50 ${f(percentile(times, 50))} ms  p99 ${f(percentile(times, 99))} ms  max ${f(times.at(-1) ?? 0)} ms  (${times.length} relays, alive: ${server.alive()})`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-bench-hostile-'));
const server = await startServerProcess(dataDir);
const clients: SyncClient[] = [];
try {
  console.log(`attacks of ${ATTACK_MS} ms each; a bystander room relays an edit every 20 ms`);
  await measure(server, 'no attack', async (stop) => {
    while (!stop()) await new Promise((resolve) => setTimeout(resolve, 50));
  });
  await measure(server, 'values nested 3,200 deep (refused, 4424)', async (stop) => {
    const { room, token } = await createRoom(server.url);
    while (!stop()) {
      const raw = await openRawSocket(server.wsUrl, room, token);
      let value: unknown = 'x';
      for (let i = 0; i < 3200; i++) value = { v: value };
      const doc = new Y.Doc();
      doc.getMap('lab').set('title', value);
      raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
      await raw.closed;
    }
  });
  await measure(server, 'console flood on a 1,000-machine lab', async (stop) => {
    const { room, token } = await createRoom(server.url, worstLab());
    while (!stop()) {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          fetch(`${server.url}/api/labs/${room}/exec`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ machine: 'vm1', command: 'ping -c 1 vm2' }),
          }).then((response) => response.arrayBuffer()),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  await measure(server, '1,900 client ids, then 50 edits a second', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const raw = await openRawSocket(server.wsUrl, room, token);
    raw.ws.send(encodeUpdate(manyIds(1900, 1000)));
    const editor = connectClient(server.wsUrl, room, token);
    clients.push(editor);
    await whenSynced(editor);
    for (let n = 0; !stop(); n++) {
      editor.doc.transact(() => editor.doc.getMap('lab').set('title', `e${n}`), 'e');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    raw.ws.close();
  });
  await measure(server, '2,000-character strings, 200 a second', async (stop) => {
    const { room, token } = await createRoom(server.url);
    const editor = connectClient(server.wsUrl, room, token);
    clients.push(editor);
    await whenSynced(editor);
    for (let n = 0; !stop(); n++) {
      editor.doc.transact(
        () => editor.doc.getMap('lab').set(`s${n % 50}`, String(n).padEnd(2000, '\u0000')),
        'e',
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  await measure(server, '9,000 unknown keys (9,000 diagnostics, 100 sent)', async (stop) => {
    // Written over sync (a POST would be refused with 400, its errors capped at 100).
    const { room, token } = await createRoom(server.url);
    const editor = connectClient(server.wsUrl, room, token);
    clients.push(editor);
    await whenSynced(editor);
    editor.doc.transact(() => {
      for (let i = 0; i < 9000; i++) editor.doc.getMap('lab').set(`unknown${i}`, i);
    }, 'e');
    for (let n = 0; !stop(); n++) {
      editor.doc.transact(() => editor.doc.getMap('lab').set('title', `u${n}`), 'e');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  console.log(`server RSS, rooms above loaded: ${rssMiB(server)} MiB`);
  const worst: SyncClient[] = [];
  for (let i = 0; i < 20; i++) {
    const { room, token } = await createRoom(server.url, worstLab());
    const client = connectClient(server.wsUrl, room, token);
    worst.push(client);
    await whenSynced(client);
    const results = connectClient(server.wsUrl, `${room}:results`, token);
    worst.push(results);
    await waitFor(() => results.doc.getMap('results').get('revision') !== undefined, 60_000);
    if (i === 0)
      console.log(`server RSS with the worst allowed room (1,000 machines): ${rssMiB(server)} MiB`);
  }
  console.log(`server RSS with 20 worst allowed rooms: ${rssMiB(server)} MiB`);
  for (const client of worst) client.destroy();
} finally {
  for (const client of clients) client.destroy();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
