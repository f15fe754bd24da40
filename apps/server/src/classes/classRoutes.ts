/**
 * `/api/classes` for everyone in a class (DESIGN.md, "Public contracts", Classes):
 * - `POST /` `{title?, groupSize?}` -> 201 `{class, instructorToken, joinCode, url}`
 * - `POST /join` `{code, name}` -> 201 `{class, group, room, token, url, stageRoom}`
 * - `GET /:class/me` (a member) -> where they are and what the lesson is doing
 * - `POST /:class/hand` (a member) `{raised}` -> raise or lower their hand
 * - `GET /:class/stage` (instructor or member) -> the stage room and the spotlight
 * - `GET /:class/rooms/:room/people` (instructor or a member who may open the room) ->
 *   `{anonymized, people: {KEY: name}, aliases?}`: the names behind the keys (`@MEMBER`,
 *   `@instructor`) a class room's history and console are signed with; aliases instead
 *   for a watcher of an anonymized spotlight; `aliases` for the instructor (the projector)
 * The instructor's routes are in lessonRoutes.ts.
 */
import type { JsonObject } from '@vnetlab/shared';
import { Hono } from 'hono';
import { authorKey } from '../history/RoomHistory';
import { clientAddress } from '../http/clientAddress';
import type { RateLimiter } from '../http/rateLimit';
import type { Logger } from '../log';
import { INSTRUCTOR } from './access';
import { aliasesOf, INSTRUCTOR_NAME } from './anonymize';
import { badRequest, isField, jsonBody } from './body';
import type { ClassService } from './ClassService';
import { callerOf } from './classAuth';
import { normalizeJoinCode } from './joinCode';
import { timerLeft } from './progress';
import type { ClassRecord, GroupRecord } from './types';

export interface ClassRoutesOptions {
  readonly service: ClassService;
  readonly scenarios: ReadonlyMap<string, JsonObject>;
  readonly log: Logger;
  /** Opening a class counts as creating rooms (HOSTILE-4). */
  readonly creationLimiter: RateLimiter;
  /** Joins per class: a whole class behind one address joins at once (CLASS-8). */
  readonly joinLimiter: RateLimiter;
  /** Wrong codes per address: guessing is slow. */
  readonly wrongCodeLimiter: RateLimiter;
}

export const MAX_GROUP_SIZE = 12;
/** A lecture hall, not a MOOC: past this a class is full. */
export const MAX_MEMBERS = 500;
const MAX_NAME = 40;

/** A room page; `klass` names the class it is part of, so the page shows the lesson (ClassBanner). */
export const roomUrl = (room: string, token: string, options: { name?: string; klass?: string } = {}) =>
  `/r/${room}?token=${encodeURIComponent(token)}${options.klass ? `&class=${encodeURIComponent(options.klass)}` : ''}${options.name ? `&name=${encodeURIComponent(options.name)}` : ''}`;

