/**
 * Predict, then observe (CLASS-14), on both sides. The instructor opens a round over the
 * class scenario's reachability matrix, watches the answers come in and reveals them:
 * the dashboard then lists the cells the class got wrong most, each with the engine's
 * reason. A student marks each cell "reaches" or "does not reach" (saved as they click);
 * after the reveal they see the answers, their score and why, and can play the packet
 * that proves each answer (the room's packet panel). While a round is open the
 * room's own matrix is hidden from students (it would give the answers away).
 */
import { createEffect, createMemo, For, onCleanup, Show } from 'solid-js';
import { locale, say as sayWhy } from '../i18n/locale';
import { playPacket } from '../packets/packetStore';
import { useRoom } from '../room/roomContext';
import type { Reply } from './classApi';
import { setRoundOpen, setRoundUnknown } from './classRole';
import './classroom.css';
import { createPoll, type Poll } from './createPoll';
import { misconceptionCells, type PredictCell, roundView } from './predictView';
import { say } from './words';

const POLL_MS = 3000;

/** Asks for the round (`{round: null}` while there is none). */
function pollRound(ask: () => Promise<Reply<unknown>>) {
  const poll = createPoll(ask, POLL_MS);
  return { poll, round: createMemo(() => roundView(poll.value())) };
}

/** A student's page keeps to the round: answers hidden while it is open, or not known yet. */
function followRound(poll: Poll<unknown>, round: () => ReturnType<typeof roundView>) {
  createEffect(() => setRoundOpen(round() !== null && round()?.revealed === false));
  createEffect(() => {
    // Known once the server answered (a refusal too: nothing will come, say so rather than hide).
    const kind = poll.state().kind;
    if (kind === 'live' || kind === 'refused') setRoundUnknown(false);
  });
  onCleanup(() => setRoundOpen(false));
}

const cellName = (cell: PredictCell) => `${cell.from} → ${cell.to} (${cell.probe})`;
const answerWord = (reachable: boolean) => (reachable ? say('reaches') : say('notReaches'));

export function InstructorPredict(props: {
  ask: () => Promise<Reply<unknown>>;
  busy: boolean;
  onOpen(): Promise<void>;
  onReveal(): Promise<void>;
}) {
  const { poll, round } = pollRound(props.ask);
  const act = async (action: () => Promise<void>) => {
    await action();
    await poll.refresh();
  };
  return (
    <section class="panel predict-panel" aria-labelledby="h-predict" data-round={round()?.round ?? 0}>
      <h2 id="h-predict">{say('predict')}</h2>
      <Show
        when={round() && !round()?.revealed}
        fallback={
          <button type="button" class="action-button" disabled={props.busy} onClick={() => act(props.onOpen)}>
            {say('openRound')}
          </button>
        }
      >
        <p class="predict-count" data-students={round()?.students}>
          {round()?.students} {say('answered')} · {round()?.cells.length} {say('cells')}
        </p>
        <button
          type="button"
          class="action-button primary"
          disabled={props.busy}
          onClick={() => act(props.onReveal)}
        >
          {say('reveal')}
        </button>
      </Show>
      <Show when={round()?.revealed ? round() : null}>
        {(revealed) => (
          <>
            <h3 class="predict-sub">{say('wrongMost')}</h3>
            <ol class="misconceptions">
              <For
                each={misconceptionCells(revealed()).slice(0, 5)}
                fallback={<li class="muted">{say('noneWrong')}</li>}
              >
                {(cell) => (
                  <li data-cell={cell.key} data-wrong={cell.wrong}>
                    <strong>{cellName(cell)}</strong>{' '}
                    <span class={cell.reachable ? 'ok' : 'bad'}>{answerWord(cell.reachable === true)}</span>
                    <span class="muted">
                      {' '}
                      · {cell.wrong}/{cell.answered} {say('gotWrong')}
                    </span>
                    <Show when={cell.why}>
                      <div class="predict-why">{sayWhy(cell.why, '', locale())}</div>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </section>
  );
}

/**
 * A student on another room of the class (the stage, the spotlight) while a round is
 * open: nothing to answer here, but the room's answers are hidden all the same.
 */
export function RoundWatch(props: { ask: () => Promise<Reply<unknown>> }) {
  const { poll, round } = pollRound(props.ask);
  followRound(poll, round);
  return null;
}

export function StudentPredict(props: {
  ask: () => Promise<Reply<unknown>>;
  answer: (answers: Record<string, boolean>) => Promise<Reply<unknown>>;
}) {
  const { poll, round } = pollRound(props.ask);
  followRound(poll, round);
  const room = useRoom();
  // The reveal proves each answer with the packet: played in the room's packet panel and canvas.
  const play = (cell: PredictCell) => {
    void playPacket(room.route, {
      from: cell.from,
      to: cell.to,
      kind: cell.kind,
      ...(cell.port === null ? {} : { port: cell.port }),
    });
    document.querySelector('.packets-panel')?.scrollIntoView({ block: 'center' });
  };
  const choose = async (key: string, reachable: boolean) => {
    const current = round();
    if (!current || current.revealed) return;
    await props.answer({ ...current.mine, [key]: reachable });
    await poll.refresh();
  };
  return (
    <Show when={round()}>
      {(shown) => (
        <section
          class="panel predict-panel student-predict"
          aria-labelledby="h-predict"
          data-revealed={shown().revealed ? 'yes' : 'no'}
        >
          <h2 id="h-predict">{say('predict')}</h2>
          <p class="muted">{shown().revealed ? say('revealedHint') : say('predictHint')}</p>
          <Show when={shown().score}>
            {(score) => (
              <p class="predict-score" data-right={score().right}>
                {say('score')}: {score().right}/{score().of}
              </p>
            )}
          </Show>
          <ul class="predict-cells">
            <For each={shown().cells}>
              {(cell) => {
                const mine = () => shown().mine[cell.key];
                const right = () => cell.reachable !== null && mine() === cell.reachable;
                return (
                  <li
                    data-cell={cell.key}
                    data-mine={mine() === undefined ? 'none' : String(mine())}
                    data-right={
                      cell.reachable === null ? undefined : mine() === undefined ? 'none' : String(right())
                    }
                  >
                    <span class="predict-cell-name">{cellName(cell)}</span>
                    <Show
                      when={cell.reachable !== null}
                      fallback={
                        <fieldset class="predict-choice plain-fieldset" aria-label={cellName(cell)}>
                          <For each={[true, false]}>
                            {(reachable) => (
                              <button
                                type="button"
                                class="small-button"
                                aria-pressed={mine() === reachable}
                                onClick={() => choose(cell.key, reachable)}
                              >
                                {answerWord(reachable)}
                              </button>
                            )}
                          </For>
                        </fieldset>
                      }
                    >
                      <span class={mine() === undefined ? 'muted' : right() ? 'ok' : 'bad'}>
                        {mine() === undefined ? '–' : right() ? '✓' : '✗'}{' '}
                        {answerWord(cell.reachable === true)}
                      </span>
                      <Show when={cell.why}>
                        <span class="predict-why">{sayWhy(cell.why, '', locale())}</span>
                      </Show>
                      <button
                        type="button"
                        class="small-button"
                        aria-label={`${say('playPacket')}: ${cellName(cell)}`}
                        onClick={() => play(cell)}
                      >
                        {say('playPacket')}
                      </button>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
        </section>
      )}
    </Show>
  );
}
