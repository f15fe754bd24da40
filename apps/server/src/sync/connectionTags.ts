/**
 * Which room and connection a raw socket serves, for log lines written where only the
 * socket is known (ws' own refusals). Each accepted socket gets an id, `conn`, that
 * every log line about it carries.
 */
import type { WebSocket } from 'ws';

export interface ConnectionTag {
  readonly room: string;
  readonly kind: 'lab' | 'results';
  readonly conn: string;
}

const tags = new WeakMap<object, ConnectionTag>();

export function tagSocket(socket: object | undefined, tag: ConnectionTag): void {
  if (socket) tags.set(socket, tag);
}

/** The socket's room and connection id, or nothing for a socket never accepted. */
export function socketTag(socket: WebSocket): Partial<ConnectionTag> {
  return tags.get(socket) ?? {};
}