export function classRoutes(options: ClassRoutesOptions): Hono {
  const { service, log } = options;
  const { classes } = service;
  const app = new Hono();

  app.post('/', async (c) => {
    const body = await jsonBody(c);
    if (isField(body)) return badRequest(c, [body]);
    const title = body.title ?? 'Class';
    if (typeof title !== 'string' || title.length > 200)
      return badRequest(c, [{ path: 'title', message: 'a text of at most 200 characters' }]);
    const groupSize = body.groupSize ?? 2;
    if (
      typeof groupSize !== 'number' ||
      !Number.isInteger(groupSize) ||
      groupSize < 1 ||
      groupSize > MAX_GROUP_SIZE
    )
      return badRequest(c, [{ path: 'groupSize', message: `a whole number from 1 to ${MAX_GROUP_SIZE}` }]);
    const decision = options.creationLimiter.take(clientAddress(c));
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json({ error: 'too many rooms created from this address; try again later', errors: [] }, 429);
    }
    const { klass, instructorToken } = await service.create(title, groupSize);
    return c.json(
      {
        class: klass.id,
        instructorToken,
        joinCode: klass.joinCode,
        url: `/c/${klass.id}?token=${encodeURIComponent(instructorToken)}`,
        stageRoom: klass.stageRoom,
      },
      201,
    );
  });

  app.post('/join', async (c) => {
    const body = await jsonBody(c);
    if (isField(body)) return badRequest(c, [body]);
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (name === '' || name.length > MAX_NAME)
      return badRequest(c, [{ path: 'name', message: `a display name of 1 to ${MAX_NAME} characters` }]);
    const code = typeof body.code === 'string' ? normalizeJoinCode(body.code) : undefined;
    const klass = code === undefined ? undefined : await classes.classByCode(code);
    if (!klass) {
      const address = clientAddress(c);
      const decision = options.wrongCodeLimiter.take(address);
      log('class-join-refused', { remote: address });
      if (!decision.ok) {
        c.header('Retry-After', String(decision.retryAfterSeconds));
        return c.json({ error: 'too many wrong codes from this address; try again later', errors: [] }, 429);
      }
      return c.json(
        { error: 'no class has this code', errors: [{ path: 'code', message: 'no class has this code' }] },
        404,
      );
    }
    const decision = options.joinLimiter.take(klass.id);
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return c.json({ error: 'too many joins to this class at once; try again', errors: [] }, 429);
    }
    if ((await classes.members(klass.id)).length >= MAX_MEMBERS)
      return c.json({ error: `this class is full (${MAX_MEMBERS} students)`, errors: [] }, 409);
    const { member, group, token } = await service.join(klass, name);
    return c.json(
      {
        class: klass.id,
        group: group.group,
        room: group.room,
        token,
        url: roomUrl(group.room, token, { name, klass: klass.id }),
        member: member.id,
        stageRoom: klass.stageRoom,
      },
      201,
    );
  });

  app.get('/:class/me', async (c) => {
    const found = await callerOf(c, classes, 'member');
    if (!found.ok) return found.response;
    const { caller } = found;
    const groups = await classes.groups(caller.klass.id);
    if (caller.role !== 'student') return c.json({ role: 'instructor', ...lesson(caller.klass, groups) });
    const member = (await classes.getMember(caller.member.id)) ?? caller.member;
    const group = groups.find((candidate) => candidate.group === member.group);
    return c.json({
      role: 'student',
      member: member.id,
      name: member.name,
      group: member.group,
      room: group?.room ?? null,
      handRaisedAt: member.handRaisedAt,
      instructorWatching: group ? await service.instructorWatching(group.room) : false,
      ...lesson(caller.klass, groups),
    });
  });

  app.post('/:class/hand', async (c) => {
    const found = await callerOf(c, classes, 'member');
    if (!found.ok) return found.response;
    if (found.caller.role !== 'student')
      return c.json({ error: 'only a student raises a hand', errors: [] }, 403);
    const body = await jsonBody(c);
    if (isField(body)) return badRequest(c, [body]);
    if (typeof body.raised !== 'boolean')
      return badRequest(c, [{ path: 'raised', message: 'true or false' }]);
    const at = body.raised ? Date.now() : null;
    await classes.setHand(found.caller.member.id, at);
    log('class-hand', { class: found.caller.klass.id, member: found.caller.member.id, raised: body.raised });
    return c.json({ handRaisedAt: at });
  });

  app.get('/:class/rooms/:room/people', async (c) => {
    const found = await callerOf(c, classes, 'member');
    if (!found.ok) return found.response;
    const { caller } = found;
    const place = await classes.placeOfRoom(c.req.param('room'));
    if (!place || place.classId !== caller.klass.id)
      return c.json({ error: 'no such room in this class', errors: [] }, 404);
    const spotlight = caller.klass.state.spotlight;
    const spotlit = place.kind === 'group' && spotlight?.group === place.group;
    const own = caller.role === 'student' && place.kind === 'group' && place.group === caller.member.group;
    if (caller.role === 'student' && place.kind === 'group' && !own && !spotlit)
      return c.json({ error: "this is another group's room", errors: [] }, 403);
    const members = await classes.members(caller.klass.id);
    const aliases = aliasesOf(members, place.kind === 'group' ? place.group : 0);
    const hidden = spotlit && spotlight?.anonymize === true;
    // A student watching the anonymized spotlight never gets the names, only the aliases.
    const anonymized = hidden && caller.role === 'student' && !own;
    const people: Record<string, string> = { [authorKey(INSTRUCTOR)]: INSTRUCTOR_NAME };
    for (const member of members)
      people[authorKey(member.id)] = anonymized ? (aliases.get(member.id) ?? '') : member.name;
    return c.json({
      anonymized: anonymized || (hidden && caller.role === 'instructor'),
      people,
      ...(caller.role === 'instructor'
        ? {
            aliases: {
              [authorKey(INSTRUCTOR)]: INSTRUCTOR_NAME,
              ...Object.fromEntries([...aliases].map(([member, alias]) => [authorKey(member), alias])),
            },
          }
        : {}),
    });
  });

  app.get('/:class/stage', async (c) => {
    const found = await callerOf(c, classes, 'member');
    if (!found.ok) return found.response;
    return c.json(await stageOf(service, found.caller.klass));
  });

  return app;
}

/** What every member sees of the lesson: pause, timer, stage, spotlight. */
function lesson(klass: ClassRecord, groups: readonly GroupRecord[]) {
  return {
    class: klass.id,
    title: klass.title,
    paused: klass.state.paused,
    timer: klass.state.timer,
    timerLeftMs: timerLeft(klass.state, Date.now()),
    stageRoom: klass.stageRoom,
    spotlight: klass.state.spotlight,
    /** The room of the group in the spotlight: members may watch it, read-only. */
    spotlightRoom: groups.find((group) => group.group === klass.state.spotlight?.group)?.room ?? null,
  };
}

/** The stage and the group in the spotlight; names left out when anonymized. */
export async function stageOf(service: ClassService, klass: ClassRecord) {
  const spotlight = klass.state.spotlight;
  const group =
    spotlight &&
    (await service.classes.groups(klass.id)).find((candidate) => candidate.group === spotlight.group);
  const members = spotlight && group && !spotlight.anonymize ? await service.classes.members(klass.id) : [];
  return {
    stageRoom: klass.stageRoom,
    spotlight:
      spotlight && group
        ? {
            group: group.group,
            room: group.room,
            anonymize: spotlight.anonymize,
            members: spotlight.anonymize
              ? null
              : members.filter((member) => member.group === group.group).map((member) => member.name),
          }
        : null,
  };
}
