/**
 * `POST /api/scenarios/check` `{lab}` -> `{ok, errors, goals}`: what `pnpm vnetlab check`
 * says of a lab file, for saving a room's lab as a scenario from the browser (CLASS-15):
 * field errors, `locked` paths that match nothing, and each goal met or not with its
 * reason. `ok` when there is no error and every goal is met.
 */
import { parseLab, unmatchedLockPaths } from '@vnetlab/shared';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Evaluate } from '../engine/evaluate';

export function scenarioCheckRoute(evaluate: Evaluate, maxLabBytes: number): Hono {
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({ maxSize: maxLabBytes, onError: (c) => c.json({ error: 'too large', errors: [] }, 413) }),
    async (c) => {
      const body = (await c.req.json().catch(() => null)) as { lab?: unknown } | null;
      if (!body || typeof body !== 'object' || body.lab === undefined)
        return c.json(
          { error: 'send {"lab": LAB}', errors: [{ path: '', message: 'send {"lab": LAB}' }] },
          400,
        );
      const parsed = parseLab(body.lab);
      const errors = parsed.ok ? unmatchedLockPaths(body.lab) : [...parsed.errors];
      if (errors.length > 0) return c.json({ ok: false, errors, goals: {} });
      const sections = await evaluate(body.lab as never);
      const goals: Record<string, { met: boolean; reason: string }> = {};
      for (const [id, value] of Object.entries(sections.goals)) {
        const goal = value as { met?: boolean; reason?: string };
        goals[id] = { met: goal.met === true, reason: goal.reason ?? '' };
      }
      return c.json({ ok: Object.values(goals).every((goal) => goal.met), errors: [], goals });
    },
  );
  return app;
}
