/**
 * Who calls a class route: the instructor (the class's secret token) or one of its
 * students (their own token). `Authorization: Bearer TOKEN`; none 401, wrong 403,
 * unknown class 404 (as AUTH-2).
 */
import type { Context } from 'hono';
import { hashToken, isRoomId, tokenMatches } from '../auth/tokens';
import { bearerToken } from '../http/roomAuth';
import type { ClassStore } from './classStore';
import type { ClassRecord, MemberRecord } from './types';

export type Caller =
  | { readonly role: 'instructor'; readonly klass: ClassRecord }
  | { readonly role: 'student'; readonly klass: ClassRecord; readonly member: MemberRecord };

export type CallerDecision =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly status: 401 | 403 | 404; readonly error: string };

export async function identify(
  classes: ClassStore,
  classId: string,
  token: string | undefined,
): Promise<CallerDecision> {
  if (!token) return { ok: false, status: 401, error: 'a token is required' };
  const klass = isRoomId(classId) ? await classes.getClass(classId) : undefined;
  if (!klass) return { ok: false, status: 404, error: 'no such class' };
  if (tokenMatches(token, klass.instructorHash)) return { ok: true, caller: { role: 'instructor', klass } };
  const member = await classes.memberByTokenHash(hashToken(token));
  if (member && member.classId === klass.id) return { ok: true, caller: { role: 'student', klass, member } };
  return { ok: false, status: 403, error: 'wrong token for this class' };
}

/** The caller of this request, or the error response to send. */
export async function callerOf(
  c: Context,
  classes: ClassStore,
  need: 'instructor' | 'member',
): Promise<{ ok: true; caller: Caller } | { ok: false; response: Response }> {
  const decision = await identify(
    classes,
    c.req.param('class') ?? '',
    bearerToken(c.req.header('Authorization')),
  );
  if (!decision.ok) {
    if (decision.status === 401) c.header('WWW-Authenticate', 'Bearer');
    return { ok: false, response: c.json({ error: decision.error, errors: [] }, decision.status) };
  }
  if (need === 'instructor' && decision.caller.role !== 'instructor') {
    return { ok: false, response: c.json({ error: 'only the instructor may do this', errors: [] }, 403) };
  }
  return decision;
}
