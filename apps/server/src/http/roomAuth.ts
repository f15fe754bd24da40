/**
 * Who may open a room: whoever holds its token. Checked by the Hono app before any
 * socket opens (sync) and before any handler runs (API).
 */
import { isRoomId, tokenMatches } from '../auth/tokens';
import type { RoomDirectory } from '../store/types';

export type AuthDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401 | 403 | 404; readonly error: string };

export async function checkRoomToken(
  directory: RoomDirectory,
  room: string,
  token: string | undefined,
): Promise<AuthDecision> {
  if (!token) return { ok: false, status: 401, error: 'a token is required' };
  const record = isRoomId(room) ? await directory.getRoom(room) : undefined;
  if (!record) return { ok: false, status: 404, error: 'no such room' };
  if (!tokenMatches(token, record.tokenHash))
    return { ok: false, status: 403, error: 'wrong token for this room' };
  return { ok: true };
}

/** `Authorization: Bearer TOKEN` -> TOKEN. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
