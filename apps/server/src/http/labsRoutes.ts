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
import { applyLabEdit, type JsonObject, machineCount, writeLab } from '@vnetlab/shared';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { hashToken, newRoomId, newToken } from '../auth/tokens';
import type { AccessGranted, RoomAccess } from '../classes/access';
import { type ClassRules, NO_RULES } from '../classes/classRules';
import { appendConsole, parseBy } from '../console/consoleHistory';
import { type CheckLab, checkLabText, MAX_LISTED_ERRORS } from '../engine/checkLab';
import type { ParseResult } from '../engine/evaluate';
import type { Exec } from '../engine/runConsole';
import { authorKey } from '../history/RoomHistory';
import type { Logger } from '../log';
import type { RoomDirectory } from '../store/types';
import { heavyTurn } from '../sync/heavyTurns';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { clientAddress } from './clientAddress';
import type { RateLimiter } from './rateLimit';
import { replaceLab } from './replaceLab';
import { bearerToken, checkRoomToken } from './roomAuth';

export interface LabsRoutesOptions {
  readonly directory: RoomDirectory;
  readonly rooms: RoomRegistry;
  readonly parseLab: (input: unknown) => ParseResult;
  /** A big lab body's check (checkLab.ts), off this thread: the worker pool's in production. */
  readonly checkLab?: CheckLab;
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
  /** What a class forbids besides (a watcher's console, a locked path, a prediction round open). */
  readonly rules?: ClassRules;
}

type BodyResult =
  | {
      ok: true;
      lab: JsonObject | undefined;
      heavy: boolean;
      /** A heavy body asked `build`: the lab as Yjs updates, built off this thread (labUpdates.ts). */
      updates?: readonly Uint8Array[];
    }
  | { ok: false; response: Response };

/**
 * A body past this many characters is read, checked and written one step per turn
 * (heavyTurns): a 1,000-VM lab is ~220 KB; the example lab, 1.5 KB, goes at once.
 */
const HEAVY_BODY_CHARS = 32 * 1024;

/** Waits for a heavy turn, or not at all for a light body. */
function turnFor(heavy: boolean): Promise<void> | undefined {
  return heavy ? heavyTurn() : undefined;
}

