/**
 * Writes one computation into the results document: root map `results`, one key per
 * section holding a JSON value, rewritten only when it changed (each rewrite grows the
 * document, and is sent to every client), and `revision` counting computations, always
 * bumped. What was written last is kept as JSON text per document, so telling whether
 * a section changed costs one string comparison, not encoding the old value again. A
 * section is stored as its JSON text reads back: plain JSON, whatever `undefined`
 * members the engine's values held (evaluate.ts).
 */
import { RESULTS_ROOT } from '@vnetlab/shared';
import type * as Y from 'yjs';
import type { DocChannel } from '../sync/DocChannel';
import type { ResultsSections } from './evaluate';
import type { SectionsJson } from './resultsBudget';

export interface Results extends ResultsSections {
  readonly revision: number;
}

const SECTIONS = ['goals', 'matrix', 'diagnostics', 'machines'] as const;

export function readRevision(channel: DocChannel): number {
  const revision = channel.doc.getMap<unknown>(RESULTS_ROOT).get('revision');
  return typeof revision === 'number' ? revision : 0;
}

/** Each results document's sections as last written (only the engine writes them). */
const lastWritten = new WeakMap<Y.Doc, Record<string, string>>();

/** `json`: the sections' JSON when the caller has it (budgetAndEncode), else encoded here. */
export function writeResults(channel: DocChannel, sections: ResultsSections, json?: SectionsJson): number {
  const map = channel.doc.getMap<unknown>(RESULTS_ROOT);
  const revision = readRevision(channel) + 1;
  let written = lastWritten.get(channel.doc);
  if (!written) {
    // A room just loaded: what is stored is what was written.
    written = Object.fromEntries(SECTIONS.map((key) => [key, JSON.stringify(map.get(key))]));
    lastWritten.set(channel.doc, written);
  }
  const current = written;
  channel.transact(
    () => {
      for (const key of SECTIONS) {
        const text = json?.[key] ?? JSON.stringify(sections[key]) ?? 'null';
        if (current[key] === text) continue;
        map.set(key, JSON.parse(text));
        current[key] = text;
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
