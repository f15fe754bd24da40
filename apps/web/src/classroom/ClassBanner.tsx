/**
 * The class, as a student meets it in their group's room: "the instructor is watching"
 * while they are in the room, the class paused (the room is read-only until resumed),
 * the lesson timer, and a raise-hand button. Shown only on a room page opened from a
 * class (`&class=ID`); asks `GET /api/classes/:class/me` every few seconds, and tells the
 * editor when a student's page is read-only (classRole.ts).
 */
import { createEffect, createMemo, createSignal, on, onCleanup, Show } from 'solid-js';
import { asBoolean, asNumber, asString } from '../util/json';
import { onRosterWanted, rosterOf, setAuthorRoster } from './authorNames';
import { memberApi } from './classApi';
import {
  readOnlyReasonOf,
  selfKeyOf,
  setClassRole,
  setReadOnlyReason,
  setRoundUnknown,
  setSelfKey,
} from './classRole';
import { classOfRoomPage } from './classRoute';
import './classroom.css';
import { createNow, groupLabel } from './createNow';
import { createPoll } from './createPoll';
import { RoundWatch, StudentPredict } from './PredictPanel';
import { formatClock } from './progressView';
import { isStageView, setNamesHidden } from './stageNames';
import { say } from './words';

const POLL_MS = 3000;

export function ClassBanner(props: { token: string; room: string }) {
  const klass = classOfRoomPage(location.search);
  return (
    <Show when={klass}>{(id) => <LessonBanner klass={id()} token={props.token} room={props.room} />}</Show>
  );
}

function LessonBanner(props: { klass: string; token: string; room: string }) {
  const api = memberApi(props.klass, props.token);
  const poll = createPoll(api.me, POLL_MS);
  const me = createMemo(() => poll.value() ?? {});
  // Until the class says whether a prediction round is open, the console stays hidden (classRole.ts).
  setRoundUnknown(true);
  createEffect(() => {
    if (asString(me().role) === 'instructor' || poll.state().kind === 'refused') setRoundUnknown(false);
  });
  onCleanup(() => setRoundUnknown(false));
  const student = () => asString(me().role) === 'student';
  const paused = () => asBoolean(me().paused) ?? false;
  const watching = () => student() && (asBoolean(me().instructorWatching) ?? false);
  const handUp = () => typeof me().handRaisedAt === 'number';
  const [receivedAt, setReceivedAt] = createSignal(Date.now());
  createEffect(() => {
    poll.value();
    setReceivedAt(Date.now());
  });
  const now = createNow(1000);
  const timerLeft = () => {
    const value = me().timerLeftMs;
    if (typeof value !== 'number') return null;
    const running = (me().timer as { pausedLeftMs?: unknown } | null)?.pausedLeftMs === null;
    return running ? Math.max(0, asNumber(value) - (now() - receivedAt())) : value;
  };
  const [busy, setBusy] = createSignal(false);
  // The stage is read-only for a student: their token opens it (CLASS-3).
  const roomLink = (room: string) =>
    `/r/${encodeURIComponent(room)}?token=${encodeURIComponent(props.token)}&class=${encodeURIComponent(props.klass)}`;
  const toggleHand = async () => {
    setBusy(true);
    await api.hand(!handUp());
    await poll.refresh();
    setBusy(false);
  };
  createEffect(() => document.body.classList.toggle('class-paused', paused()));
  createEffect(() => {
    const role = asString(me().role);
    if (role === 'student' || role === 'instructor') setClassRole(role);
    setSelfKey(selfKeyOf(me()));
  });
  onCleanup(() => setSelfKey(null));
  // Moved to another group by the instructor: this page was their room, now another is.
  let wasOwnRoom = false;
  createEffect(() => {
    const own = asString(me().room);
    if (!student() || !own) return;
    if (own === props.room) wasOwnRoom = true;
    else if (wasOwnRoom) {
      const name = new URLSearchParams(location.search).get('name');
      location.assign(`${roomLink(own)}${name ? `&name=${encodeURIComponent(name)}` : ''}`);
    }
  });
  createEffect(() => setReadOnlyReason(poll.value() ? readOnlyReasonOf(me(), props.room) : null));
  onCleanup(() => setReadOnlyReason(null));
  const spotlightRoom = () => asString(me().spotlightRoom);
  const spotlightGroup = () => asNumber((me().spotlight as { group?: unknown } | null)?.group);
  const anonymized = () => (me().spotlight as { anonymize?: unknown } | null)?.anonymize === true;
  // The projector (the stage view of the spotlit room) hides names itself when asked.
  createEffect(() =>
    setNamesHidden(isStageView(location.search) && anonymized() && spotlightRoom() === props.room),
  );
  onCleanup(() => setNamesHidden(false));
  // The names behind the keys the room's history and console are signed with (authorNames.ts):
  // asked again when the spotlight changes (a watcher gets aliases or names) and for a newcomer.
  const loadRoster = async () => {
    const reply = await api.people(props.room);
    if (reply.ok) setAuthorRoster(rosterOf(reply.value));
  };
  onRosterWanted(() => void loadRoster());
  createEffect(on([spotlightRoom, anonymized], () => void loadRoster()));
  onCleanup(() => {
    onRosterWanted(null);
    setAuthorRoster({ people: {}, aliases: {} });
  });

  return (
    <Show when={poll.value()}>
      <section class="class-banner" aria-label={say('inClass')} data-paused={paused() ? 'yes' : 'no'}>
        <Show when={paused()}>
          <span class="class-flag paused-flag" role="status">
            <strong>{say('paused')}</strong> <span class="muted">{say('pausedHint')}</span>
          </span>
        </Show>
        <Show when={watching()}>
          <span class="class-flag watching-flag" role="status">
            {say('instructorWatching')}
          </span>
        </Show>
        <Show when={!student()}>
          <span class="class-flag watching-flag">{say('watching')}</span>
        </Show>
        <Show when={student() && asString(me().stageRoom)}>
          <a class="small-button" href={roomLink(asString(me().stageRoom))} target="_blank" rel="noopener">
            {say('watchStage')}
          </a>
        </Show>
        <Show when={spotlightRoom() && spotlightRoom() !== props.room}>
          <a
            class="small-button"
            href={`${roomLink(spotlightRoom())}&stage=1`}
            data-spotlight-link={spotlightGroup()}
          >
            {say('watchSpotlight')} {groupLabel(spotlightGroup(), say)}
          </a>
        </Show>
        <Show when={spotlightRoom() === props.room && isStageView(location.search)}>
          <span class="class-flag watching-flag" data-on-stage={spotlightGroup()}>
            {say('onTheStage')}: {groupLabel(spotlightGroup(), say)}
            {anonymized() ? ` · ${say('namesHidden')}` : ''}
          </span>
        </Show>
        <span class="class-spacer" />
        <Show when={timerLeft() !== null}>
          <span class="class-timer" role="timer" aria-label={say('timer')}>
            {timerLeft() === 0 ? say('timeUp') : `${formatClock(timerLeft() ?? 0)} ${say('timeLeft')}`}
          </span>
        </Show>
        <Show when={student()}>
          <button
            type="button"
            class="action-button hand-toggle"
            aria-pressed={handUp()}
            disabled={busy()}
            onClick={toggleHand}
          >
            {handUp() ? say('lowerHand') : say('raiseHand')}
          </button>
        </Show>
      </section>
      <Show
        when={student() && asString(me().room) === props.room}
        fallback={
          <Show when={student()}>
            <RoundWatch ask={api.round} />
          </Show>
        }
      >
        <StudentPredict ask={api.round} answer={api.answer} />
      </Show>
    </Show>
  );
}
