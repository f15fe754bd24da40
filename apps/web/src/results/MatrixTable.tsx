/**
 * One probe kind as a grid (role grid, roving tabindex: one cell in the tab order,
 * arrow keys / Home / End move between cells, Enter or a click picks one). Cells that
 * flipped since the last results flash for a moment.
 */
import { createEffect, createMemo, createSignal, For, on } from 'solid-js';
import { say } from '../i18n/locale';
import { shareUnchanged } from '../util/shareUnchanged';
import { matrixWord } from './matrixWords';
import type { MatrixGrid, MatrixRow } from './resultsView';

export interface MatrixTableProps {
  readonly grid: MatrixGrid;
  readonly probe: string;
  readonly nameOf: (id: string) => string;
  readonly picked: { from: string; to: string } | null;
  readonly onPick: (row: MatrixRow) => void;
}

const key = (row: MatrixRow) => `${row.from}\u0000${row.to}\u0000${row.probe}`;

export function MatrixTable(props: MatrixTableProps) {
  const [active, setActive] = createSignal({ r: 0, c: 0 });
  const [flashing, setFlashing] = createSignal<ReadonlySet<string>>(new Set());
  let table!: HTMLTableElement;
  let seen = new Map<string, boolean>();
  createEffect(
    on(
      () => props.grid,
      (grid) => {
        const now = new Map<string, boolean>();
        const flipped = new Set<string>();
        for (const from of grid.froms) {
          for (const to of grid.tos) {
            const row = grid.cell(from, to);
            if (!row) continue;
            now.set(key(row), row.reachable);
            const before = seen.get(key(row));
            if (before !== undefined && before !== row.reachable) flipped.add(key(row));
          }
        }
        // Another probe kind was chosen: nothing flipped, it is another grid.
        if (![...now.keys()].some((k) => seen.has(k))) flipped.clear();
        seen = now;
        if (flipped.size > 0) {
          setFlashing(flipped);
          setTimeout(() => setFlashing((current) => (current === flipped ? new Set() : current)), 2500);
        }
      },
    ),
  );
  const move = (r: number, c: number) => {
    const rows = props.grid.froms.length;
    const cols = props.grid.tos.length;
    const next = { r: Math.max(0, Math.min(rows - 1, r)), c: Math.max(0, Math.min(cols - 1, c)) };
    setActive(next);
    table.querySelector<HTMLElement>(`[data-r="${next.r}"][data-c="${next.c}"]`)?.focus();
  };
  const onKey = (event: KeyboardEvent, r: number, c: number, row: MatrixRow | undefined) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: event.ctrlKey ? [0, 0] : [r, 0],
      End: event.ctrlKey
        ? [props.grid.froms.length - 1, props.grid.tos.length - 1]
        : [r, props.grid.tos.length - 1],
    };
    const target = moves[event.key];
    if (target) {
      event.preventDefault();
      move(target[0], target[1]);
    } else if ((event.key === 'Enter' || event.key === ' ') && row) {
      event.preventDefault();
      props.onPick(row);
    }
  };
  return (
    <div class="matrix-scroll">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG grid pattern on a table: arrow keys move between its cells */}
      <table class="matrix" role="grid" aria-label={`${matrixWord('grid')} (${props.probe})`} ref={table}>
        <thead>
          <tr>
            <th class="corner">{matrixWord('corner')}</th>
            <For each={props.grid.tos}>
              {(to) => (
                <th scope="col" title={props.nameOf(to)}>
                  <span class="col-name">{props.nameOf(to)}</span>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.grid.froms}>
            {(from, r) => (
              <tr>
                <th scope="row">{props.nameOf(from)}</th>
                <For each={props.grid.tos}>
                  {(to, c) => {
                    // A new grid on every results update; a cell's bindings re-run only
                    // when its own row's verdict or reason changed, or a name it shows.
                    const row = createMemo((prev: MatrixRow | undefined) =>
                      shareUnchanged(prev, props.grid.cell(from, to)),
                    );
                    const label = createMemo(() => describe(props.nameOf, from, to, row()));
                    const isActive = () => active().r === r() && active().c === c();
                    return (
                      // biome-ignore lint/a11y/useFocusableInteractive: roving tabindex, set just below
                      <td
                        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the grid above
                        role="gridcell"
                        tabindex={isActive() ? 0 : -1}
                        data-r={r()}
                        data-c={c()}
                        data-from={from}
                        data-to={to}
                        class={`cell cell-${row() ? (row()!.reachable ? 'yes' : 'no') : 'none'}`}
                        classList={{
                          picked: props.picked?.from === from && props.picked?.to === to,
                          flash: row() !== undefined && flashing().has(key(row()!)),
                        }}
                        aria-label={label()}
                        title={label()}
                        aria-selected={props.picked?.from === from && props.picked?.to === to}
                        onClick={() => {
                          setActive({ r: r(), c: c() });
                          const picked = row();
                          if (picked) props.onPick(picked);
                        }}
                        onKeyDown={(event) => onKey(event, r(), c(), row())}
                      >
                        {glyph(row())}
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/**
 * What a cell shows. An expression in the JSX, not a `<Show>` callback: that callback runs
 * once, so a cell whose verdict flipped kept its old ✓ while its colour turned red.
 */
function glyph(row: MatrixRow | undefined): string {
  if (!row) return '·';
  return row.reachable ? '✓' : '✗';
}

function describe(
  nameOf: (id: string) => string,
  from: string,
  to: string,
  row: MatrixRow | undefined,
): string {
  if (!row) return `${nameOf(from)} → ${nameOf(to)}: ${matrixWord('none')}`;
  const verdict = matrixWord(row.reachable ? 'yes' : 'no');
  return `${nameOf(from)} → ${nameOf(to)} ${row.probe}: ${verdict}. ${say(row.why, row.reason)}`;
}
