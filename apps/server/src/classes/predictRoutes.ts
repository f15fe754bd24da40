/**
 * Predict, then observe (CLASS-14): the instructor turns a lab's reachability matrix into
 * a round; each student marks the cells they expect to succeed; the reveal shows the
 * engine's answers, each with its reason, and the cells the class got wrong most.
 * - `POST /:class/predict` (instructor) `{scenario}` | `{lab}` | `{}` (the class's scenario)
 * - `GET /:class/predict` (any member) -> the round, answers hidden until the reveal; `{round: null}` before any
 * - `PUT /:class/predict/answers` (a student) `{answers: {KEY: boolean}}`
 * - `POST /:class/predict/reveal` (instructor)
 */
import type { JsonObject } from '@vnetlab/shared';
import { type Context, Hono } from 'hono';
import type { Evaluate } from '../engine/evaluate';
import { badRequest, isField, jsonBody, labOf } from './body';
import { type Caller, callerOf } from './classAuth';
import type { ClassStore } from './classStore';
import type { PredictionCell, PredictionRound } from './predictionStore';

export interface PredictRoutesOptions {
  readonly classes: ClassStore;
  readonly scenarios: ReadonlyMap<string, JsonObject>;
  readonly evaluate: Evaluate;
  /** A round opened or was revealed (the rooms withhold or send the results, roundHold.ts). */
  readonly onRoundChanged?: (classId: string) => Promise<void>;
}

export function predictRoutes(options: PredictRoutesOptions): Hono {
  const { classes, evaluate } = options;
  const store = classes.predictions;
  const app = new Hono();

  app.post('/:class/predict', async (c) => {
    const found = await callerOf(c, classes, 'instructor');
    if (!found.ok) return found.response;
    const { klass } = found.caller;
    const body = await jsonBody(c);
    if (isField(body)) return badRequest(c, [body]);
    let lab = klass.scenario;
    let label = 'class scenario';
    if (body.scenario !== undefined || body.lab !== undefined) {
      const chosen = labOf(body, options.scenarios);
      if (!chosen.ok)
        return c.json({ error: chosen.errors[0]?.message, errors: chosen.errors }, chosen.status);
      lab = chosen.lab;
      label = chosen.label;
    }
    if (!lab)
      return badRequest(c, [{ path: 'scenario', message: 'broadcast a scenario first, or name one' }]);
    const sections = await evaluate(lab);
    const matrix = sections.matrix as { cells?: Omit<PredictionCell, 'key'>[]; omitted?: unknown } | null;
    const cells = (matrix?.cells ?? []).map((cell) => ({
      key: `${cell.from}>${cell.to}:${cell.kind === 'ping' ? 'ping' : `tcp/${cell.port}`}`,
      from: cell.from,
      to: cell.to,
      kind: cell.kind,
      port: cell.port,
      reachable: cell.reachable,
      why: cell.why,
    }));
    if (cells.length === 0) return c.json({ error: 'this lab has no matrix to predict', errors: [] }, 409);
    const round = await store.open({ classId: klass.id, label, openedAt: Date.now(), cells });
    await options.onRoundChanged?.(klass.id);
    return c.json(await view(round, found.caller), 201);
  });

  app.get('/:class/predict', async (c) => {
    const found = await callerOf(c, classes, 'member');
    if (!found.ok) return found.response;
    const round = await store.current(found.caller.klass.id);
    // No round yet is an answer, not an error: the pages ask every few seconds.
    if (!round) return c.json({ round: null });
    return c.json(await view(round, found.caller));
  });

  app.put('/:class/predict/answers', async (c) => {
    const found = await callerOf(c, classes, 'member');
    if (!found.ok) return found.response;
    const { caller } = found;
    if (caller.role !== 'student') return c.json({ error: 'only a student predicts', errors: [] }, 403);
    const round = await store.current(caller.klass.id);
    if (!round) return c.json({ error: 'no prediction round yet', errors: [] }, 404);
    if (round.revealedAt !== null)
      return c.json({ error: 'this round is revealed already', errors: [] }, 409);
    const body = await jsonBody(c);
    if (isField(body)) return badRequest(c, [body]);
    const answers = body.answers;
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers))
      return badRequest(c, [{ path: 'answers', message: 'an object of cell key -> true or false' }]);
    const keys = new Set(round.cells.map((cell) => cell.key));
    for (const [key, value] of Object.entries(answers)) {
      if (!keys.has(key))
        return badRequest(c, [{ path: `answers.${key}`, message: 'not a cell of this round' }]);
      if (typeof value !== 'boolean')
        return badRequest(c, [{ path: `answers.${key}`, message: 'true or false' }]);
    }
    await store.answer(
      caller.klass.id,
      round.round,
      caller.member.id,
      answers as Record<string, boolean>,
      Date.now(),
    );
    return c.json(await view(round, caller));
  });

  app.post('/:class/predict/reveal', async (c) => {
    const found = await callerOf(c as Context, classes, 'instructor');
    if (!found.ok) return found.response;
    const round = await store.current(found.caller.klass.id);
    if (!round) return c.json({ error: 'no prediction round yet', errors: [] }, 404);
    const revealedAt = round.revealedAt ?? Date.now();
    if (round.revealedAt === null) {
      await store.reveal(round.classId, round.round, revealedAt);
      await options.onRoundChanged?.(round.classId);
    }
    return c.json(await view({ ...round, revealedAt }, found.caller));
  });

  /** What the caller sees: the engine's answers and the tallies only after the reveal. */
  async function view(round: PredictionRound, caller: Caller) {
    const answers = await store.answers(round.classId, round.round);
    const revealed = round.revealedAt !== null;
    const cells = round.cells.map((cell) => {
      const open = { key: cell.key, from: cell.from, to: cell.to, kind: cell.kind, port: cell.port };
      if (!revealed) return open;
      let answered = 0;
      let wrong = 0;
      for (const given of answers.values()) {
        const guess = given[cell.key];
        if (guess === undefined) continue;
        answered++;
        if (guess !== cell.reachable) wrong++;
      }
      return { ...open, reachable: cell.reachable, why: cell.why, answered, wrong };
    });
    const mine = caller.role === 'student' ? (answers.get(caller.member.id) ?? {}) : undefined;
    return {
      round: round.round,
      label: round.label,
      openedAt: round.openedAt,
      revealedAt: round.revealedAt,
      cells,
      students: answers.size,
      ...(mine ? { mine } : {}),
      ...(revealed
        ? {
            misconceptions: cells
              .filter((cell) => 'wrong' in cell && cell.wrong > 0)
              .sort((a, b) => ('wrong' in b ? b.wrong : 0) - ('wrong' in a ? a.wrong : 0))
              .map((cell) => cell.key),
            ...(mine
              ? {
                  score: {
                    right: round.cells.filter((cell) => mine[cell.key] === cell.reachable).length,
                    of: round.cells.length,
                  },
                }
              : {}),
          }
        : {}),
    };
  }

  return app;
}
