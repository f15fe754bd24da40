/**
 * The room's history, live, and whether this page is looking at an earlier state
 * (read-only) or at the live lab.
 */
import { type JsonObject, setFields } from '@vnetlab/shared';
import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js';
import type { RoomDocs } from '../room/createRoomDocs';
import { frameBatch } from '../room/frameBatch';
import { type PersonOrigin, useRoom } from '../room/roomContext';
import { type HistoryEntryView, historyEntries, labAt, revertWrites } from './timelineView';

export const HISTORY_ROOT = 'history';

export interface Timeline {
  readonly entries: Accessor<readonly HistoryEntryView[]>;
  /** The entry whose state the page shows instead of the live lab; null: live. */
  readonly viewing: Accessor<HistoryEntryView | null>;
  /** The lab as it was after the viewed entry (null while live). */
  readonly viewedLab: Accessor<JsonObject | null>;
  readonly view: (entryId: string | null) => void;
  /** Writes the entry's `before` values back, as this person's own edit (one undo step). */
  readonly revert: (entry: HistoryEntryView) => void;
}

export function createTimeline(docs: RoomDocs, origin: PersonOrigin): Timeline {
  const array = docs.resultsDoc.getArray<unknown>(HISTORY_ROOT);
  // An entry keeps its view object while it stays in the array: the panel's keyed list
  // then adds the one new item instead of re-creating the whole timeline on every edit.
  const views = new WeakMap<object, readonly HistoryEntryView[]>();
  const read = () =>
    array.toArray().flatMap((item) => {
      if (typeof item !== 'object' || item === null) return historyEntries([item]);
      let view = views.get(item);
      if (!view) {
        view = historyEntries([item]);
        views.set(item, view);
      }
      return view;
    });
  const [entrySignal, setEntries] = createSignal<readonly HistoryEntryView[]>(read());
  // A crowded room adds entries many times a second: mirrored once per frame (frameBatch.ts).
  const mirror = frameBatch(() => setEntries(read()));
  const entries = () => {
    mirror.flush();
    return entrySignal();
  };
  const onChange = mirror.changed;
  array.observe(onChange);
  onCleanup(() => {
    array.unobserve(onChange);
    mirror.dispose();
  });

  const [viewingID, setViewingID] = createSignal<string | null>(null);
  // A memo that reads the entries only while one is viewed: live (the usual case), a new
  // entry does not wake what asks "is the past shown?" (the canvas, every history item).
  const viewing = createMemo(() => {
    const id = viewingID();
    return id === null ? null : (entries().find((e) => e.id === id) ?? null);
  });
  const viewedLab = createMemo(() => {
    const entry = viewing();
    if (!entry) return null;
    const list = entries();
    return labAt(docs.lab() as JsonObject, list, list.indexOf(entry));
  });
  const timeline: Timeline = {
    entries,
    viewing,
    viewedLab,
    view: setViewingID,
    revert: (entry) => setFields(docs.labDoc, revertWrites(entry), origin),
  };
  byDoc.set(docs.labDoc, timeline);
  return timeline;
}

/** Each room page's timeline, by its room document: features find it from `useRoom()`. */
const byDoc = new WeakMap<object, Timeline>();

/** The room's timeline; only valid under `RoomPage`. */
export function useTimeline(): Timeline {
  const timeline = byDoc.get(useRoom().docs.labDoc);
  if (!timeline) throw new Error('useTimeline() outside a RoomPage');
  return timeline;
}
