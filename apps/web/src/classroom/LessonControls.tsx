/**
 * What the instructor drives: a scenario to broadcast to every group or push to the
 * stage, the spotlight's anonymity, pause, the lesson timer and the CSV export.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { listScenarios } from './classApi';
import { formatClock } from './progressView';
import { say } from './words';

export interface LessonControlsProps {
  readonly paused: boolean;
  /** Time left on the lesson timer now, or null when none runs. */
  readonly timerLeftMs: number | null;
  readonly anonymize: boolean;
  readonly spotlight: number | null;
  readonly stageHref: string;
  readonly busy: boolean;
  onBroadcast(scenario: string): void;
  onPlantFault(fault: string): void;
  onPushToStage(scenario: string): void;
  onAnonymize(anonymize: boolean): void;
  onEndSpotlight(): void;
  onPause(paused: boolean): void;
  onTimer(minutes: number | null): void;
  onCsv(): void;
}

export function LessonControls(props: LessonControlsProps) {
  const [scenarios] = createResource(() => listScenarios());
  const [scenario, setScenario] = createSignal('');
  const [minutes, setMinutes] = createSignal(15);
  const chosen = () => scenario() || scenarios()?.[0]?.id || '';
  const faults = () => (scenarios() ?? []).filter((choice) => choice.id.startsWith('fault-'));
  const [fault, setFault] = createSignal('');
  const chosenFault = () => fault() || faults()[0]?.id || '';
  return (
    <section class="panel lesson-controls" aria-labelledby="h-lesson">
      <h2 id="h-lesson" class="visually-hidden">
        {say('dashboard')}
      </h2>
      <label class="control-row stacked">
        {say('scenario')}
        <select value={chosen()} onChange={(e) => setScenario(e.currentTarget.value)}>
          <For each={scenarios() ?? []}>{(choice) => <option value={choice.id}>{choice.title}</option>}</For>
        </select>
      </label>
      <div class="control-row">
        <button
          type="button"
          class="action-button primary"
          disabled={props.busy || chosen() === ''}
          onClick={() => props.onBroadcast(chosen())}
        >
          {say('broadcast')}
        </button>
        <button
          type="button"
          class="action-button"
          disabled={props.busy || chosen() === ''}
          onClick={() => props.onPushToStage(chosen())}
        >
          {say('pushStage')}
        </button>
      </div>
      <Show when={faults().length > 0}>
        <label class="control-row stacked">
          {say('fault')}
          <select value={chosenFault()} onChange={(e) => setFault(e.currentTarget.value)}>
            <For each={faults()}>{(choice) => <option value={choice.id}>{choice.title}</option>}</For>
          </select>
        </label>
        <button
          type="button"
          class="action-button"
          disabled={props.busy || chosenFault() === ''}
          onClick={() => props.onPlantFault(chosenFault())}
        >
          {say('plantFault')}
        </button>
      </Show>
      <div class="control-row">
        <a class="small-button" href={props.stageHref} target="_blank" rel="noopener">
          {say('openStage')}
        </a>
        <label class="check">
          <input
            type="checkbox"
            checked={props.anonymize}
            onChange={(e) => props.onAnonymize(e.currentTarget.checked)}
          />
          {say('anonymize')}
        </label>
      </div>
      <Show when={props.spotlight !== null}>
        <button type="button" class="small-button" disabled={props.busy} onClick={props.onEndSpotlight}>
          {say('endSpotlight')}
        </button>
      </Show>
      <div class="control-row">
        <button
          type="button"
          class="action-button"
          classList={{ warn: props.paused }}
          aria-pressed={props.paused}
          disabled={props.busy}
          onClick={() => props.onPause(!props.paused)}
        >
          {props.paused ? say('resume') : say('pause')}
        </button>
      </div>
      <fieldset class="control-row timer-controls">
        <legend>{say('timer')}</legend>
        <Show
          when={props.timerLeftMs !== null}
          fallback={
            <>
              <label>
                {say('minutes')}
                <input
                  type="number"
                  min={1}
                  max={240}
                  value={minutes()}
                  onInput={(e) => setMinutes(Math.max(1, Number(e.currentTarget.value) || 1))}
                />
              </label>
              <button
                type="button"
                class="small-button"
                disabled={props.busy}
                onClick={() => props.onTimer(minutes())}
              >
                {say('startTimer')}
              </button>
            </>
          }
        >
          <span class="timer-readout" role="timer">
            {formatClock(props.timerLeftMs ?? 0)}
          </span>
          <button
            type="button"
            class="small-button"
            disabled={props.busy}
            onClick={() => props.onTimer(null)}
          >
            {say('stopTimer')}
          </button>
        </Show>
      </fieldset>
      <button type="button" class="action-button" onClick={props.onCsv}>
        {say('exportCsv')}
      </button>
    </section>
  );
}
