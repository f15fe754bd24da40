/**
 * The classes API as the browser calls it (README "Classes"; DESIGN.md "Public
 * contracts"). Every call answers a `Reply`: the body, or the server's error with the
 * status, so a refused join or a lost connection is shown, never thrown.
 */
import { asArray, asObject, asString, type Json } from '../util/json';

export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly error: string };

type Fetcher = typeof fetch;

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; fetcher?: Fetcher } = {},
): Promise<Reply<Json>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await (options.fetcher ?? fetch)(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    return { ok: false, status: 0, error: (error as Error).message };
  }
  const body = asObject(await response.json().catch(() => ({})));
  if (response.ok) return { ok: true, value: body };
  const fields = asArray(body.errors).map((value) => {
    const field = asObject(value);
    return asString(field.path)
      ? `${asString(field.path)}: ${asString(field.message)}`
      : asString(field.message);
  });
  const error = asString(body.error) || fields[0] || `the server answered ${response.status}`;
  return { ok: false, status: response.status, error };
}

const classPath = (klass: string, rest = '') => `/api/classes/${encodeURIComponent(klass)}${rest}`;

/** What a student types -> what the server stores: upper case, no spaces or dashes, `ABC-DEF`. */
export function normalizeJoinCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return bare.length === 6 ? `${bare.slice(0, 3)}-${bare.slice(3)}` : bare;
}

export interface CreatedClass {
  readonly klass: string;
  readonly joinCode: string;
  readonly url: string;
}

export async function createClass(
  title: string,
  groupSize: number,
  fetcher?: Fetcher,
): Promise<Reply<CreatedClass>> {
  const reply = await call('POST', '/api/classes', {
    body: { title: title || undefined, groupSize },
    fetcher,
  });
  if (!reply.ok) return reply;
  return {
    ok: true,
    value: {
      klass: asString(reply.value.class),
      joinCode: asString(reply.value.joinCode),
      url: asString(reply.value.url),
    },
  };
}

export interface Joined {
  readonly klass: string;
  readonly room: string;
  /** The student's room page; the server's `url` names the class (`&class=`), so the page shows the lesson. */
  readonly url: string;
}

export async function joinClass(code: string, name: string, fetcher?: Fetcher): Promise<Reply<Joined>> {
  const reply = await call('POST', '/api/classes/join', {
    body: { code: normalizeJoinCode(code), name },
    fetcher,
  });
  if (!reply.ok) return reply;
  return {
    ok: true,
    value: {
      klass: asString(reply.value.class),
      room: asString(reply.value.room),
      url: asString(reply.value.url),
    },
  };
}

/** The instructor's calls, bound to the class and its token. */
export function lessonApi(klass: string, token: string, fetcher?: Fetcher) {
  const as = (method: string, rest: string, body?: unknown) =>
    call(method, classPath(klass, rest), { token, body, fetcher });
  return {
    progress: () => as('GET', '/progress'),
    /** The live feed of progress (server-sent events), read by createLiveFeed. */
    progressStream: (signal: AbortSignal) =>
      (fetcher ?? fetch)(classPath(klass, '/progress/stream'), {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal,
      }),
    broadcast: (scenario: string) => as('POST', '/broadcast', { scenario }),
    /** A troubleshooting lab (`fault-…`) into every group, now. */
    plantFault: (fault: string) => as('POST', '/faults', { fault }),
    pushToStage: (scenario: string) => as('POST', '/stage', { scenario }),
    reset: (group: number) => as('POST', `/groups/${group}/reset`),
    spotlight: (group: number | null, anonymize: boolean) => as('PUT', '/spotlight', { group, anonymize }),
    pause: (paused: boolean) => as('POST', paused ? '/pause' : '/resume'),
    timer: (action: 'start' | 'stop', durationMs?: number) => as('PUT', '/timer', { action, durationMs }),
    lowerHand: (member: string) => as('DELETE', `/members/${encodeURIComponent(member)}/hand`),
    /** A prediction round over a scenario's matrix (or the class's scenario with none). */
    openRound: (scenario?: string) => as('POST', '/predict', scenario ? { scenario } : {}),
    round: () => as('GET', '/predict'),
    reveal: () => as('POST', '/predict/reveal'),
    /** Into an existing group, or the next new one (its number: groups + 1). */
    move: (member: string, group: number) =>
      as('POST', `/members/${encodeURIComponent(member)}/move`, { group }),
    /** The CSV as text: the page saves it as a file. */
    csv: async (): Promise<Reply<string>> => {
      try {
        const response = await (fetcher ?? fetch)(classPath(klass, '/progress.csv'), {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok)
          return { ok: false, status: response.status, error: `the server answered ${response.status}` };
        return { ok: true, value: await response.text() };
      } catch (error) {
        return { ok: false, status: 0, error: (error as Error).message };
      }
    },
  };
}

export type LessonApi = ReturnType<typeof lessonApi>;

/** A member's calls: where they are in the lesson, and their hand. */
export function memberApi(klass: string, token: string, fetcher?: Fetcher) {
  return {
    me: () => call('GET', classPath(klass, '/me'), { token, fetcher }),
    hand: (raised: boolean) => call('POST', classPath(klass, '/hand'), { token, body: { raised }, fetcher }),
    round: () => call('GET', classPath(klass, '/predict'), { token, fetcher }),
    answer: (answers: Record<string, boolean>) =>
      call('PUT', classPath(klass, '/predict/answers'), { token, body: { answers }, fetcher }),
    /** The names (or aliases) behind the keys a class room's history and console are signed with. */
    people: (room: string) =>
      call('GET', classPath(klass, `/rooms/${encodeURIComponent(room)}/people`), { token, fetcher }),
  };
}

export interface ScenarioChoice {
  readonly id: string;
  readonly title: string;
}

export async function listScenarios(fetcher?: Fetcher): Promise<ScenarioChoice[]> {
  const reply = await (fetcher ?? fetch)('/api/scenarios')
    .then((response) => response.json())
    .catch(() => []);
  return asArray(reply).map((value) => {
    const scenario = asObject(value);
    return { id: asString(scenario.id), title: asString(scenario.title) || asString(scenario.id) };
  });
}