export function labsRoutes(options: LabsRoutesOptions): Hono<{ Variables: { granted: AccessGranted } }> {
  const { directory, rooms, log } = options;
  const rules = options.rules ?? NO_RULES;
  // Without a worker pool (tests, in-process engine) big bodies are checked here too.
  const checkLab: CheckLab =
    options.checkLab ?? (async (text, build) => checkLabText(text, options.parseLab, build));
  const app = new Hono<{ Variables: { granted: AccessGranted } }>();
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

  /** `build`: a heavy body comes back as the updates of a new room's document too (POST). */
  async function readBody(c: Context, required: boolean, build = false): Promise<BodyResult> {
    const text = await c.req.text();
    if (text.trim() === '') {
      if (!required) return { ok: true, lab: undefined, heavy: false };
      return { ok: false, response: badRequest(c, [{ path: '', message: 'a lab file is required' }]) };
    }
    // Checking and writing the largest allowed lab (1,000 VMs) each hold a thread tens of
    // milliseconds: a big body is checked in an engine worker, and its steps here wait
    // their turn (heavyTurns), so other rooms relay between them, even while several
    // such labs arrive at once.
    const heavy = text.length > HEAVY_BODY_CHARS;
    const checked = heavy ? await checkLab(text, build) : checkLabText(text, options.parseLab);
    if (!checked.ok) {
      return { ok: false, response: badRequest(c, checked.errors, checked.more, checked.failed ? 503 : 400) };
    }
    // Built where it was checked: the lab itself is not needed here, nor parsed again.
    if (checked.updates) return { ok: true, lab: undefined, heavy, updates: checked.updates };
    await turnFor(heavy);
    return { ok: true, lab: JSON.parse(text) as JsonObject, heavy };
  }

  app.post('/', async (c) => {
    const address = clientAddress(c);
    const decision = options.creationLimiter.take(address);
    if (!decision.ok) {
      log('room-creation-limited', { remote: address });
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json({ error: 'too many rooms created from this address; try again later', errors: [] }, 429);
    }
    const body = await readBody(c, false, true);
    if (!body.ok) return body.response;
    const room = newRoomId();
    const token = newToken();
    await directory.createRoom({ room, tokenHash: hashToken(token), createdAt: Date.now() });
    if (body.updates) {
      // The largest allowed lab: stored as the worker built it, in steps, and loaded one
      // step per heavy turn (writing it here was one task of ~100 ms while cold).
      await rooms.seed(room, body.updates);
      await rooms.open(room);
    } else {
      const doc = (await rooms.open(room)).lab.doc;
      await turnFor(body.heavy);
      writeLab(doc, body.lab ?? options.emptyLab, { kind: 'api' });
    }
    log('room-created', { room, remote: address });
    return c.json({ room, token, url: `/r/${room}?token=${encodeURIComponent(token)}` }, 201);
  });

  app.use('/:room/*', async (c, next) => authorize(c, next));
  app.use('/:room', async (c, next) => authorize(c, next));

  async function authorize(
    c: Context<{ Variables: { granted: AccessGranted } }>,
    next: () => Promise<void>,
  ): Promise<Response | undefined> {
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
      c.set('granted', decision);
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
    const opened = await rooms.open(c.req.param('room'));
    await turnFor(body.heavy);
    // Read and written in the same turn: only what differs from the lab now is written.
    replaceLab(opened.lab.doc, opened.readLab(), body.lab ?? options.emptyLab, { kind: 'api' });
    return c.json({ room: opened.id });
  });

  app.get('/:room/results', async (c) => {
    const hidden = await rules.answersHidden(c.req.param('room'), c.get('granted'));
    if (hidden) return c.json({ error: hidden, errors: [] }, 403);
    return c.json(await (await rooms.open(c.req.param('room'))).currentResults());
  });

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
    const granted = c.get('granted');
    // In a class the line is signed by who the token is, never by a name (RoomHistory.authorKey).
    const signed = granted.principal ? authorKey(granted.principal) : by.by;
    const lab = opened.readLab();
    const refused = await rules.consoleRefused(room, granted, lab, null);
    if (refused) return c.json({ error: refused, errors: [] }, 403);
    const answer = await options.exec(lab, body.machine, body.command);
    if (!answer.ok) return c.json({ error: answer.error, errors: [] }, answer.status);
    const changeRefused = answer.edit && (await rules.consoleRefused(room, granted, lab, answer.edit.path));
    if (changeRefused) return c.json({ error: changeRefused, errors: [] }, 403);
    const channel = (await rooms.open(room)).lab;
    // A command that changes the machine (ip link set … down) changes the room's lab, for everyone.
    if (answer.edit)
      applyLabEdit(channel.doc, answer.edit, { kind: 'command', by: signed, machine: body.machine });
    // The whole room reads the console: what was typed and printed goes into the room document.
    appendConsole(channel, { by: signed, machine: body.machine, command: body.command, ...answer });
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

/** A 400 (or a 503 when the check itself failed) listing at most MAX_LISTED_ERRORS errors. */
function badRequest(
  c: Context,
  errors: readonly { path: string; message: string }[],
  more = 0,
  status: 400 | 503 = 400,
): Response {
  const first = errors[0];
  const error = first
    ? first.path === ''
      ? first.message
      : `${first.path}: ${first.message}`
    : 'invalid lab';
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map(({ path, message }) => ({ path, message }));
  const unlisted = more + Math.max(0, errors.length - MAX_LISTED_ERRORS);
  if (unlisted > 0) listed.push({ path: '', message: `and ${unlisted} more` });
  return c.json({ error, errors: listed }, status);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
