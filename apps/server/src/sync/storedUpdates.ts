/**
 * A document's stored updates applied to a fresh Y.Doc, before anyone listens to it: at
 * once for a light document, one heavy turn per update for a heavy one (issue #10). A
 * big room created by `POST` is stored as steps of about 16 KB (engine/labUpdates.ts),
 * so loading it never holds the event loop for the whole lab; other rooms' frames are
 * read between its steps, and several such rooms loading at once take turns.
 */
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { StoredDoc } from '../store/types';
import { HEAVY_UPDATE_BYTES, heavyTurn } from './heavyTurns';
import type { Origin } from './types';

const LOAD: Origin = { kind: 'load' };

/**
 * Applies one stored update; one that throws (older data no client could send now, say a
 * value nested past what decodes) is skipped and logged: the room loads without it rather
 * than not at all.
 */
function applyStored(doc: Y.Doc, update: Uint8Array, name: string, log: Logger): void {
  try {
    Y.applyUpdate(doc, update, LOAD);
  } catch (error) {
    log('stored-update-skipped', { doc: name, bytes: update.byteLength, error: String(error) });
  }
}

/** Every stored update applied now, in one transaction (a light document, or a synchronous caller). */
export function loadStored(doc: Y.Doc, stored: StoredDoc, name: string, log: Logger): void {
  doc.transact(() => {
    for (const update of stored.updates) applyStored(doc, update, name, log);
  }, LOAD);
}

/**
 * A heavy document built in turns, or undefined for a light one (its channel loads it at
 * once, in its own constructor).
 */
export async function loadStoredInTurns(
  stored: StoredDoc,
  name: string,
  log: Logger,
): Promise<Y.Doc | undefined> {
  if (stored.bytes <= HEAVY_UPDATE_BYTES) return undefined;
  const doc = new Y.Doc();
  for (const update of stored.updates) {
    await heavyTurn();
    applyStored(doc, update, name, log);
  }
  return doc;
}
