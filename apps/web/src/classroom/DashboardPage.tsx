/**
 * The instructor's dashboard (`/c/:class?token=…`), made to be projected: the join
 * code huge, every group as a card (15 fit one 1920×1080 screen), the goals the class
 * fails most, and the lesson's controls. Live from the progress event stream (polling
 * every 2 s while the stream cannot be had); the badge says whether what is shown is
 * current, and how it arrives.
 */
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { LocaleToggle } from '../i18n/LocaleToggle';
import { locale } from '../i18n/locale';
import { type LessonApi, lessonApi, type Reply } from './classApi';
import type { ClassRoute } from './classRoute';
import './classroom.css';
import { createLiveFeed, type Transport } from './createLiveFeed';
import { createNow } from './createNow';
import type { PollState } from './createPoll';
import { GroupCard } from './GroupCard';
import { HeatMap } from './HeatMap';
import { JoinBanner } from './JoinBanner';
import { LessonControls } from './LessonControls';
import { MoveDialog } from './MoveDialog';
import { InstructorPredict } from './PredictPanel';
import { formatClock, heatMap, type MemberView, progressView } from './progressView';
import { say } from './words';

const POLL_MS = 2000;
/** Back to the stream after falling back to polling. */
const RETRY_STREAM_MS = 15_000;
/** The server's heartbeat comes every 15 s: silence past this is a dead link. */
const QUIET_MS = 40_000;

