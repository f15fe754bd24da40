/** The counts guard on a document of its own: what it leaves behind when nothing crosses. */
import { LAB_LIMITS } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../log';
import { withLabLimits } from './labLimitsGuard';
import type { Connection } from './types';

const connection: Connection = { id: 'c1', socket: { send() {}, close() {} } };

/** Applies `update` as DocChannel does: guard, apply under the client's origin, settle. */
function receive(doc: Y.Doc, update: Uint8Array, limits = LAB_LIMITS): void {
  const writes = [...new Set(Y.decodeUpdate(update).structs.map((struct) => struct.id.client))];
  const guard = withLabLimits(undefined, { limits, log: silentLogger, doc: 'd' });
  const verdict = guard(connection, doc, writes);
  if (verdict.kind === 'refuse') throw new Error(verdict.detail);
  Y.applyUpdate(doc, update, { kind: 'client', connId: connection.id });
  verdict.settle?.();
}

describe('the counts guard', () => {
  it('[HOSTILE-22] lets Yjs collect what an accepted update deleted: a replaced value leaves no content behind', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const sync = () => {
      const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
      receive(server, update);
    };
    client.getMap('lab').set('title', 'x'.repeat(1000));
    sync();
    client.getMap('lab').set('title', 'short');
    sync();
    expect(server.getMap('lab').get('title')).toBe('short');
    const structs = server.store.clients.get(client.clientID) ?? [];
    const kept = structs.filter(
      (struct) => struct instanceof Y.Item && struct.deleted && !(struct.content instanceof Y.ContentDeleted),
    );
    expect(kept).toEqual([]);
    expect(Y.encodeStateAsUpdate(server).byteLength).toBeLessThan(200);
  });

  it('[HOSTILE-22] undoes exactly the update that crossed: a replaced map comes back', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const limits = { ...LAB_LIMITS, maxVms: 2 };
    const lab = client.getMap('lab');
    lab.set('vms', new Y.Map([['a', new Y.Map()]]));
    receive(server, Y.encodeStateAsUpdate(client), limits);
    const before = Y.encodeStateVector(server);
    lab.set('vms', { a: {}, b: {}, c: {} });
    receive(server, Y.encodeStateAsUpdate(client, before), limits);
    const vms = server.getMap('lab').get('vms');
    expect(vms).toBeInstanceOf(Y.Map);
    expect([...(vms as Y.Map<unknown>).keys()]).toEqual(['a']);
  });
});
