/**
 * The instructor's routes under `/api/classes/:class` (bearer: the instructor token):
 * the class, progress (JSON and CSV), broadcast, reset, stage, spotlight, pause,
 * timer, moving students, hands, and the generations of a room.
 */
import { type JsonObject, readLab } from '@vnetlab/shared';
import { type Context, Hono } from 'hono';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocStore } from '../store/types';
import type { RoomRegistry } from '../sync/RoomRegistry';
import { badRequest, isField, jsonBody, labOf } from './body';
import type { ClassService } from './ClassService';
import { callerOf } from './classAuth';
import { stageOf } from './classRoutes';
import { classProgress, progressCsv, timerLeft } from './progress';
import { progressStream } from './progressStream';
import type { ClassRecord, ClassState, LessonTimer } from './types';

export interface LessonRoutesOptions {
  readonly service: ClassService;
  readonly rooms: RoomRegistry;
  readonly store: DocStore;
  readonly scenarios: ReadonlyMap<string, JsonObject>;
  readonly log: Logger;
}

const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

export function lessonRoutes(options: LessonRoutesOptions): Hono<{ Variables: { klass: ClassRecord } }> {
  const { service, rooms } = options;
  const { classes } = service;
  const app = new Hono<{ Variables: { klass: ClassRecord } }>();

  app.use('/:class/*', async (c, next) => {
    const found = await callerOf(c as unknown as Context, classes, 'instructor');
    if (!found.ok) return found.response;
    c.set('klass', found.caller.klass);
    await next();
    return undefined;
  });

  app.get('/:class/summary', async (c) => {
    const klass = c.get('klass');
    const [groups, members] = await Promise.all([classes.groups(klass.id), classes.members(klass.id)]);
    return c.json({
      class: klass.id,
      title: klass.title,
      joinCode: klass.joinCode,
      groupSize: klass.groupSize,
      stageRoom: klass.stageRoom,
      state: { ...klass.state, timerLeftMs: timerLeft(klass.state, Date.now()) },
      groups: groups.map(({ group, room }) => ({ group, room })),
      members: members.map(({ id, name, group, joinedAt, handRaisedAt }) => ({
        id,
        name,
        group,
        joinedAt,
        handRaisedAt,
      })),
    });
  });

  app.get('/:class/progress', async (c) => c.json(await classProgress(service, rooms, c.get('klass'))));

  app.get('/:class/progress/stream', (c) =>
    progressStream(c as unknown as Context, service, rooms, c.get('klass').id),
  );

  app.get('/:class/progress.csv', async (c) => {
    const klass = c.get('klass');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="class-${klass.id}.csv"`);
    return c.body(progressCsv(await classProgress(service, rooms, klass)));
  });

  app.post('/:class/broadcast', async (c) => {
    const found = await labFromBody(c as unknown as Context);
    if (!found.ok) return found.response;
    const groups = await service.broadcast(c.get('klass'), found.lab, found.label);
    return c.json({
      rooms: groups.map((group) => group.room),
      groups: await Promise.all(
        groups.map(async (group) => ({
          group: group.group,
          room: group.room,
          generation: (await classes.currentGeneration(group.room))?.generation ?? 0,
        })),
      ),
    });
  });

  app.post('/:class/groups/:group/reset', async (c) => {
    const klass = c.get('klass');
    const group = (await classes.groups(klass.id)).find(
      (candidate) => String(candidate.group) === c.req.param('group'),
    );
    if (!group) return c.json({ error: 'no such group', errors: [] }, 404);
    await service.reset(klass, group);
    return c.json({
      room: group.room,
      generation: (await classes.currentGeneration(group.room))?.generation ?? 0,
    });
  });

  app.post('/:class/stage', async (c) => {
    const found = await labFromBody(c as unknown as Context);
    if (!found.ok) return found.response;
    const klass = c.get('klass');
    await service.pushToStage(klass, found.lab, found.label);
    return c.json({
      room: klass.stageRoom,
      generation: (await classes.currentGeneration(klass.stageRoom))?.generation ?? 0,
    });
  });

  app.post('/:class/faults', async (c) => {
    const klass = c.get('klass');
    const body = await jsonBody(c as unknown as Context);
    if (isField(body)) return badRequest(c as unknown as Context, [body]);
    const id = body.fault;
    const lab = typeof id === 'string' && id.startsWith('fault-') ? options.scenarios.get(id) : undefined;
    if (typeof id !== 'string' || !lab)
      return badRequest(c as unknown as Context, [
        { path: 'fault', message: 'the id of a troubleshooting scenario (fault-…)' },
      ]);
    const all = await classes.groups(klass.id);
    const wanted = body.groups;
    if (
      wanted !== undefined &&
      (!Array.isArray(wanted) || wanted.some((n) => !all.some((group) => group.group === n)))
    )
      return badRequest(c as unknown as Context, [
        { path: 'groups', message: 'group numbers of this class' },
      ]);
    const groups =
      wanted === undefined ? all : all.filter((group) => (wanted as unknown[]).includes(group.group));
    const delayMs = body.delayMs ?? 0;
    if (typeof delayMs !== 'number' || delayMs < 0 || delayMs > MAX_TIMER_MS)
      return badRequest(c as unknown as Context, [
        { path: 'delayMs', message: 'milliseconds, at most a day' },
      ]);
    // On a timer: stored with the class, so a restart before then re-arms it.
    if (delayMs > 0) {
      const pending = await service.scheduleFault(
        klass,
        id,
        wanted === undefined ? null : groups.map((group) => group.group),
        Date.now() + delayMs,
      );
      return c.json({
        fault: id,
        groups: groups.map((group) => group.group),
        at: pending.at,
        pending: pending.id,
      });
    }
    await service.plantFault(klass, id, lab, groups);
    return c.json({ fault: id, groups: groups.map((group) => group.group), at: Date.now() });
  });

  app.put('/:class/spotlight', async (c) => {
    const klass = c.get('klass');
    const body = await jsonBody(c as unknown as Context);
    if (isField(body)) return badRequest(c as unknown as Context, [body]);
    if (body.group === null) {
      await service.spotlight(klass, null);
      return c.json(await stageOf(service, { ...klass, state: { ...klass.state, spotlight: null } }));
    }
    if (!(await classes.groups(klass.id)).some((group) => group.group === body.group))
      return badRequest(c as unknown as Context, [
        { path: 'group', message: 'a group number of this class, or null' },
      ]);
    const spotlight = { group: body.group as number, anonymize: body.anonymize === true };
    const state = await service.spotlight(klass, spotlight);
    return c.json(await stageOf(service, { ...klass, state }));
  });

  app.post('/:class/pause', async (c) => c.json(await service.setState(c.get('klass'), { paused: true })));
  app.post('/:class/resume', async (c) => c.json(await service.setState(c.get('klass'), { paused: false })));

  app.put('/:class/timer', async (c) => {
    const klass = c.get('klass');
    const body = await jsonBody(c as unknown as Context);
    if (isField(body)) return badRequest(c as unknown as Context, [body]);
    const now = Date.now();
    // The next timer, from the one stored now (a pause must not bring back a timer stopped meanwhile).
    let next: (state: ClassState) => LessonTimer | null;
    switch (body.action) {
      case 'start': {
        const ms = body.durationMs;
        if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1000 || ms > MAX_TIMER_MS)
          return badRequest(c as unknown as Context, [
            { path: 'durationMs', message: 'milliseconds, from 1000 to a day' },
          ]);
        next = () => ({ startedAt: now, durationMs: ms, pausedLeftMs: null });
        break;
      }
      case 'pause':
        next = (state) => state.timer && { ...state.timer, pausedLeftMs: timerLeft(state, now) };
        break;
      case 'resume':
        next = (state) =>
          state.timer && {
            startedAt: now,
            durationMs: state.timer.pausedLeftMs ?? timerLeft(state, now) ?? 0,
            pausedLeftMs: null,
          };
        break;
      case 'stop':
        next = () => null;
        break;
      default:
        return badRequest(c as unknown as Context, [
          { path: 'action', message: 'start, pause, resume or stop' },
        ]);
    }
    const state = await service.setState(klass, (stored) => ({ timer: next(stored) }));
    return c.json({ ...state, timerLeftMs: timerLeft(state, now) });
  });

  app.post('/:class/members/:member/move', async (c) => {
    const klass = c.get('klass');
    const member = await classes.getMember(c.req.param('member'));
    if (!member || member.classId !== klass.id) return c.json({ error: 'no such member', errors: [] }, 404);
    const body = await jsonBody(c as unknown as Context);
    if (isField(body)) return badRequest(c as unknown as Context, [body]);
    const target = typeof body.group === 'number' ? await service.move(klass, member, body.group) : undefined;
    if (!target)
      return badRequest(c as unknown as Context, [
        { path: 'group', message: 'an existing group number, or the next one' },
      ]);
    return c.json({ member: member.id, group: target.group, room: target.room });
  });

  app.delete('/:class/members/:member/hand', async (c) => {
    const member = await classes.getMember(c.req.param('member'));
    if (!member || member.classId !== c.get('klass').id)
      return c.json({ error: 'no such member', errors: [] }, 404);
    await classes.setHand(member.id, null);
    return c.json({ handRaisedAt: null });
  });

  app.get('/:class/rooms/:room/generations', async (c) => {
    const room = c.req.param('room');
    if (!(await ownsRoom(c.get('klass'), room)))
      return c.json({ error: 'no such room in this class', errors: [] }, 404);
    const list = (await classes.generations(room)).map(({ generation, doc, createdAt, label }) => ({
      generation,
      doc,
      createdAt,
      label,
    }));
    return c.json({
      room,
      generations: [{ generation: 0, doc: room, createdAt: null, label: 'created' }, ...list],
    });
  });

  app.get('/:class/rooms/:room/generations/:generation', async (c) => {
    const room = c.req.param('room');
    if (!(await ownsRoom(c.get('klass'), room)))
      return c.json({ error: 'no such room in this class', errors: [] }, 404);
    const wanted = Number(c.req.param('generation'));
    const doc =
      wanted === 0
        ? room
        : (await classes.generations(room)).find((record) => record.generation === wanted)?.doc;
    if (!doc) return c.json({ error: 'no such generation', errors: [] }, 404);
    const ydoc = new Y.Doc();
    for (const update of (await options.store.load(doc)).updates) Y.applyUpdate(ydoc, update);
    const lab = readLab(ydoc);
    ydoc.destroy();
    return c.json(lab);
  });

  async function ownsRoom(klass: ClassRecord, room: string): Promise<boolean> {
    if (room === klass.stageRoom) return true;
    return (await classes.groups(klass.id)).some((group) => group.room === room);
  }

  async function labFromBody(c: Context) {
    const body = await jsonBody(c);
    if (isField(body)) return { ok: false as const, response: badRequest(c, [body]) };
    const found = labOf(body, options.scenarios);
    if (!found.ok) {
      if (found.status === 404)
        return {
          ok: false as const,
          response: c.json({ error: found.errors[0]?.message, errors: found.errors }, 404),
        };
      return { ok: false as const, response: badRequest(c, found.errors) };
    }
    return found;
  }

  return app;
}
