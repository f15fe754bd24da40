/** The room's `layout` map as a Solid signal, and the drag's end written back. */
import { layoutMap, type NodePosition, readLayout, writePositions } from '@vnetlab/shared';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';

export function createRoomLayout(
  doc: Y.Doc,
  origin: unknown,
): {
  stored: Accessor<ReadonlyMap<string, NodePosition>>;
  save: (moved: ReadonlyMap<string, NodePosition>) => void;
} {
  const [stored, setStored] = createSignal(readLayout(doc));
  const map = layoutMap(doc);
  const onChange = () => setStored(readLayout(doc));
  map.observe(onChange);
  onCleanup(() => map.unobserve(onChange));
  return { stored, save: (moved) => writePositions(doc, moved, origin) };
}
