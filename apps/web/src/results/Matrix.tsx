import './matrix.css';
/**
 * The reachability matrix, one probe kind (ping, tcp/22, …) at a time, with names
 * rather than ids, a legend and a skip link past it. Choosing a cell says why, in the
 * engine's sentence, and plays its packet on the canvas. In a room above the server's
 * matrix limit, the matrix of the machines one picks (SubsetMatrix).
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { say, word } from '../i18n/locale';
import { endpointsOf } from '../packets/PacketPanel';
import { playPacket } from '../packets/packetStore';
import { packetWord } from '../packets/words';
import { useRoom } from '../room/roomContext';
import { shareUnchanged } from '../util/shareUnchanged';
import { MatrixTable } from './MatrixTable';
import { matrixWord } from './matrixWords';
import { type MatrixRow, type MatrixView, matrixGrid, probeKinds } from './resultsView';
import { SubsetMatrix } from './SubsetMatrix';

export function Matrix(props: { matrix: MatrixView }) {
  const room = useRoom();
  // Equal maps are the same names: an edit that renames nobody re-describes no cell.
  const names = createMemo((prev: ReadonlyMap<string, string> | undefined) =>
    shareUnchanged(prev, new Map(endpointsOf(room.docs.lab()).map((e) => [e.id, e.name]))),
  );
  const nameOf = (id: string) => names().get(id) ?? (id === 'internet' ? packetWord('internet') : id);
  const kinds = createMemo(() => probeKinds(props.matrix));
  const [chosen, setChosen] = createSignal('ping');
  const probe = () => (kinds().includes(chosen()) ? chosen() : (kinds()[0] ?? 'ping'));
  const grid = createMemo(() => matrixGrid(props.matrix, probe()));
  const [picked, setPicked] = createSignal<MatrixRow | null>(null);
  const pick = (row: MatrixRow) => {
    setPicked(row);
    const [kind, port] = row.probe.split('/');
    void playPacket(
      room.route,
      kind === 'tcp'
        ? { from: row.from, to: row.to, kind: 'tcp', port: Number(port) }
        : { from: row.from, to: row.to, kind: 'ping' },
    );
  };
  // The picked cell as it is now: its verdict follows the results.
  const pickedRow = () => {
    const p = picked();
    return p ? (grid().cell(p.from, p.to) ?? p) : null;
  };
  return (
    <Show
      when={kinds().length > 0}
      fallback={
        <Show when={props.matrix.omitted} fallback={<p class="empty">{word('noMatrix')}</p>}>
          {(omitted) => (
            <>
              <p class="muted">{say(omitted(), '')}</p>
              <SubsetMatrix nameOf={nameOf} onPick={pick} picked={pickedRow()} />
              <Reason row={pickedRow()} nameOf={nameOf} />
            </>
          )}
        </Show>
      }
    >
      <a class="skip-link" href="#after-matrix">
        {matrixWord('skip')}
      </a>
      <div class="probe-tabs" role="tablist">
        <For each={kinds()}>
          {(kind) => (
            <button
              type="button"
              role="tab"
              aria-selected={kind === probe()}
              classList={{ active: kind === probe() }}
              onClick={() => setChosen(kind)}
            >
              {kind}
            </button>
          )}
        </For>
      </div>
      <MatrixTable grid={grid()} probe={probe()} nameOf={nameOf} picked={pickedRow()} onPick={pick} />
      <MatrixLegend />
      <span id="after-matrix" tabindex="-1" />
      <Reason row={pickedRow()} nameOf={nameOf} />
    </Show>
  );
}

export function MatrixLegend() {
  return (
    <p class="matrix-legend">
      <span class="cell-yes legend-cell">✓</span> {matrixWord('yes')}{' '}
      <span class="cell-no legend-cell">✗</span> {matrixWord('no')}{' '}
      <span class="cell-none legend-cell">·</span> {matrixWord('none')}{' '}
      <span class="flash-sample legend-cell" /> {matrixWord('flipped')}
      <span class="muted matrix-keys"> · {matrixWord('keys')}</span>
    </p>
  );
}

function Reason(props: { row: MatrixRow | null; nameOf: (id: string) => string }) {
  return (
    <p class="cell-reason" aria-live="polite">
      <Show when={props.row} fallback={<span class="muted">{word('chooseCell')}</span>}>
        {(row) => (
          <>
            <strong class={row().reachable ? 'ok' : 'bad'}>
              {props.nameOf(row().from)} → {props.nameOf(row().to)} ({row().probe}):
            </strong>{' '}
            {say(row().why, row().reason)}
          </>
        )}
      </Show>
    </p>
  );
}
