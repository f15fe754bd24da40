import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { RemoteAwareness } from './RemoteAwareness';

/** A client's awareness update (its state, or its removal), as a process relays it. */
function clientSays(state: Record<string, unknown> | null): { id: number; update: Uint8Array } {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(state);
  return {
    id: awareness.clientID,
    update: awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
  };
}

const TTL = 3000;
const GRACE = 1500;

describe('whose awareness states came from which process', () => {
  it('a process absent from presence for the grace, and silent for a TTL, is gone with its clients only', () => {
    const sources = new RemoteAwareness();
    expect(sources.empty).toBe(true);
    const onB = clientSays({ user: { name: 'bo' } });
    const onC = clientSays({ user: { name: 'cy' } });
    sources.heard('B', onB.update, 0);
    sources.heard('C', onC.update, 0);
    expect(sources.empty).toBe(false);
    const both = new Set(['B', 'C']);
    expect(sources.gone(both, 10_000, TTL, GRACE)).toEqual([]);
    // B drops out of presence: not gone until the grace has passed (a Redis just restarted is empty).
    const onlyC = new Set(['C']);
    expect(sources.gone(onlyC, 11_000, TTL, GRACE)).toEqual([]);
    expect(sources.gone(onlyC, 12_000, TTL, GRACE)).toEqual([]);
    expect(sources.gone(onlyC, 12_500, TTL, GRACE)).toEqual([onB.id]);
    // Forgotten once said.
    expect(sources.gone(onlyC, 20_000, TTL, GRACE)).toEqual([]);
  });

  it('listed again, or heard lately, a process is not gone', () => {
    const sources = new RemoteAwareness();
    const onB = clientSays({ user: { name: 'bo' } });
    sources.heard('B', onB.update, 0);
    expect(sources.gone(new Set(), 5000, TTL, GRACE)).toEqual([]);
    expect(sources.gone(new Set(['B']), 6000, TTL, GRACE)).toEqual([]);
    // Absent again: the grace counts from now.
    expect(sources.gone(new Set(), 7000, TTL, GRACE)).toEqual([]);
    // Just loaded the room, not yet in presence, but speaking: heard within the TTL.
    sources.heard('B', clientSays({ user: { name: 'bo' } }).update, 8000);
    expect(sources.gone(new Set(), 9600, TTL, GRACE)).toEqual([]);
    expect(sources.gone(new Set(), 11_200, TTL, GRACE)).toHaveLength(2);
  });

  it('a state its process removed, or another process now speaks for, is not that process’s', () => {
    const sources = new RemoteAwareness();
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    const update = () => awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    awareness.setLocalState({ user: { name: 'bo' } });
    sources.heard('B', update(), 0);
    awareness.setLocalState(null);
    sources.heard('B', update(), 0);
    expect(sources.empty).toBe(true);
    awareness.setLocalState({ user: { name: 'bo' } });
    sources.heard('B', update(), 0);
    // The client moved to C.
    sources.heard('C', update(), 0);
    expect(sources.gone(new Set(['C']), 1000, TTL, GRACE)).toEqual([]);
    expect(sources.gone(new Set(['C']), 10_000, TTL, GRACE)).toEqual([]);
    expect(sources.gone(new Set(), 10_000, TTL, GRACE)).toEqual([]);
    expect(sources.gone(new Set(), 12_000, TTL, GRACE)).toEqual([awareness.clientID]);
  });
});
