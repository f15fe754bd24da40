/**
 * No accepted edit is lost when the process is killed (DESIGN.md, "Persistence").
 *
 * "Accepted" here: the server relayed the edit to a second client. The server appends
 * an update to SQLite before relaying it, so every edit the observer saw must be there
 * after a SIGKILL and a restart on the same data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLab } from '@vnetlab/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoom, type ServerProcess, startServerProcess } from './testing/serverProcess';
import { connectClient, type SyncClient, waitFor, whenSynced } from './testing/syncClient';

const processes: ServerProcess[] = [];
const clients: SyncClient[] = [];
let dataDir = '';

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const running of processes.splice(0)) await running.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** `tsx src/main.ts` as one process (node with the tsx loader), so SIGKILL hits the server itself. */
async function startServer(): Promise<ServerProcess> {
  const running = await startServerProcess(dataDir);
  processes.push(running);
  return running;
}

describe('durability', () => {
  it('[STORE-2] keeps every edit the server relayed across a SIGKILL mid-edits', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-durability-'));
    const first = await startServer();
    const { room, token } = await createRoom(first.url);

    const wsUrl = first.wsUrl;
    const writer = connectClient(wsUrl, room, token);
    const observer = connectClient(wsUrl, room, token);
    clients.push(writer, observer);
    await whenSynced(writer);
    await whenSynced(observer);

    const edits = writer.doc.getMap<unknown>('lab');
    const seen = observer.doc.getMap<unknown>('lab');
    let sent = 0;
    let writing = true;
    const writeLoop = (async () => {
      while (writing) {
        const n = sent++;
        // One edit per transaction, like one field in the inspector; some in bursts.
        writer.doc.transact(() => edits.set(`edit${n}`, n), 'writer');
        if (n % 7 !== 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();

    // Kill once the server has acknowledged a good number, while edits keep coming.
    await waitFor(() => seen.size > 700, 20_000, 'edits relayed before the kill');
    await first.kill();
    writing = false;
    await writeLoop;
    const accepted = [...seen.keys()].filter((key) => key.startsWith('edit'));
    writer.destroy();
    observer.destroy();
    expect(accepted.length).toBeGreaterThanOrEqual(690);
    expect(sent).toBeGreaterThan(accepted.length);

    const second = await startServer();
    const reader = connectClient(second.wsUrl, room, token);
    clients.push(reader);
    await whenSynced(reader);
    const restored = readLab(reader.doc);
    const lost = accepted.filter((key) => !(key in restored));
    expect(lost).toEqual([]);
    const api = await fetch(`${second.url}/api/labs/${room}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const lab = (await api.json()) as Record<string, unknown>;
    expect(accepted.filter((key) => !(key in lab))).toEqual([]);
  });
});
