/**
 * The labs API (DESIGN.md, "Public contracts", HTTP):
 * - `POST /api/labs` [lab JSON] -> 201 `{room, token, url}`; rate-limited per client address
 * - `GET /api/labs/:room` -> the lab as JSON, read from the room's document
 * - `PUT /api/labs/:room` lab JSON -> 200 `{room}`; replaces the lab in one transaction
 * - `GET /api/labs/:room/results` -> `{goals, matrix, diagnostics, machines, revision}` once computed
 * - `POST /api/labs/:room/exec` `{machine, command, by?}` -> `{output, exitCode, probe}`: the guest's console,
 *   appended to the room's shared console (CONSOLE-1…)
 * Bad bodies answer 400 `{error, errors: [{path, message}]}`.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { applyLabEdit, checkLabLimits, type JsonObject, labMap, writeLab } from '@vnetlab/shared';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as Y from 'yjs';
import { hashToken, newRoomId, newToken } from '../auth/tokens';
import type { RoomAccess } from '../classes/access';
import { appendConsole, parseBy } from '../console/consoleHistory';
import type { ParseResult } from '../engine/evaluate';
import type { Exec } from '../engine/runConsole';
import type { Logger } from '../log';
import type { RoomDirectory } from '../store/types';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { clientAddress } from './clientAddress';
import type { RateLimiter } from './rateLimit';
import { bearerToken, checkRoomToken } from './roomAuth';

export interface LabsRoutesOptions {
  readonly directory: RoomDirectory;
  readonly rooms: RoomRegistry;
  readonly parseLab: (input: unknown) => ParseResult;
  readonly creationLimiter: RateLimiter;
  readonly log: Logger;
  /** The lab of a room created without a body. */
  readonly emptyLab: JsonObject;
  /** The largest lab body accepted: it must fit in the room's document with room for edits. */
  readonly maxLabBytes: number;
  /** A shell line on one machine of the lab (`POST /:room/exec`), in an engine worker. */
  readonly exec: Exec;
  /** Console commands per room, each costing by the size of the lab (consoleCost). */
  readonly consoleLimiter: RateLimiter;
  /** Who may open a room, and how (AUTH-2, CLASS-3); default: its own token only. */
  readonly access?: RoomAccess;
}

type BodyResult = { ok: true; lab: JsonObject | undefined } | { ok: false; response: Response };

