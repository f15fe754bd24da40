import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import { ScenarioPanel } from '../authoring/ScenarioPanel';
import { authorWord } from '../authoring/words';
import { ClassBanner } from '../classroom/ClassBanner';
import { consoleHidden, roundOpen } from '../classroom/classRole';
import { ReadOnlyNote } from '../classroom/ReadOnlyNote';
import { say as classWord } from '../classroom/words';
import { ConsolePanel } from '../console/ConsolePanel';
import { Editor } from '../editor/Editor';
import { lastGoodResults } from '../editor/lastGood';
import { t as editorWord } from '../editor/words';
import { createTimeline } from '../history/createTimeline';
import { HistoryPanel, historyWord, ViewingBar } from '../history/HistoryPanel';
import { LocaleToggle } from '../i18n/LocaleToggle';
import { locale, word } from '../i18n/locale';
import { type GoalView, type LabView, labView, PRODUCT_NAMES } from '../lab/labView';
import { VmList } from '../lab/VmList';
import { PacketPanel } from '../packets/PacketPanel';
import { clearPacket } from '../packets/packetStore';
import { packetWord } from '../packets/words';
import { CursorLayer } from '../presence/CursorLayer';
import { createPresence } from '../presence/createPresence';
import { DriveBar } from '../presence/DriveBar';
import { initialName, readStoredName, rememberName } from '../presence/identity';
import { NameDialog } from '../presence/NameDialog';
import { FollowBar, PeopleList } from '../presence/PeopleList';
import { DiagnosticList } from '../results/DiagnosticList';
import { GoalList } from '../results/GoalList';
import { Matrix } from '../results/Matrix';
import { type ResultsView, resultsView } from '../results/resultsView';
import { Topology } from '../topology/Topology';
import { shareUnchanged } from '../util/shareUnchanged';
import { ConnectionBadge, RefusedBanner } from './ConnectionBadge';
import { type CarriedView, carryOver, labShown, resultsShown } from './carryOver';
import { createRoomDocs } from './createRoomDocs';
import type { RoomRoute } from './parseRoute';
import { RoomContext } from './roomContext';

/**
 * One room, live: its lab on the left, what the engine says about it on the right.
 * `carried`: what the page this one replaces showed (a new generation, carryOver.ts).
 */
export function RoomPage(props: {
  route: RoomRoute;
  carried?: CarriedView;
  onNewGeneration?: (carried: CarriedView | undefined) => void;
}) {
  const docs = createRoomDocs({
    ...props.route,
    origin: location.origin,
    onNewGeneration:
      props.onNewGeneration &&
      ((reason) => props.onNewGeneration?.(carryOver(reason, { lab: shownLab(), shown: shown() }))),
  });
  // Until the fresh documents arrive, the previous generation's lab and results stay on screen.
  const shownLab = () => labShown(docs.lab(), props.carried);
  const loaded = () => Object.keys(shownLab()).length > 0;
  const waitingForLab = () => Object.keys(docs.lab()).length === 0 && loaded();
  // The last results of a lab that parsed stay on screen (stale) while the lab has an error.
  const keepLastGood = lastGoodResults();
  // Views share the objects of the last one where nothing changed: a one-field edit then
  // re-runs one VM's row of every list, not all of them (util/shareUnchanged.ts).
  const shown = createMemo<ReturnType<typeof resultsShown>>((prev) =>
    shareUnchanged(
      prev,
      resultsShown(docs.results(), () => keepLastGood(resultsView(docs.results())), props.carried),
    ),
  );
  const results = () => shown().results;
  const origin = { kind: 'person', clientID: docs.labDoc.clientID } as const;
  const timeline = createTimeline(docs, origin);
  // While someone steps back in the history, the page shows that state, read-only.
  const lab = createMemo<LabView>((prev) =>
    shareUnchanged(prev, labView(timeline.viewedLab() ?? shownLab(), locale())),
  );
  const [openVm, setOpenVm] = createSignal<string | null>(null);
  const [name, setName] = createSignal(initialName(location.search, readStoredName()));
  const chooseName = (chosen: string) => {
    rememberName(chosen);
    setName(chosen);
  };
  if (name()) rememberName(name());
  createPresence({ awareness: docs.awareness, name, openVm, setOpenVm });
  const viewing = () => timeline.viewing() !== null;
  // Carried verdicts are said of the goals they were computed for: a new lab's goal of the
  // same id may say the opposite ("the VMs cannot ping each other").
  const carriedGoals = createMemo(() =>
    shown().carried && props.carried ? labView(props.carried.lab, locale()).goals : undefined,
  );
  // A packet played before a round opened would replay on the canvas: it goes.
  createEffect(() => {
    if (consoleHidden()) clearPacket();
  });
  const title = () => (loaded() ? lab().title : 'VNet Lab');
  createEffect(() => {
    document.title = loaded() ? `${lab().title} · VNet Lab` : 'VNet Lab';
  });
  return (
    <RoomContext.Provider value={{ route: props.route, docs, lab, results, origin, openVm, setOpenVm }}>
      <div class="page">
        <header class="page-header">
          <div class="title-block">
            <h1 class="lab-title">{title()}</h1>
            <span class="muted">
              <Show when={loaded()}>{PRODUCT_NAMES[lab().hypervisor]} · </Show>
              {word('room')} {props.route.room}
            </span>
          </div>
          <div class="header-tools">
            <PeopleList />
            <LocaleToggle />
            <ConnectionBadge status={docs.status()} />
          </div>
        </header>
        {/* What the exercise asks: the instructions a student reads first, under the title. */}
        <Show when={loaded() && lab().text}>
          <p class="lab-text">{lab().text}</p>
        </Show>
        <RefusedBanner status={docs.status()} />
        <ClassBanner token={props.route.token} room={props.route.room} />
        <ReadOnlyNote />
        <DriveBar />
        <FollowBar />
        <ViewingBar />
        <Show when={!name()}>
          <NameDialog onName={chooseName} />
        </Show>
        <Show when={docs.status().kind !== 'refused'}>
          <Editor>
            <RoomLayout
              lab={lab()}
              results={results()}
              route={props.route}
              stale={shown().stale}
              invalid={shown().invalid}
              carried={shown().carried}
              carriedGoals={carriedGoals()}
              name={name()}
              viewing={viewing() || waitingForLab()}
            />
          </Editor>
        </Show>
      </div>
    </RoomContext.Provider>
  );
}

