/**
 * Two people who add `vm1` at once both keep theirs, repaired by the server's room
 * (shared/yjs/concurrentWrites.ts), over stock y-websocket clients and real sockets —
 * even when the one whose addition Yjs drops closed the page before anyone saw the other.
 */
import { addVm, readLab, renameVm, setField } from '@vnetlab/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, type SyncClient, waitFor, whenSynced } from '../testing/syncClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let server: TestServer;
const clients: SyncClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

function connect(room: string, token: string): SyncClient {
  const client = connectClient(server.wsUrl, room, token);
  clients.push(client);
  return client;
}

type Vms = Record<string, { name?: string; adapters?: { mode?: string }[] }>;
const vmsOf = (client: SyncClient) => (readLab(client.doc).vms ?? {}) as Vms;

describe('concurrent additions over real sockets', () => {
  it.each(['the first', 'the second'])(
    'an author who left before the other addition arrived keeps its VM (the leaver is %s to write)',
    async (order) => {
      const { room, token } = await server.createRoom({ format: 'vnetlab/1', vms: {} });
      const ana = connect(room, token);
      const ben = connect(room, token);
      await whenSynced(ana);
      await whenSynced(ben);
      // Ben goes offline and adds a VM there; Ana adds hers online, then closes her tab.
      ben.provider.disconnect();
      const anaAdds = async () => {
        expect(addVm(ana.doc, 'ana')).toBe('vm1');
        setField(ana.doc, ['vms', 'vm1', 'adapters', 0, 'mode'], 'natnetwork', 'ana');
        const probe = connect(room, token);
        await whenSynced(probe);
        await waitFor(() => vmsOf(probe).vm1?.adapters?.[0]?.mode === 'natnetwork', 10_000, 'Ana stored');
        probe.destroy();
        ana.destroy();
      };
      const benAdds = () => {
        expect(addVm(ben.doc, 'ben')).toBe('vm1');
        renameVm(ben.doc, 'vm1', 'web', 'ben');
      };
      if (order === 'the first') {
        await anaAdds();
        benAdds();
      } else {
        benAdds();
        await anaAdds();
      }
      ben.provider.connect();
      await waitFor(() => Object.keys(vmsOf(ben)).length === 2, 10_000, 'both VMs at Ben');
      const vms = Object.values(vmsOf(ben));
      expect(vms.find((vm) => vm.name === 'web')?.adapters?.[0]?.mode).toBe('nat');
      expect(vms.find((vm) => vm.name !== 'web')?.adapters?.[0]?.mode).toBe('natnetwork');
      // Whoever comes next sees the same room.
      const next = connect(room, token);
      await whenSynced(next);
      await waitFor(() => Object.keys(vmsOf(next)).length === 2, 10_000, 'both VMs for a newcomer');
      expect(readLab(next.doc)).toEqual(readLab(ben.doc));
    },
  );
});
