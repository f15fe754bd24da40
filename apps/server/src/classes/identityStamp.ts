/**
 * Who a person is in a class room's awareness is the server's to say, not their page's:
 * the pages colour people, alias them on the projector and tell the instructor apart by
 * `user.key` (`@MEMBER`, `@instructor`: the key the room's history signs with),
 * `user.role` (`instructor`) and `user.view` (`projector`, an instructor's stage view).
 * A student's script could otherwise publish another student's key (and take their colour
 * and alias) or the instructor's (and pass for the instructor). So every state a class
 * connection publishes is stamped with its own token's identity before it is kept or
 * relayed: the key of its principal, the role and view only for the instructor. The rest
 * of the state (name, cursor, open dialog) is the page's, as before.
 *
 * Stamping rewrites a field, it never drops an entry: the stock y-websocket client keeps
 * working (it ignores the echo of its own state, at the clock it sent), and a page that
 * has not yet heard `/me` is named by its key from its first frame on.
 */
import { authorKey } from '../history/RoomHistory';
import type { AwarenessStamp } from '../sync/AwarenessGate';
import type { Connection } from '../sync/types';
import { INSTRUCTOR } from './access';

export const stampClassIdentity: AwarenessStamp<Connection> = (connection, state) => {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state;
  const { user } = state as Record<string, unknown>;
  // A state without a user is not a person (the pages show none): nothing to stamp.
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return state;
  const { key: _key, role: _role, view, ...rest } = user as Record<string, unknown>;
  const principal = connection.principal;
  const instructor = principal === INSTRUCTOR;
  const stamped: Record<string, unknown> = {
    ...rest,
    // A connection without a principal (the room's own token) has no class identity to claim.
    ...(principal ? { key: authorKey(principal) } : {}),
    ...(instructor ? { role: 'instructor' } : {}),
    ...(instructor && view === 'projector' ? { view } : {}),
  };
  return { ...(state as Record<string, unknown>), user: stamped };
};