function RoomLayout(props: {
  lab: LabView;
  results: ResultsView;
  route: RoomRoute;
  stale: boolean;
  invalid: boolean;
  /** The results are the previous generation's: this one's are being computed. */
  carried: boolean;
  /** The goals the carried results judged (the previous generation's). */
  carriedGoals: readonly GoalView[] | undefined;
  name: string;
  viewing: boolean;
}) {
  return (
    <main class="layout" classList={{ viewing: props.viewing }}>
      <div class="column">
        <section class="panel topology-panel" aria-labelledby="h-topology" inert={props.viewing || undefined}>
          <h2 id="h-topology">{word('topology')}</h2>
          <Show when={props.lab.vms.length === 0}>
            <p class="empty">{editorWord('emptyLab')}</p>
          </Show>
          <CursorLayer>
            <Topology />
          </CursorLayer>
        </section>
        <section class="panel vms-panel" aria-labelledby="h-vms" inert={props.viewing || undefined}>
          <h2 id="h-vms">{word('machines')}</h2>
          <VmList vms={props.lab.vms} machines={props.results.machines} hypervisor={props.lab.hypervisor} />
        </section>
        <section class="panel console-panel" aria-labelledby="h-console">
          <h2 id="h-console">{word('console')}</h2>
          {/* While a prediction round is open every answer of the engine is hidden (the server refuses them too). */}
          <Show when={!consoleHidden()} fallback={<AnswersHidden />}>
            <ConsolePanel
              room={props.route.room}
              token={props.route.token}
              machines={[...props.results.machines.keys()]}
              by={props.name}
            />
          </Show>
        </section>
      </div>
      <div class="column results-column" classList={{ stale: props.stale }} data-stale={props.stale}>
        <Show when={props.invalid || props.carried}>
          <p class="stale-banner" role="status">
            {editorWord(props.carried ? 'newGeneration' : props.stale ? 'stale' : 'invalidNoResults')}
          </p>
        </Show>
        <section class="panel goals-panel" aria-labelledby="h-goals">
          <h2 id="h-goals">{word('goals')}</h2>
          <GoalList
            goals={props.carriedGoals ?? props.lab.goals}
            results={roundOpen() ? new Map() : props.results.goals}
            pending={
              roundOpen()
                ? classWord('goalsHidden')
                : props.carried
                  ? editorWord('newGenerationGoal')
                  : props.invalid && !props.stale
                    ? editorWord('invalidNoResults')
                    : undefined
            }
          />
        </section>
        <section class="panel matrix-panel" aria-labelledby="h-matrix">
          <h2 id="h-matrix">{word('reachability')}</h2>
          <Show when={!roundOpen()} fallback={<p class="empty">{classWord('matrixHidden')}</p>}>
            <Matrix matrix={props.results.matrix} />
          </Show>
        </section>
        <section class="panel packets-panel" aria-labelledby="h-packets">
          <h2 id="h-packets">{packetWord('packets')}</h2>
          <Show when={!consoleHidden()} fallback={<AnswersHidden />}>
            <PacketPanel />
          </Show>
        </section>
        <section class="panel diagnostics-panel" aria-labelledby="h-diagnostics">
          <h2 id="h-diagnostics">{word('diagnostics')}</h2>
          <Show when={!roundOpen()} fallback={<AnswersHidden />}>
            <DiagnosticList diagnostics={props.results.diagnostics} />
          </Show>
        </section>
        <section class="panel history-panel" aria-labelledby="h-history">
          <h2 id="h-history">{historyWord('history')}</h2>
          <Show when={!roundOpen()} fallback={<AnswersHidden />}>
            <HistoryPanel />
          </Show>
        </section>
        {/* Authoring, last: the matrix stays in sight while a lab is worked on. Authoring: goals, locked paths, save as scenario. Its check would give a round's answers away. */}
        <section
          class="panel scenario-authoring"
          aria-labelledby="h-scenario"
          inert={props.viewing || undefined}
        >
          <h2 id="h-scenario">{authorWord('scenario')}</h2>
          <Show when={!roundOpen()} fallback={<AnswersHidden />}>
            <ScenarioPanel />
          </Show>
        </section>
      </div>
    </main>
  );
}

/** In place of a panel that would give a prediction round's answers away. */
function AnswersHidden() {
  return (
    <p class="empty" data-answers-hidden={roundOpen() ? 'yes' : 'checking'}>
      {classWord(roundOpen() ? 'answersHidden' : 'roundChecking')}
    </p>
  );
}
