import type { Accessor } from 'solid-js';
import { createTopology } from './createTopology';
import type { TopologyData } from './topologyData';

export function Topology(props: { data: TopologyData }) {
  const data: Accessor<TopologyData> = () => props.data;
  return <div class="topology-frame" ref={(el) => createTopology(el, data)} />;
}
