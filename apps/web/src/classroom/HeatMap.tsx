/** The class heat-map: each goal, shaded by the share of groups that have it unmet, worst first. */
import { For, Show } from 'solid-js';
import type { HeatCell } from './progressView';
import { say } from './words';

export function HeatMap(props: { cells: readonly HeatCell[] }) {
  const failing = () => props.cells.filter((cell) => cell.failing > 0);
  return (
    <section class="panel heat-panel" aria-labelledby="h-heat">
      <h2 id="h-heat">{say('heatMap')}</h2>
      <p class="muted heat-legend">{say('heatLegend')}</p>
      <Show when={failing().length > 0} fallback={<p class="empty">{say('heatEmpty')}</p>}>
        <ol class="heat-map">
          <For each={failing()}>
            {(cell) => (
              <li
                class="heat-cell"
                data-heat={cell.id}
                style={{ '--share': String(cell.failing / Math.max(1, cell.total)) }}
              >
                <span class="heat-text">{cell.text}</span>
                <span class="heat-count">
                  {cell.failing}/{cell.total}
                  <span class="visually-hidden"> {say('groupsFailing')}</span>
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
