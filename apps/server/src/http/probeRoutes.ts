/**
 * Probes with their path, for the page's packet animation and for the matrix of the
 * machines a teacher picks in a room too large for the full matrix:
 * - `POST /api/labs/:room/probe` `{from, to, kind, port?}` -> the engine's ProbeResult
 *   `{reachable, via, hops, reason, why}`
 * - `POST /api/labs/:room/probes` `{probes: [{from, to, kind, port?}, …]}` (at most
 *   MAX_PROBES) -> `{results: [{from, to, kind, port?, reachable, via, reason, why}]}`,
 *   without hops: a grid needs verdicts only.
 * Bearer-authenticated like the labs API; one request takes one token of the room's
 * console bucket (a grid is one request), so the page cannot flood the engine.
 */
import { formatPath, machineCount, type ProbeSpec, probeSpecSchema, readLab } from '@vnetlab/shared';
import { type Context, Hono } from 'hono';
import type { RoomAccess } from '../classes/access';
import { type ClassRules, NO_RULES } from '../classes/classRules';
import type { ProbesAnswer, RunProbes } from '../engine/runProbes';
import type { Logger } from '../log';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { clientAddress } from './clientAddress';
import { consoleCost } from './labsRoutes';
import type { RateLimiter } from './rateLimit';
import { bearerToken } from './roomAuth';

export const MAX_PROBES = 144;

export interface ProbeRoutesOptions {
  /** Who may probe a room: anyone who may read it (a class's students included). */
  readonly access: RoomAccess;
  readonly rooms: RoomRegistry;
  readonly limiter: RateLimiter;
  /** The engine's probes: in the worker pool in production, like the console. */
  readonly probes: RunProbes;
  readonly log: Logger;
  /** A class hides the engine's answers from students while a prediction round is open. */
  readonly rules?: ClassRules;
}

type Checked<T> = { ok: true; value: T } | { ok: false; response: Response };

export function probeRoutes(options: ProbeRoutesOptions): Hono {
  const app = new Hono();

  app.use('/:room/*', async (c, next) => {
    const room = c.req.param('room') ?? '';
    const decision = await options.access(room, bearerToken(c.req.header('Authorization')));
    if (!decision.ok) {
      options.log('api-rejected', { room, status: decision.status, remote: clientAddress(c) });
      if (decision.status === 401) c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: decision.error, errors: [] }, decision.status);
    }
    const hidden = await (options.rules ?? NO_RULES).answersHidden(room, decision);
    if (hidden) return c.json({ error: hidden, errors: [] }, 403);
    // A request compiles the whole lab, as a console line does: it costs what one does.
    const cost = consoleCost(machineCount((await options.rooms.open(room)).lab.doc));
    const limited = options.limiter.take(room, Date.now(), cost);
    if (!limited.ok) {
      c.header('Retry-After', String(limited.retryAfterSeconds));
      return c.json({ error: 'too many probes in this room; wait a moment', errors: [] }, 429);
    }
    await next();
    return undefined;
  });

  app.post('/:room/probe', async (c) => {
    const spec = checkSpec(c, await c.req.json().catch(() => undefined), '');
    if (!spec.ok) return spec.response;
    const answer = await runOn(c, [spec.value], true);
    return answer.ok ? c.json(answer.results[0]) : answer.response;
  });

  app.post('/:room/probes', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { probes?: unknown } | undefined;
    const list = body?.probes;
    if (!Array.isArray(list))
      return fail(c, 'probes', 'send {"probes": [{"from", "to", "kind", "port"?}, …]}');
    if (list.length > MAX_PROBES) return fail(c, 'probes', `at most ${MAX_PROBES} probes at once`);
    const specs: ProbeSpec[] = [];
    for (const [index, item] of list.entries()) {
      const spec = checkSpec(c, item, `probes[${index}]`);
      if (!spec.ok) return spec.response;
      specs.push(spec.value);
    }
    const answer = await runOn(c, specs, false);
    if (!answer.ok) return answer.response;
    return c.json({ results: specs.map((spec, index) => ({ ...spec, ...answer.results[index] })) });
  });

  /** The room's lab as it is now, probed in a worker; an invalid lab or a failed job answers 409 or 503. */
  async function runOn(
    c: Context,
    specs: readonly ProbeSpec[],
    hops: boolean,
  ): Promise<
    { ok: true; results: Extract<ProbesAnswer, { ok: true }>['results'] } | { ok: false; response: Response }
  > {
    const lab = readLab((await options.rooms.open(c.req.param('room') ?? '')).lab.doc);
    const answer = await options.probes(lab, specs, hops);
    if (answer.ok) return answer;
    return { ok: false, response: c.json({ error: answer.error, errors: answer.errors }, answer.status) };
  }

  return app;
}

function checkSpec(c: Context, raw: unknown, at: string): Checked<ProbeSpec> {
  const parsed = probeSpecSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const inner = issue ? formatPath(issue.path) : '';
  const path = at && inner ? `${at}${inner.startsWith('[') ? '' : '.'}${inner}` : at || inner;
  const message = raw === undefined ? 'send {"from", "to", "kind", "port"?}' : (issue?.message ?? 'invalid');
  return { ok: false, response: fail(c, path, message) };
}

function fail(c: Context, path: string, message: string): Response {
  return c.json({ error: path ? `${path}: ${message}` : message, errors: [{ path, message }] }, 400);
}
