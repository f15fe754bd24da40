/**
 * The results document is sent to every client of a room on every computation, so each
 * section has a budget: diagnostics at most `maxDiagnostics` (then one entry "and N
 * more"), each text at most `maxTextLength`; at most `maxMachines` machines and
 * `maxGoals` goals; and no section, as JSON, past `maxSectionBytes` (it is then dropped
 * and a `results-omitted` diagnostic says so). The matrix is bounded by machine count
 * already (ROOM_MATRIX_LIMIT).
 */
import type { JsonObject, JsonValue } from '@vnetlab/shared';
import type { ResultsSections } from './evaluate';

export const RESULTS_BUDGET = {
  maxDiagnostics: 100,
  maxTextLength: 500,
  maxMachines: 200,
  maxGoals: 200,
  maxSectionBytes: 512 * 1024,
} as const;

/** The sections as JSON text, each: what the budget measured, for the writer to compare. */
export type SectionsJson = { readonly [K in keyof ResultsSections]: string };

export function budgetSections(sections: ResultsSections, budget = RESULTS_BUDGET): ResultsSections {
  return budgetAndEncode(sections, budget).sections;
}

/** The budget, and each budgeted section's JSON (encoded once: the budget needs its size anyway). */
export function budgetAndEncode(
  sections: ResultsSections,
  budget = RESULTS_BUDGET,
): { readonly sections: ResultsSections; readonly json: SectionsJson } {
  const notes: JsonValue[] = [];
  let diagnostics = sections.diagnostics.map((entry) => shortenText(entry, budget.maxTextLength));
  if (diagnostics.length > budget.maxDiagnostics) {
    const more = diagnostics.length - budget.maxDiagnostics;
    diagnostics = diagnostics.slice(0, budget.maxDiagnostics);
    notes.push({
      code: 'diagnostics-omitted',
      severity: 'info',
      params: { count: more },
      text: `and ${more} more`,
    });
  }
  let machines = sections.machines;
  if (machines.length > budget.maxMachines) {
    const more = machines.length - budget.maxMachines;
    machines = machines.slice(0, budget.maxMachines);
    notes.push({
      code: 'results-omitted',
      severity: 'info',
      params: { section: 'machines', count: more },
      text: `and ${more} more machines`,
    });
  }
  let goals = sections.goals;
  const goalIds = Object.keys(goals);
  if (goalIds.length > budget.maxGoals) {
    goals = Object.fromEntries(
      goalIds.slice(0, budget.maxGoals).map((id) => [id, sections.goals[id] ?? null]),
    );
    notes.push({
      code: 'results-omitted',
      severity: 'info',
      params: { section: 'goals', count: goalIds.length - budget.maxGoals },
      text: `and ${goalIds.length - budget.maxGoals} more goals`,
    });
  }
  const json: Record<string, string> = {};
  const fits = (value: JsonValue, section: keyof ResultsSections): boolean => {
    const text = JSON.stringify(value);
    const bytes = text.length;
    json[section] = text;
    if (bytes <= budget.maxSectionBytes) return true;
    notes.push({
      code: 'results-omitted',
      severity: 'warning',
      params: { section, bytes },
      text: `the ${section} (${bytes} bytes) are too large to show`,
    });
    return false;
  };
  const out: ResultsSections = {
    goals: fits(goals, 'goals') ? goals : ({} as JsonObject),
    matrix: fits(sections.matrix, 'matrix') ? sections.matrix : null,
    machines: fits(machines, 'machines') ? machines : [],
    diagnostics: fits(diagnostics, 'diagnostics') ? diagnostics : [],
  };
  const final = { ...out, diagnostics: [...out.diagnostics, ...notes] };
  // A section dropped, or notes added, is not what was measured: encode what is kept.
  const encoded: SectionsJson = {
    goals: out.goals === goals ? (json.goals ?? '') : JSON.stringify(final.goals),
    matrix: out.matrix === sections.matrix ? (json.matrix ?? '') : JSON.stringify(final.matrix),
    machines: out.machines === machines ? (json.machines ?? '') : JSON.stringify(final.machines),
    diagnostics:
      notes.length === 0 && out.diagnostics === diagnostics
        ? (json.diagnostics ?? '')
        : JSON.stringify(final.diagnostics),
  };
  return { sections: final, json: encoded };
}

function shortenText(entry: JsonValue, max: number): JsonValue {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
  const text = entry.text;
  if (typeof text !== 'string' || text.length <= max) return entry;
  return { ...entry, text: `${text.slice(0, max - 1)}…` };
}
