/**
 * The reachability matrix: every source endpoint against every target, for ping
 * and for each TCP port the target listens on. One probe per cell, so the matrix
 * grows with the number of pairs and nothing else.
 */

import type { Why } from '@vnetlab/shared';
import type { NetNode, Network } from '../compile/network';
import { probeVerdict } from '../probe/probe';

export interface MatrixCell {
  readonly from: string;
  readonly to: string;
  readonly kind: 'ping' | 'tcp';
  readonly port: number | null;
  readonly reachable: boolean;
  readonly via: string | null;
  /** The verdict as data; `english(why)` (or another language) says it. */
  readonly why: Why;
}

export interface Matrix {
  /** Ids of the machines probes start from: "host", VM ids, LAN devices. */
  readonly sources: readonly string[];
  /** The sources, then "internet". */
  readonly targets: readonly string[];
  readonly cells: readonly MatrixCell[];
  /** Set when the lab had more machines than a room's matrix shows: cells are then empty. */
  readonly omitted?: { readonly machines: number; readonly limit: number };
}

export function endpointsOf(network: Network): NetNode[] {
  const order = { host: 0, vm: 1, device: 2 } as Record<string, number>;
  return [...network.nodes.values()]
    .filter((node) => node.kind in order)
    .sort((a, b) => order[a.kind]! - order[b.kind]!);
}

/**
 * `limit`: the most machines whose matrix is computed. A room sends the matrix to
 * every client on every edit, and it grows with the square of the machines; past the
 * limit a room shows goals and probes, not the full matrix.
 */
export function computeMatrix(network: Network, limit = Number.POSITIVE_INFINITY): Matrix {
  const sources = endpointsOf(network);
  const targets = [...sources, network.internet];
  if (sources.length > limit) {
    return {
      sources: sources.map((node) => node.id),
      targets: targets.map((node) => node.id),
      cells: [],
      omitted: { machines: sources.length, limit },
    };
  }
  const cells: MatrixCell[] = [];
  // Per target: ping, then each TCP port it listens on.
  const probesOf = new Map(
    targets.map((to) => [
      to,
      [null, ...to.listen.filter((service) => service.proto === 'tcp').map((service) => service.port)],
    ]),
  );
  for (const from of sources) {
    for (const to of targets) {
      if (from === to) continue;
      for (const port of probesOf.get(to)!) {
        const spec =
          port === null
            ? ({ from: from.id, to: to.id, kind: 'ping' } as const)
            : ({ from: from.id, to: to.id, kind: 'tcp', port } as const);
        const result = probeVerdict(network, spec, false);
        cells.push({
          from: from.id,
          to: to.id,
          kind: spec.kind,
          port,
          reachable: result.reachable,
          via: result.via,
          why: result.why,
        });
      }
    }
  }
  return { sources: sources.map((node) => node.id), targets: targets.map((node) => node.id), cells };
}