export function labsRoutes(options: LabsRoutesOptions): Hono {
  const { directory, rooms, log } = options;
  const app = new Hono();
  // Refuse an oversized body while it streams in, before it is read into memory.
  app.on(
    ['POST', 'PUT'],
    '*',
    bodyLimit({
      maxSize: options.maxLabBytes,
      onError: (c) =>
        c.json({ error: `a lab file may be at most ${options.maxLabBytes} bytes`, errors: [] }, 413),
    }),
  );

  async function readBody(c: Context, required: boolean): Promise<BodyResult> {
    const text = await c.req.text();
    if (text.trim() === '') {
      if (!required) return { ok: true, lab: undefined };
      return { ok: false, response: badRequest(c, [{ path: '', message: 'a lab file is required' }]) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        response: badRequest(c, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]),
      };
    }
    // The bounds first: they stop at the depth limit, where the schema's errors would not.
    const crossed = checkLabLimits(json);
    if (crossed.length > 0) return { ok: false, response: badRequest(c, crossed) };
    // Reading, checking and writing the largest allowed lab (1,000 VMs) each hold the
    // event loop tens of milliseconds: other rooms relay between them, not after all three.
    await nextTurn();
    const parsed = options.parseLab(json);
    if (!parsed.ok) return { ok: false, response: badRequest(c, parsed.errors) };
    await nextTurn();
    return { ok: true, lab: json as JsonObject };
  }

  app.post('/', async (c) => {
    const address = clientAddress(c);
    const decision = options.creationLimiter.take(address);
    if (!decision.ok) {
      log('room-creation-limited', { remote: address });
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json({ error: 'too many rooms created from this address; try again later', errors: [] }, 429);
    }
    const body = await readBody(c, false);
    if (!body.ok) return body.response;
    const room = newRoomId();
    const token = newToken();
    await directory.createRoom({ room, tokenHash: hashToken(token), createdAt: Date.now() });
    writeLab((await rooms.open(room)).lab.doc, body.lab ?? options.emptyLab, { kind: 'api' });
    log('room-created', { room, remote: address });
    return c.json({ room, token, url: `/r/${room}?token=${encodeURIComponent(token)}` }, 201);
  });

  app.use('/:room/*', async (c, next) => authorize(c, next));
  app.use('/:room', async (c, next) => authorize(c, next));

  async function authorize(c: Context, next: () => Promise<void>): Promise<Response | undefined> {
    const room = c.req.param('room') ?? '';
    const token = bearerToken(c.req.header('Authorization'));
    const decision = options.access
      ? await options.access(room, token)
      : { ...(await checkRoomToken(directory, room, token)), access: 'full' as const };
    // Replacing the whole lab would step around locks (CLASS-6): only full access may.
    if (decision.ok && c.req.method === 'PUT' && decision.access !== 'full') {
      return c.json({ error: 'only the instructor may replace this lab', errors: [] }, 403);
    }
    if (decision.ok) {
      await next();
      return undefined;
    }
    log('api-rejected', { room, status: decision.status, reason: decision.error, remote: clientAddress(c) });
    if (decision.status === 401) c.header('WWW-Authenticate', 'Bearer');
    return c.json({ error: decision.error, errors: [] }, decision.status);
  }

  app.get('/:room', async (c) => c.json((await rooms.open(c.req.param('room'))).readLab()));

  app.put('/:room', async (c) => {
    const body = await readBody(c, true);
    if (!body.ok) return body.response;
    const room = c.req.param('room');
    writeLab((await rooms.open(room)).lab.doc, body.lab ?? options.emptyLab, { kind: 'api' });
    return c.json({ room });
  });

  app.get('/:room/results', async (c) =>
    c.json(await (await rooms.open(c.req.param('room'))).currentResults()),
  );

  app.post('/:room/exec', async (c) => {
    const room = c.req.param('room');
    const opened = await rooms.open(room);
    const doc = opened.lab.doc;
    // The cost from the document itself: a refused line must not pay for reading the lab.
    const decision = options.consoleLimiter.take(room, Date.now(), consoleCost(machineCount(doc)));
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json({ error: 'too many commands in this room; wait a moment', errors: [] }, 429);
    }
    const body = asObject(await c.req.json().catch(() => null));
    if (typeof body.machine !== 'string' || typeof body.command !== 'string') {
      return c.json({ error: 'send {"machine": "…", "command": "…"}', errors: [] }, 400);
    }
    const by = parseBy(body.by);
    if (!by.ok) return c.json({ error: by.error, errors: [{ path: 'by', message: by.error.slice(4) }] }, 400);
    const answer = await options.exec(opened.readLab(), body.machine, body.command);
    if (!answer.ok) return c.json({ error: answer.error, errors: [] }, answer.status);
    const channel = (await rooms.open(room)).lab;
    // A command that changes the machine (ip link set … down) changes the room's lab, for everyone.
    if (answer.edit)
      applyLabEdit(channel.doc, answer.edit, { kind: 'command', by: by.by, machine: body.machine });
    // The whole room reads the console: what was typed and printed goes into the room document.
    appendConsole(channel, { by: by.by, machine: body.machine, command: body.command, ...answer });
    return c.json({
      output: answer.output,
      exitCode: answer.exitCode,
      probe: answer.probe,
      edit: answer.edit,
    });
  });

  return app;
}

/**
 * What a console line costs the room's budget: it compiles the whole lab, so one line on
 * a lab of a thousand machines costs what 26 on a small one do (30 at once, 5 a second).
 */
export function consoleCost(machines: number): number {
  return 1 + Math.floor(machines / 40);
}

/** How many VMs the room's lab has, read off the document without reading the lab. */
export function machineCount(doc: Y.Doc): number {
  const vms = labMap(doc).get('vms');
  if (vms instanceof Y.Map) return vms.size;
  return typeof vms === 'object' && vms !== null ? Object.keys(vms).length : 0;
}

/** Errors listed in a 400 at most: a lab with 100,000 bad keys must not get a 10 MB answer. */
const MAX_LISTED_ERRORS = 100;

function badRequest(c: Context, errors: readonly { path: string; message: string }[]): Response {
  const first = errors[0];
  const error = first
    ? first.path === ''
      ? first.message
      : `${first.path}: ${first.message}`
    : 'invalid lab';
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map(({ path, message }) => ({ path, message }));
  if (errors.length > MAX_LISTED_ERRORS) {
    listed.push({ path: '', message: `and ${errors.length - MAX_LISTED_ERRORS} more` });
  }
  return c.json({ error, errors: listed }, 400);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