export function DashboardPage(props: { route: ClassRoute }) {
  const api: LessonApi = lessonApi(props.route.klass, props.route.token);
  const poll = createLiveFeed({
    open: api.progressStream,
    ask: api.progress,
    parse: (data) => JSON.parse(data) as unknown,
    event: 'progress',
    pollMs: POLL_MS,
    retryStreamMs: RETRY_STREAM_MS,
    quietMs: QUIET_MS,
  });
  const view = createMemo(() => progressView(poll.value() ?? {}));
  const [receivedAt, setReceivedAt] = createSignal(Date.now());
  createEffect(() => {
    poll.value();
    setReceivedAt(Date.now());
  });
  const now = createNow(1000);
  const [busy, setBusy] = createSignal(false);
  const [anonymize, setAnonymize] = createSignal(false);
  const [failure, setFailure] = createSignal('');
  const [moving, setMoving] = createSignal<{ member: MemberView; group: number } | null>(null);
  const moveTo = (member: string, group: number) => {
    setMoving(null);
    void act(() => api.move(member, group));
  };
  const cells = createMemo(() => heatMap(view().groups, locale()));
  const timerLeft = () => {
    const left = view().timerLeftMs;
    if (left === null) return null;
    return view().timerRunning ? Math.max(0, left - (now() - receivedAt())) : left;
  };
  const roomHref = (room: string) =>
    `/r/${encodeURIComponent(room)}?token=${encodeURIComponent(props.route.token)}&class=${encodeURIComponent(props.route.klass)}&name=${encodeURIComponent(say('instructorName'))}`;

  createEffect(() => {
    document.title = `${view().title || say('dashboard')} · VNet Lab`;
  });

  /** Runs an instructor action, then asks for progress at once so the grid shows its effect. */
  async function act(action: () => Promise<Reply<unknown>>) {
    setBusy(true);
    const reply = await action();
    setBusy(false);
    setFailure(reply.ok ? '' : `${say('failed')}: ${reply.error}`);
    await poll.refresh();
  }

  async function downloadCsv() {
    const reply = await api.csv();
    if (!reply.ok) {
      setFailure(`${say('failed')}: ${reply.error}`);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([reply.value], { type: 'text/csv;charset=utf-8' }));
    link.download = `class-${props.route.klass}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  return (
    <div class="dashboard" classList={{ 'class-paused': view().paused }}>
      <header class="dash-header">
        <div class="title-block">
          <h1>{view().title || say('dashboard')}</h1>
          <span class="muted">{say('dashboard')}</span>
        </div>
        <JoinBanner code={view().joinCode} />
        <div class="header-tools">
          <Show when={timerLeft() !== null}>
            <span
              class="dash-timer"
              role="timer"
              aria-label={say('timer')}
              classList={{ up: timerLeft() === 0 }}
            >
              {timerLeft() === 0 ? say('timeUp') : formatClock(timerLeft() ?? 0)}
            </span>
          </Show>
          <Show when={view().paused}>
            <span class="paused-flag" role="status">
              {say('paused')}
            </span>
          </Show>
          <LocaleToggle />
          <PollBadge state={poll.state()} transport={poll.transport()} />
        </div>
      </header>
      <Show when={poll.state().kind === 'refused'}>
        <div class="banner banner-refused" role="alert">
          {say('refusedHint')}
        </div>
      </Show>
      <Show when={failure()}>
        <div class="banner banner-refused" role="alert">
          {failure()}
        </div>
      </Show>
      <main class="dash-layout">
        <section class="group-grid-panel" aria-labelledby="h-groups">
          <h2 id="h-groups" class="visually-hidden">
            {say('groups')}
          </h2>
          <div class="group-grid" data-groups={view().groups.length}>
            <For each={view().groups} fallback={<p class="empty big-empty">{say('noGroups')}</p>}>
              {(group) => (
                <GroupCard
                  group={group}
                  spotlit={view().spotlight?.group === group.group}
                  roomHref={roomHref(group.room)}
                  busy={busy()}
                  onReset={() => act(() => api.reset(group.group))}
                  onSpotlight={() =>
                    act(() =>
                      api.spotlight(
                        view().spotlight?.group === group.group ? null : group.group,
                        anonymize(),
                      ),
                    )
                  }
                  onLowerHand={(member) => act(() => api.lowerHand(member))}
                  onMove={(member) => setMoving({ member, group: group.group })}
                  onDropMember={(member) => {
                    const from = view().groups.find((other) => other.members.some((m) => m.id === member));
                    if (from && from.group !== group.group) moveTo(member, group.group);
                  }}
                />
              )}
            </For>
          </div>
        </section>
        <aside class="dash-side">
          <LessonControls
            paused={view().paused}
            timerLeftMs={timerLeft()}
            anonymize={anonymize()}
            spotlight={view().spotlight?.group ?? null}
            stageHref={roomHref(view().stageRoom)}
            busy={busy()}
            onBroadcast={(scenario) => act(() => api.broadcast(scenario))}
            onPlantFault={(fault) => act(() => api.plantFault(fault))}
            onPushToStage={(scenario) => act(() => api.pushToStage(scenario))}
            onAnonymize={(next) => {
              setAnonymize(next);
              const spot = view().spotlight;
              if (spot) void act(() => api.spotlight(spot.group, next));
            }}
            onEndSpotlight={() => act(() => api.spotlight(null, false))}
            onPause={(paused) => act(() => api.pause(paused))}
            onTimer={(minutes) =>
              act(() => (minutes === null ? api.timer('stop') : api.timer('start', minutes * 60_000)))
            }
            onCsv={downloadCsv}
          />
          <HeatMap cells={cells()} />
          <InstructorPredict
            ask={api.round}
            busy={busy()}
            onOpen={() => act(() => api.openRound())}
            onReveal={() => act(() => api.reveal())}
          />
        </aside>
      </main>
      <MoveDialog
        moving={moving()}
        groups={view().groups.map((group) => group.group)}
        onMove={(group) => {
          const member = moving()?.member.id;
          if (member) moveTo(member, group);
        }}
        onClose={() => setMoving(null)}
      />
    </div>
  );
}

/** The link's state, in the room page's badge style; `data-transport` says stream or polling. */
function PollBadge(props: { state: PollState; transport: Transport }) {
  const look = () => {
    switch (props.state.kind) {
      case 'connecting':
        return { kind: 'connecting', text: say('connecting') };
      case 'live':
        return { kind: 'online', text: props.transport === 'stream' ? say('live') : say('livePolling') };
      case 'stale':
        return { kind: 'offline', text: say('stale') };
      case 'refused':
        return { kind: 'refused', text: say('refused') };
      default: {
        const never: never = props.state;
        return never;
      }
    }
  };
  return (
    <span
      class={`connection connection-${look().kind}`}
      role="status"
      data-status={look().kind}
      data-transport={props.transport}
    >
      <span class="dot" aria-hidden="true" />
      {look().text}
    </span>
  );
}
