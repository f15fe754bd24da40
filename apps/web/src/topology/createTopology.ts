import { type Accessor, createEffect, onCleanup } from 'solid-js';
import { makeTopology } from './makeTopology';
import type { TopologyData } from './topologyData';

/** Ties a `makeTopology` drawing to a signal; cleaned up with its owner. */
export function createTopology(container: HTMLElement, data: Accessor<TopologyData>): void {
  const topology = makeTopology(container);
  createEffect(() => topology.update(data()));
  onCleanup(() => topology.destroy());
}
