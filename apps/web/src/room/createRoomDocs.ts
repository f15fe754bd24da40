import { LabReader } from '@vnetlab/shared';
import { type Accessor, batch, createMemo, createSignal, onCleanup } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionStatus, combineStatus, type ProviderState, type Refusal } from './connectionStatus';
import { frameBatch } from './frameBatch';

export interface RoomDocs {
  /**
   * The room's lab file as plain JSON (root map `lab`), live. Frozen: each machine nobody
   * edited is the same object as in the previous value (LabReader), which is what lets
   * the schema check only the edited one (createLabParser).
   */
  readonly lab: Accessor<Record<string, unknown>>;
  /**
   * The lab's `locked` value alone (the instructor's lock patterns): an edit elsewhere in
   * the lab keeps it the same object (LabReader), so the hundreds of lock marks of a big
   * room (two per adapter row of the VM list) are not re-run on every rename.
   */
  readonly locked: Accessor<unknown>;
  /** The read-only results (root map `results` of `ROOM:results`), live. */
  readonly results: Accessor<Record<string, unknown>>;
  readonly status: Accessor<ConnectionStatus>;
  /** The room document itself: edits go through `packages/shared`, one field per transaction. */
  readonly labDoc: Y.Doc;
  /** The read-only results document (`ROOM:results`): the server's root map `results` and `history`. */
  readonly resultsDoc: Y.Doc;
  /** The room document's awareness (presence: names, colours, cursors, open dialogs). */
  readonly awareness: Awareness;
}

export interface RoomDocsOptions {
  readonly room: string;
  readonly token: string;
  /** `http(s)://host`; the sync endpoint is `ws(s)://host/sync`. */
  readonly origin: string;
  /**
   * The room started a new generation of its document (a class broadcast or reset: the
   * server closes with 4000, SPEC CLASS-5): the page must reopen the room with fresh docs.
   * `reason`: the close's, which says whether a prediction round opened (carryOver.ts).
   */
  readonly onNewGeneration?: (reason: string) => void;
}

/** The server's close code for "this room has a new document: open it again, fresh" (CLASS-5). */
export const CLOSE_NEW_GENERATION = 4000;
const shouldReconnect = (event: CloseEvent) =>
  event.code !== CLOSE_NEW_GENERATION && !(event.code >= 4400 && event.code < 4500);

/**
 * Opens the room document and its results document over the stock y-websocket provider
 * and mirrors both root maps into signals. Call inside a reactive owner: everything is
 * closed on cleanup.
 */
export function createRoomDocs(options: RoomDocsOptions): RoomDocs {
  const syncUrl = `${options.origin.replace(/^http/, 'ws')}/sync`;
  const params = { token: options.token };
  const labDoc = new Y.Doc();
  const resultsDoc = new Y.Doc();
  const providers = [
    new WebsocketProvider(syncUrl, options.room, labDoc, { params, shouldReconnect }),
    new WebsocketProvider(syncUrl, `${options.room}:results`, resultsDoc, { params, shouldReconnect }),
  ];

  // The page never writes the results document, so its provider has nothing to send; and
  // while any 'update' listener is on a document, yjs encodes every update it applies
  // anew for it: the results' sections, large JSON values, a second time per edit.
  resultsDoc.off('update', providers[1]!._updateHandler);

  const labMap = labDoc.getMap('lab');
  const resultsMap = resultsDoc.getMap('results');
  const labReader = new LabReader(labDoc);
  const [labSignal, setLab] = createSignal<Record<string, unknown>>(labReader.read());
  const [resultsSignal, setResults] = createSignal<Record<string, unknown>>(resultsMap.toJSON());
  // A burst of updates (a crowded room) is mirrored once per frame, not once per update;
  // and the lab's and the results' changes of one frame together, in one Solid batch, so
  // that what reads both (the canvas, the lists) runs once for them, not once for each.
  let labChanged = false;
  let resultsChanged = false;
  const mirror = frameBatch(() =>
    batch(() => {
      if (labChanged) {
        labChanged = false;
        setLab(labReader.read());
      }
      if (resultsChanged) {
        resultsChanged = false;
        setResults(resultsMap.toJSON());
      }
    }),
  );
  const lab = () => {
    mirror.flush();
    return labSignal();
  };
  const results = () => {
    mirror.flush();
    return resultsSignal();
  };
  const locked = createMemo(() => lab().locked);
  const onLab = () => {
    labChanged = true;
    mirror.changed();
  };
  const onResults = () => {
    resultsChanged = true;
    mirror.changed();
  };
  labMap.observeDeep(onLab);
  resultsMap.observeDeep(onResults);

  const states: ProviderState[] = providers.map(() => 'connecting');
  let refused: Refusal | null = null;
  let everOnline = false;
  let askedServer = false;
  const [status, setStatus] = createSignal<ConnectionStatus>({ kind: 'connecting' });
  const refresh = () => setStatus(combineStatus(states, refused, everOnline));

  const refuse = (refusal: Refusal) => {
    refused = refusal;
    for (const provider of providers) provider.disconnect();
    refresh();
  };

  // A token refused before the upgrade shows up as a socket that never opens: ask the API why.
  const askServerWhy = async () => {
    if (askedServer) return;
    askedServer = true;
    try {
      const response = await fetch(`${options.origin}/api/labs/${encodeURIComponent(options.room)}`, {
        headers: { authorization: `Bearer ${options.token}` },
      });
      if ([401, 403, 404].includes(response.status)) refuse({ code: response.status, reason: '' });
    } catch {
      // the server is unreachable: stay "connecting", the provider keeps retrying
    }
  };

  providers.forEach((provider, index) => {
    provider.on('status', ({ status: state }) => {
      states[index] = state;
      if (states.every((s) => s === 'connected')) everOnline = true;
      refresh();
    });
    provider.on('connection-close', (event) => {
      if (event && !everOnline && refused === null) void askServerWhy();
    });
    provider.on('closed', ({ code, reason }) => {
      if (code === CLOSE_NEW_GENERATION && options.onNewGeneration) options.onNewGeneration(reason);
      else refuse({ code, reason });
    });
  });

  onCleanup(() => {
    labMap.unobserveDeep(onLab);
    resultsMap.unobserveDeep(onResults);
    mirror.dispose();
    labReader.destroy();
    for (const provider of providers) provider.destroy();
    labDoc.destroy();
    resultsDoc.destroy();
  });

  return { lab, locked, results, status, labDoc, resultsDoc, awareness: providers[0]!.awareness };
}
