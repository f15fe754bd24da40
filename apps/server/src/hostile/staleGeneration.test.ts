/**
 * A client back with a document of an earlier generation (HOSTILE-23) is told the true
 * reason, 4409 StaleGeneration, even when its old client ids alone would cross the
 * room's id cap (which, checked first, used to close it with 4424 instead).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { staleGenerationGuard } from '../classes/compaction';
import { StaleGeneration } from '../classes/writeGuard';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { LabLimitExceeded } from '../sync/closeCodes';
import { DocChannel } from '../sync/DocChannel';
import { encodeUpdate } from '../sync/protocol';
import { defaultLimits } from '../sync/types';
import { fakeConnection } from '../testing/fakeSocket';

const CAP = 10;

/** A document written under `ids` client ids, one edit each. */
function oldDocument(ids: number): { update: Uint8Array; clients: number[] } {
  const doc = new Y.Doc();
  const clients: number[] = [];
  for (let i = 0; i < ids; i++) {
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
    writer.getMap('lab').set('title', `edit ${i}`);
    clients.push(writer.clientID);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
  }
  return { update: Y.encodeStateAsUpdate(doc), clients };
}

function channel(retired: ReadonlySet<number>) {
  return new DocChannel({
    name: 'room',
    store: createMemoryStore(),
    writable: true,
    limits: { ...defaultLimits, maxClientIds: CAP },
    log: silentLogger,
    writeGuard: staleGenerationGuard(() => retired),
  });
}

describe('a document of an earlier generation', () => {
  it('[HOSTILE-23] is refused with 4409 even when its old ids cross the id cap, and nothing of it is applied', () => {
    const old = oldDocument(CAP + 2);
    const room = channel(new Set(old.clients));
    const stale = fakeConnection();
    room.connect(stale);
    room.receive(stale, encodeUpdate(old.update));
    expect(stale.closed.map(({ code }) => code)).toEqual([StaleGeneration.code]);
    expect(room.doc.getMap('lab').get('title')).toBeUndefined();
  });

  it('[HOSTILE-14] the same ids, not retired, still cross the cap: 4424', () => {
    const old = oldDocument(CAP + 2);
    const room = channel(new Set());
    const writer = fakeConnection();
    room.connect(writer);
    room.receive(writer, encodeUpdate(old.update));
    expect(writer.closed.map(({ code }) => code)).toEqual([LabLimitExceeded.code]);
    expect(room.doc.getMap('lab').get('title')).toBeUndefined();
  });
});
