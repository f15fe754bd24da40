/**
 * Writes one computation into the results document: root map `results`, one key per
 * section holding a JSON value, rewritten only when it changed (each rewrite grows the
 * document), and `revision` counting computations, always bumped.
 */
import { RESULTS_ROOT } from '@vnetlab/shared';
import type { DocChannel } from '../sync/DocChannel';
import type { ResultsSections } from './evaluate';

export interface Results extends ResultsSections {
  readonly revision: number;
}

const SECTIONS = ['goals', 'matrix', 'diagnostics', 'machines'] as const;

export function readRevision(channel: DocChannel): number {
  const revision = channel.doc.getMap<unknown>(RESULTS_ROOT).get('revision');
  return typeof revision === 'number' ? revision : 0;
}

export function writeResults(channel: DocChannel, sections: ResultsSections): number {
  const map = channel.doc.getMap<unknown>(RESULTS_ROOT);
  const revision = readRevision(channel) + 1;
  channel.transact(
    () => {
      for (const key of SECTIONS) {
        if (JSON.stringify(map.get(key)) !== JSON.stringify(sections[key])) map.set(key, sections[key]);
      }
      map.set('revision', revision);
    },
    { kind: 'engine' },
  );
  return revision;
}

export function readResults(channel: DocChannel): Results {
  const map = channel.doc.getMap<unknown>(RESULTS_ROOT);
  return {
    goals: (map.get('goals') ?? {}) as Results['goals'],
    matrix: (map.get('matrix') ?? null) as Results['matrix'],
    diagnostics: (map.get('diagnostics') ?? []) as Results['diagnostics'],
    machines: (map.get('machines') ?? []) as Results['machines'],
    revision: readRevision(channel),
  };
}
