import { For, Show } from 'solid-js';
import { say, word } from '../i18n/locale';
import type { GoalView } from '../lab/labView';
import type { GoalResult } from './resultsView';

export function GoalList(props: {
  goals: readonly GoalView[];
  results: ReadonlyMap<string, GoalResult>;
  /** What a goal without a result says instead of "waiting" (the lab has an error: no result will come). */
  pending?: string;
}) {
  const met = () => props.goals.filter((g) => props.results.get(g.id)?.met).length;
  // No verdict yet (waiting, an invalid lab, a prediction round hiding them): "0 of 5 goals
  // met" would read as a verdict, so the score waits for the first one.
  const judged = () => props.goals.some((g) => props.results.has(g.id));
  return (
    <Show when={props.goals.length > 0} fallback={<p class="empty">{word('noGoals')}</p>}>
      <Show when={judged()}>
        <p class="goal-score">
          {met()} {word('of')} {props.goals.length} {word('goalsMet')}
        </p>
      </Show>
      <ul class="goal-list">
        <For each={props.goals}>
          {(goal) => <GoalItem goal={goal} result={props.results.get(goal.id)} pending={props.pending} />}
        </For>
      </ul>
    </Show>
  );
}

function GoalItem(props: { goal: GoalView; result: GoalResult | undefined; pending?: string }) {
  const state = () => (props.result === undefined ? 'pending' : props.result.met ? 'met' : 'unmet');
  const mark = () => ({ pending: '…', met: '✓', unmet: '✗' })[state()];
  return (
    <li class={`goal goal-${state()}`} data-goal={props.goal.id} data-state={state()}>
      <span class="goal-mark" role="img" aria-label={word(state())}>
        {mark()}
      </span>
      <div>
        <div class="goal-text">{props.goal.text}</div>
        <div class="goal-reason">
          {props.result ? say(props.result.why, props.result.reason) : (props.pending ?? word('waiting'))}
        </div>
      </div>
    </li>
  );
}
