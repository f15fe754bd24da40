import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import { ConsolePanel } from '../console/ConsolePanel';
import { LocaleToggle } from '../i18n/LocaleToggle';
import { word } from '../i18n/locale';
import { type LabView, labView } from '../lab/labView';
import { VmList } from '../lab/VmList';
import { PacketPanel } from '../packets/PacketPanel';
import { packetWord } from '../packets/words';
import { DiagnosticList } from '../results/DiagnosticList';
import { GoalList } from '../results/GoalList';
import { Matrix } from '../results/Matrix';
import { type ResultsView, resultsView } from '../results/resultsView';
import { Topology } from '../topology/Topology';
import { ConnectionBadge, RefusedBanner } from './ConnectionBadge';
import { createRoomDocs } from './createRoomDocs';
import type { RoomRoute } from './parseRoute';
import { RoomContext } from './roomContext';

/** One room, live: its lab on the left, what the engine says about it on the right. */
export function RoomPage(props: { route: RoomRoute }) {
  const docs = createRoomDocs({ ...props.route, origin: location.origin });
  const loaded = () => Object.keys(docs.lab()).length > 0;
  const lab = createMemo(() => labView(docs.lab()));
  const results = createMemo(() => resultsView(docs.results()));
  const origin = { kind: 'person', clientID: docs.labDoc.clientID } as const;
  const [openVm, setOpenVm] = createSignal<string | null>(null);
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
              <Show when={loaded()}>
                {lab().hypervisor === 'vmware' ? 'VMware Workstation' : 'VirtualBox'} ·{' '}
              </Show>
              room {props.route.room}
            </span>
          </div>
          <div class="header-tools">
            <LocaleToggle />
            <ConnectionBadge status={docs.status()} />
          </div>
        </header>
        <RefusedBanner status={docs.status()} />
        <Show when={docs.status().kind !== 'refused'}>
          <RoomLayout lab={lab()} results={results()} route={props.route} />
        </Show>
      </div>
    </RoomContext.Provider>
  );
}

function RoomLayout(props: { lab: LabView; results: ResultsView; route: RoomRoute }) {
  return (
    <main class="layout">
      <div class="column">
        <section class="panel topology-panel" aria-labelledby="h-topology">
          <h2 id="h-topology">{word('topology')}</h2>
          <Topology />
        </section>
        <section class="panel vms-panel" aria-labelledby="h-vms">
          <h2 id="h-vms">{word('machines')}</h2>
          <VmList vms={props.lab.vms} machines={props.results.machines} />
        </section>
        <section class="panel console-panel" aria-labelledby="h-console">
          <h2 id="h-console">{word('console')}</h2>
          <ConsolePanel
            room={props.route.room}
            token={props.route.token}
            machines={[...props.results.machines.keys()]}
          />
        </section>
      </div>
      <div class="column">
        <section class="panel goals-panel" aria-labelledby="h-goals">
          <h2 id="h-goals">{word('goals')}</h2>
          <GoalList goals={props.lab.goals} results={props.results.goals} />
        </section>
        <section class="panel matrix-panel" aria-labelledby="h-matrix">
          <h2 id="h-matrix">{word('reachability')}</h2>
          <Matrix matrix={props.results.matrix} />
        </section>
        <section class="panel packets-panel" aria-labelledby="h-packets">
          <h2 id="h-packets">{packetWord('packets')}</h2>
          <PacketPanel />
        </section>
        <section class="panel diagnostics-panel" aria-labelledby="h-diagnostics">
          <h2 id="h-diagnostics">{word('diagnostics')}</h2>
          <DiagnosticList diagnostics={props.results.diagnostics} />
        </section>
      </div>
    </main>
  );
}
