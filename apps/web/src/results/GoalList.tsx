import { For, Show } from 'solid-js';
import type { GoalView } from '../lab/labView';
import type { GoalResult } from './resultsView';

export function GoalList(props: { goals: readonly GoalView[]; results: ReadonlyMap<string, GoalResult> }) {
  const met = () => props.goals.filter((g) => props.results.get(g.id)?.met).length;
  return (
    <Show when={props.goals.length > 0} fallback={<p class="empty">This lab has no goals.</p>}>
      <p class="goal-score">
        {met()} of {props.goals.length} goals met
      </p>
      <ul class="goal-list">
        <For each={props.goals}>{(goal) => <GoalItem goal={goal} result={props.results.get(goal.id)} />}</For>
      </ul>
    </Show>
  );
}

function GoalItem(props: { goal: GoalView; result: GoalResult | undefined }) {
  const state = () => (props.result === undefined ? 'pending' : props.result.met ? 'met' : 'unmet');
  const mark = () => ({ pending: '…', met: '✓', unmet: '✗' })[state()];
  return (
    <li class={`goal goal-${state()}`} data-goal={props.goal.id} data-state={state()}>
      <span class="goal-mark" role="img" aria-label={state()}>
        {mark()}
      </span>
      <div>
        <div class="goal-text">{props.goal.text}</div>
        <div class="goal-reason">{props.result?.reason ?? 'Waiting for the engine…'}</div>
      </div>
    </li>
  );
}
