import { For, Show } from 'solid-js';
import { locale, wordsOf } from '../i18n/locale';
import { hypervisorOf } from '../lab/labView';
import { usePresence } from '../presence/createPresence';
import { useRoom } from '../room/roomContext';
import { asObject } from '../util/json';
import { useTimeline } from './createTimeline';
import { authorsOf, describeChange, describeFlip } from './describeEntry';
import type { HistoryEntryView } from './timelineView';
import './history.css';

export const historyWord = wordsOf({
  history: { en: 'History', 'zh-CN': '历史' },
  empty: {
    en: 'No edits yet. Every change made in this room appears here.',
    'zh-CN': '还没有修改。房间里的每次修改都会显示在这里。',
  },
  view: { en: 'View', 'zh-CN': '查看' },
  revert: { en: 'Revert', 'zh-CN': '撤销此修改' },
  viewing: { en: 'Viewing an earlier state', 'zh-CN': '正在查看较早的状态' },
  viewingNote: {
    en: 'read-only; addresses, goals and reachability stay live',
    'zh-CN': '只读；地址、目标和连通性仍为实时结果',
  },
  backToLive: { en: 'Back to live', 'zh-CN': '回到实时' },
  viewed: { en: 'shown', 'zh-CN': '显示中' },
});

// One formatter per language: toLocaleTimeString builds a new one on every call, which
// costs milliseconds per entry in the middle of a remote edit's frame.
const clocks = new Map<string, Intl.DateTimeFormat>();
const time = (at: number) => {
  const tag = locale() === 'zh-CN' ? 'zh-CN' : 'en-GB';
  let clock = clocks.get(tag);
  if (!clock) {
    clock = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    clocks.set(tag, clock);
  }
  return clock.format(at);
};

/** The room's edits, newest first: who, when, what in words, which cells flipped. */
export function HistoryPanel() {
  const timeline = useTimeline();
  const newestFirst = () => [...timeline.entries()].reverse();
  return (
    <Show when={timeline.entries().length > 0} fallback={<p class="empty">{historyWord('empty')}</p>}>
      <ol class="timeline" aria-labelledby="h-history">
        <For each={newestFirst()}>{(entry) => <HistoryItem entry={entry} />}</For>
      </ol>
    </Show>
  );
}

function HistoryItem(props: { entry: HistoryEntryView }) {
  const room = useRoom();
  // Modes are said in the lab's product's words ("Custom", "Private switch").
  const hypervisor = () => hypervisorOf(asObject(room.docs.lab()).hypervisor);
  const timeline = useTimeline();
  const presence = usePresence();
  const viewed = () => timeline.viewing()?.id === props.entry.id;
  return (
    <li class="history-entry" classList={{ viewed: viewed() }} data-history={props.entry.id}>
      <div class="history-head">
        <span class="history-by" style={{ '--person': presence.colourOf(props.entry.by[0] ?? '') }}>
          {authorsOf(props.entry)}
        </span>
        <time class="muted" dateTime={new Date(props.entry.at).toISOString()}>
          {time(props.entry.at)}
        </time>
        <span class="history-actions">
          <button
            type="button"
            aria-pressed={viewed()}
            onClick={() => timeline.view(viewed() ? null : props.entry.id)}
          >
            {viewed() ? historyWord('viewed') : historyWord('view')}
          </button>
          <button type="button" onClick={() => timeline.revert(props.entry)}>
            {historyWord('revert')}
          </button>
        </span>
      </div>
      <ul class="history-changes">
        <For each={props.entry.changes.slice(0, 4)}>
          {(change) => <li>{describeChange(change, locale(), hypervisor())}</li>}
        </For>
        <Show when={props.entry.changes.length > 4}>
          <li class="muted">… +{props.entry.changes.length - 4}</li>
        </Show>
      </ul>
      <Show when={props.entry.flips.length > 0}>
        <ul class="history-flips">
          <For each={props.entry.flips.slice(0, 6)}>
            {(flip) => <li class={flip.reachable ? 'flip-up' : 'flip-down'}>{describeFlip(flip)}</li>}
          </For>
          <Show when={props.entry.flips.length > 6}>
            <li class="muted">… +{props.entry.flips.length - 6}</li>
          </Show>
        </ul>
      </Show>
    </li>
  );
}

/** "Viewing an earlier state — Back to live": shown while the page shows the past. */
export function ViewingBar() {
  const timeline = useTimeline();
  return (
    <Show when={timeline.viewing()}>
      {(entry) => (
        <div class="viewing-bar" role="status">
          <span>
            <strong>{historyWord('viewing')}</strong> · {time(entry().at)} · {authorsOf(entry())}{' '}
            <span class="muted">({historyWord('viewingNote')})</span>
          </span>
          <button type="button" onClick={() => timeline.view(null)}>
            {historyWord('backToLive')}
          </button>
        </div>
      )}
    </Show>
  );
}
