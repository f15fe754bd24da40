import './topology.css';
/**
 * The topology panel: the canvas (makeTopology), its zoom buttons and its legend. It
 * reads the lab, the results and the room's `layout` map; writes only positions; and
 * plays the packet of packetStore along the links.
 */
import type { Hypervisor, Lab } from '@vnetlab/shared';
import { createEffect, createMemo, For, on, onCleanup, onMount } from 'solid-js';
import { unpluggedWord } from '../editor/adapterWords';
import { useEditor } from '../editor/createEditor';
import { useTimeline } from '../history/createTimeline';
import { kindWord, legendKinds } from '../lab/kindWords';
import { packetSteps } from '../packets/packetSteps';
import { packet, setPacketStep } from '../packets/packetStore';
import { usePresence } from '../presence/createPresence';
import { useRoom } from '../room/roomContext';
import { shareUnchanged } from '../util/shareUnchanged';
import { type Topology as Canvas, makeTopology } from './makeTopology';
import { parsedLab } from './parsedLab';
import { createRoomLayout } from './roomLayout';
import { type TopologyData, topologyData } from './topologyData';
import { type TopologyWord, topologyWord } from './words';

const LINES: readonly TopologyWord[] = ['lan', 'wan', 'unplugged', 'forward'];

/**
 * The legend's entries in the lab's product's words (VMW-12, LV-7, HV-4): its kinds of
 * network, each once (kindWords.ts), then the LAN, the uplink, an unplugged link as the
 * product says it, and port forwards.
 */
function legend(hypervisor: Hypervisor): { kind: string; text: string }[] {
  return [
    ...legendKinds(hypervisor).map((kind) => ({ kind, text: kindWord(hypervisor, kind) })),
    ...LINES.map((kind) => ({
      kind,
      text: (kind === 'unplugged' ? unpluggedWord(hypervisor) : undefined) ?? topologyWord(kind),
    })),
  ];
}

export function Topology() {
  const room = useRoom();
  const presence = usePresence();
  const editor = useEditor();
  const timeline = useTimeline();
  const layout = createRoomLayout(room.docs.labDoc, room.origin);
  // Stepping back in the history draws that state; the live one again on "Back to live".
  const shown = () => timeline.viewedLab() ?? room.docs.lab();
  // While someone is mid-edit and the lab does not parse, the last good picture stays.
  let lastGood: Lab | null = null;
  const lab = createMemo(() => {
    const parsed = parsedLab(shown());
    if (parsed) lastGood = parsed;
    return lastGood;
  });
  // Nodes and links that did not change keep their objects (util/shareUnchanged.ts): the
  // canvas then skips them without a look, and results that change no badge redraw nothing.
  const data = createMemo<TopologyData | null>((prev) => {
    const current = lab();
    if (!current) return null;
    // The engine's results describe the live lab: on a past state its badges would lie.
    const live = timeline.viewing() === null;
    const next = topologyData({
      lab: current,
      machines: live ? room.results().machines : new Map(),
      diagnostics: live ? room.docs.results().diagnostics : [],
      file: shown(),
    });
    return shareUnchanged(prev ?? undefined, next);
  });
  // By the product alone: rebuilt on every edit, the legend's <For> would re-create its rows.
  const hypervisor = createMemo(() => lab()?.hypervisor ?? 'virtualbox');
  const legendEntries = createMemo(() => legend(hypervisor()));
  let frame!: HTMLDivElement;
  let canvas: Canvas | undefined;
  onMount(() => {
    canvas = makeTopology(frame, {
      onOpen: (vm) => room.setOpenVm(vm),
      onMoved: (moved) => layout.save(moved),
      canArrange: () => !editor.readOnly(),
      onView: (view, byHand) => {
        // Partners who follow this person see what this canvas shows (awareness only).
        presence.publishViewport(view);
        // Panning or zooming by hand while following takes the view back.
        if (byHand && presence.following()) presence.follow(null);
      },
    });
    onCleanup(() => canvas?.destroy());
    createEffect(() => {
      const d = data();
      if (d) canvas?.update({ data: d, stored: layout.stored(), hypervisor: hypervisor() });
    });
    createEffect(() => {
      const view = presence.followedViewport();
      if (view) canvas?.showView(view);
    });
    let cancel: (() => void) | undefined;
    createEffect(
      on(packet, (state) => {
        cancel?.();
        const d = data();
        if (state.kind !== 'shown' || !d || !canvas) return;
        const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
        cancel = canvas.play(packetSteps(state.answer.hops, d), setPacketStep, reduced);
      }),
    );
    onCleanup(() => cancel?.());
  });
  return (
    <div class="topology-wrap">
      <div class="topology-tools">
        <button
          type="button"
          onClick={() => canvas?.zoomBy(1.3)}
          aria-label={topologyWord('zoomIn')}
          title={topologyWord('zoomIn')}
        >
          +
        </button>
        <button
          type="button"
          onClick={() => canvas?.zoomBy(1 / 1.3)}
          aria-label={topologyWord('zoomOut')}
          title={topologyWord('zoomOut')}
        >
          −
        </button>
        <button type="button" onClick={() => canvas?.fit()}>
          {topologyWord('fit')}
        </button>
        <span class="muted topology-hint">{topologyWord('hint')}</span>
      </div>
      <div class="topology-frame" ref={frame} />
      <ul class="topology-legend" aria-label={topologyWord('legend')}>
        <For each={legendEntries()}>
          {(entry) => (
            <li data-kind={entry.kind}>
              <svg width="26" height="10" aria-hidden="true">
                <line class={`legend-line kind-${entry.kind}`} x1="1" y1="5" x2="25" y2="5" />
              </svg>
              {entry.text}
            </li>
          )}
        </For>
        <li>⊘ {topologyWord('notStarted')}</li>
        <li>⚠ {topologyWord('noAddress')}</li>
        <li>ⓘ {topologyWord('diagnostics')}</li>
      </ul>
    </div>
  );
}
