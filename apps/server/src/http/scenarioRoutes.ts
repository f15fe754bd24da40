/**
 * The scenario library: the lab files under `scenarios/` that the CLI and the tests
 * use too, listed for the start page so a teacher opens a ready lab in one click.
 * - `GET /api/scenarios` -> `[{id, title, hypervisor, vms, goals}]`
 * - `GET /api/scenarios/:id` -> the lab file
 * Read once, at start: the folder is part of the release, not user data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JsonObject, parseLab } from '@vnetlab/shared';
import { Hono } from 'hono';
import type { Logger } from '../log';

export interface ScenarioSummary {
  readonly id: string;
  readonly title: string;
  readonly hypervisor: string;
  readonly vms: number;
  readonly goals: number;
}

export function loadScenarios(folder: string, log: Logger): Map<string, JsonObject> {
  const scenarios = new Map<string, JsonObject>();
  let files: string[];
  try {
    files = readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .sort();
  } catch {
    return scenarios;
  }
  for (const file of files) {
    const lab = JSON.parse(readFileSync(join(folder, file), 'utf8')) as JsonObject;
    if (parseLab(lab).ok) scenarios.set(file.slice(0, -'.json'.length), lab);
    else log('scenario-refused', { file });
  }
  return scenarios;
}

export function scenarioRoutes(scenarios: ReadonlyMap<string, JsonObject>): Hono {
  const summaries: ScenarioSummary[] = [];
  for (const [id, lab] of scenarios) {
    const parsed = parseLab(lab);
    if (!parsed.ok) continue;
    summaries.push({
      id,
      title: parsed.lab.title || id,
      hypervisor: parsed.lab.hypervisor,
      vms: parsed.lab.vms.length,
      goals: parsed.lab.goals.length,
    });
  }
  const app = new Hono();
  app.get('/', (c) => c.json(summaries));
  app.get('/:id', (c) => {
    const lab = scenarios.get(c.req.param('id'));
    return lab ? c.json(lab) : c.json({ error: 'no such scenario' }, 404);
  });
  return app;
}
