import { createMemo, createSignal, For, Show } from 'solid-js';
import { say, word } from '../i18n/locale';
import { type MatrixRow, type MatrixView, matrixGrid, probeKinds } from './resultsView';

/**
 * The reachability matrix, one probe kind (ping, tcp/22, …) at a time. A cell shows
 * only ✓ or ✗; choosing it says why, in the engine's sentence.
 */
export function Matrix(props: { matrix: MatrixView }) {
  const kinds = createMemo(() => probeKinds(props.matrix));
  const [chosen, setChosen] = createSignal('ping');
  const probe = () => (kinds().includes(chosen()) ? chosen() : (kinds()[0] ?? 'ping'));
  const grid = createMemo(() => matrixGrid(props.matrix, probe()));
  const [picked, setPicked] = createSignal<{ from: string; to: string } | null>(null);
  const pickedRow = () => {
    const p = picked();
    return p ? grid().cell(p.from, p.to) : undefined;
  };
  return (
    <Show
      when={kinds().length > 0}
      fallback={
        <p class="empty">{props.matrix.omitted ? say(props.matrix.omitted, '') : word('noMatrix')}</p>
      }
    >
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
      <div class="matrix-scroll">
        <table class="matrix">
          <thead>
            <tr>
              <th class="corner">from \ to</th>
              <For each={grid().tos}>{(to) => <th scope="col">{to}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={grid().froms}>
              {(from) => (
                <tr>
                  <th scope="row">{from}</th>
                  <For each={grid().tos}>
                    {(to) => (
                      <MatrixCell
                        row={grid().cell(from, to)}
                        picked={picked()?.from === from && picked()?.to === to}
                        onPick={() => setPicked({ from, to })}
                      />
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="cell-reason" aria-live="polite">
        <Show when={pickedRow()} fallback={<span class="muted">{word('chooseCell')}</span>}>
          {(row) => <CellReason row={row()} />}
        </Show>
      </p>
    </Show>
  );
}

function MatrixCell(props: { row: MatrixRow | undefined; picked: boolean; onPick: () => void }) {
  return (
    <Show when={props.row} fallback={<td class="cell cell-none" />}>
      {(row) => (
        <td
          class={`cell cell-${row().reachable ? 'yes' : 'no'}`}
          classList={{ picked: props.picked }}
          title={describe(row())}
          data-from={row().from}
          data-to={row().to}
        >
          <button type="button" onClick={() => props.onPick()} aria-label={describe(row())}>
            {row().reachable ? '✓' : '✗'}
          </button>
        </td>
      )}
    </Show>
  );
}

function CellReason(props: { row: MatrixRow }) {
  return (
    <>
      <strong class={props.row.reachable ? 'ok' : 'bad'}>
        {props.row.from} → {props.row.to} ({props.row.probe}):
      </strong>{' '}
      {say(props.row.why, props.row.reason)}
    </>
  );
}

function describe(row: MatrixRow): string {
  const via = row.via ? ` via ${row.via}` : '';
  return `${row.from} → ${row.to} ${row.probe}${via}: ${say(row.why, row.reason)}`;
}
