/**
 * A room above the server's matrix limit has no matrix; here one picks up to 12
 * machines and one probe kind, and the page asks the engine for those pairs only
 * (`POST /api/labs/:room/probes`, one request), shown like the full matrix.
 */

import { createMemo, createSignal, Index, Show } from 'solid-js';
import { endpointsOf } from '../packets/PacketPanel';
import { useRoom } from '../room/roomContext';
import { shareUnchanged } from '../util/shareUnchanged';
import { MatrixLegend } from './Matrix';
import { MatrixTable } from './MatrixTable';
import { matrixWord } from './matrixWords';
import { type MatrixRow, matrixGrid, matrixView } from './resultsView';

export const SUBSET_LIMIT = 12;

export function SubsetMatrix(props: {
  nameOf: (id: string) => string;
  onPick: (row: MatrixRow) => void;
  picked: { from: string; to: string } | null;
}) {
  const room = useRoom();
  // The same objects while the list is the same: its <option>s are then left alone on an edit.
  const endpoints = createMemo<ReturnType<typeof endpointsOf>>((prev) =>
    shareUnchanged(prev, endpointsOf(room.docs.lab())),
  );
  const [chosen, setChosen] = createSignal<readonly string[]>([]);
  const [kind, setKind] = createSignal('ping');
  const [port, setPort] = createSignal(22);
  const [rows, setRows] = createSignal<unknown[] | null>(null);
  const [status, setStatus] = createSignal('');
  const probe = () => (kind() === 'ping' ? 'ping' : `tcp/${port()}`);
  const grid = createMemo(() => {
    const r = rows();
    return r
      ? matrixGrid(matrixView({ rows: r, sources: chosen(), targets: [...chosen(), 'internet'] }), probe())
      : null;
  });
  const toggle = (id: string, on: boolean) =>
    setChosen((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));
  async function show() {
    const machines = chosen();
    const probes = machines.flatMap((from) =>
      [...machines.filter((to) => to !== from), 'internet'].map((to) =>
        kind() === 'ping' ? { from, to, kind: 'ping' } : { from, to, kind: 'tcp', port: port() },
      ),
    );
    setStatus(matrixWord('asking'));
    const response = await fetch(`/api/labs/${encodeURIComponent(room.route.room)}/probes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${room.route.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ probes }),
    });
    const body = (await response.json().catch(() => ({}))) as { results?: unknown[]; error?: string };
    setStatus(response.ok ? '' : (body.error ?? `HTTP ${response.status}`));
    if (response.ok) setRows(body.results ?? []);
  }
  return (
    <div class="subset-matrix">
      <fieldset class="subset-pick">
        <legend>{matrixWord('pickTitle')}</legend>
        <div class="subset-list">
          <Index each={endpoints()}>
            {(e) => (
              <label>
                <input
                  type="checkbox"
                  checked={chosen().includes(e().id)}
                  disabled={!chosen().includes(e().id) && chosen().length >= SUBSET_LIMIT}
                  onChange={(event) => toggle(e().id, event.currentTarget.checked)}
                />
                {e().name}
              </label>
            )}
          </Index>
        </div>
        <div class="subset-tools">
          <label>
            {matrixWord('probe')}
            <select value={kind()} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="ping">ping</option>
              <option value="tcp">tcp</option>
            </select>
          </label>
          <Show when={kind() === 'tcp'}>
            <label>
              {matrixWord('port')}
              <input
                type="number"
                min="1"
                max="65535"
                value={port()}
                onInput={(e) => setPort(Number(e.currentTarget.value) || 1)}
              />
            </label>
          </Show>
          <button type="button" class="primary" disabled={chosen().length < 1} onClick={() => void show()}>
            {matrixWord('show')}
          </button>
          <span class="muted" role="status">
            {status()}
          </span>
        </div>
      </fieldset>
      <Show when={grid()}>
        {(g) => (
          <>
            <MatrixTable
              grid={g()}
              probe={probe()}
              nameOf={props.nameOf}
              picked={props.picked}
              onPick={props.onPick}
            />
            <MatrixLegend />
          </>
        )}
      </Show>
    </div>
  );
}
