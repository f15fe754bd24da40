/**
 * Creating a room from the start page: `POST /api/labs` with a lab (or none), then the
 * room's page. A refused lab comes back as field-path problems to show, not a crash;
 * each problem is worded when it is shown, in the page's language.
 */
import { type LabError, type Locale, renderLabError } from '@vnetlab/shared';
import { asArray, asObject, asString } from '../util/json';
import { startWord } from './words';

/** Why no room opened. */
export type RoomProblem =
  /** The schema's (the server's, or the file's own JSON): worded like the room's fields. */
  | { readonly kind: 'lab'; readonly error: LabError }
  /** The server's own sentence (`error`), for a refusal that names no field. */
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'unreachable'; readonly detail: string };

export type OpenRoomResult =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly errors: readonly RoomProblem[] };

export async function createRoom(
  lab: unknown | undefined,
  fetcher: typeof fetch = fetch,
): Promise<OpenRoomResult> {
  const response = await fetcher('/api/labs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: lab === undefined ? '' : JSON.stringify(lab),
  });
  const body = asObject(await response.json().catch(() => ({})));
  if (response.status === 201 && asString(body.url)) return { ok: true, url: asString(body.url) };
  const errors = asArray(body.errors).map((value): RoomProblem => {
    const error = asObject(value);
    return { kind: 'lab', error: { path: asString(error.path), message: asString(error.message) } };
  });
  if (errors.length > 0) return { ok: false, errors };
  const refusal = asString(body.error);
  return {
    ok: false,
    errors: [refusal ? { kind: 'refused', message: refusal } : { kind: 'status', status: response.status }],
  };
}

/** A lab file the teacher picked: JSON or a readable problem (the schema's "not valid JSON" message). */
export function parseLabText(
  text: string,
): { ok: true; lab: unknown } | { ok: false; errors: RoomProblem[] } {
  try {
    return { ok: true, lab: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      errors: [{ kind: 'lab', error: { path: '', message: `not valid JSON: ${(error as Error).message}` } }],
    };
  }
}

/**
 * The server's refusals the start page can meet, in Chinese (apps/server: rate limits,
 * storage, size); another refusal is shown in the server's English words.
 */
const CHINESE_REFUSALS: Readonly<Record<string, string>> = {
  'too many rooms created from this address; try again later': '这个地址新建的房间太多了，请稍后再试',
  'storage unavailable; try again shortly': '存储暂时不可用，请稍后再试',
  'too large': '实验文件太大',
  'send the body as JSON (Content-Type: application/json)':
    '请以 JSON 发送（Content-Type: application/json）',
  'requests from another origin are not accepted': '不接受来自其他来源的请求',
};

export function describeProblem(problem: RoomProblem, locale: Locale): string {
  switch (problem.kind) {
    case 'lab':
      return renderLabError(problem.error, locale);
    case 'refused':
      return (locale === 'zh-CN' && CHINESE_REFUSALS[problem.message]) || problem.message;
    case 'status':
      return `${startWord('answered', locale)} ${problem.status}`;
    case 'unreachable':
      // The browser's own sentence (`Failed to fetch`) is English: the Chinese page leaves it out.
      return locale === 'zh-CN'
        ? startWord('unreachable', locale)
        : `${startWord('unreachable', locale)}: ${problem.detail}`;
  }
}
