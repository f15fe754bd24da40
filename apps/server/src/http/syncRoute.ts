/**
 * `GET /sync/:room?token=TOKEN` and `/sync/:room:results?token=TOKEN`: the token is
 * checked here, before the upgrade (no socket opens for a rejected request); an
 * accepted socket joins the room's lab or results document.
 */
import { upgradeWebSocket } from '@hono/node-server';
import { RESULTS_DOC_SUFFIX } from '@vnetlab/shared';
import { Hono } from 'hono';
import type { WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { AccessGranted, RoomAccess } from '../classes/access';
import type { Logger } from '../log';
import { LoadBacklog, RoomFailedToLoad, SlowConsumer } from '../sync/closeCodes';
import type { DocChannel } from '../sync/DocChannel';
import type { DocKind, Room } from '../sync/Room';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { Connection, Limits } from '../sync/types';
import { clientAddress } from './clientAddress';
import { EarlyMessages } from './earlyMessages';
import { originAllowed } from './security';

export interface SyncRouteOptions {
  /** Who may open a room, and how (AUTH-1, CLASS-3). */
  readonly access: RoomAccess;
  readonly rooms: RoomRegistry;
  readonly log: Logger;
  /** Origins allowed besides the server's own. */
  readonly origins: ReadonlySet<string>;
  readonly limits: Limits;
}

export function parseDocName(name: string): { room: string; kind: DocKind } {
  if (name.endsWith(RESULTS_DOC_SUFFIX))
    return { room: name.slice(0, -RESULTS_DOC_SUFFIX.length), kind: 'results' };
  return { room: name, kind: 'lab' };
}

let nextConnection = 1;

export function syncRoute(options: SyncRouteOptions): Hono<{ Variables: { granted: AccessGranted } }> {
  const { access, rooms, log, limits } = options;
  const app = new Hono<{ Variables: { granted: AccessGranted } }>();
  /** Sockets open per peer address, and per room. */
  const byAddress = new Map<string, number>();
  const byRoom = new Map<string, number>();
  const count = (map: Map<string, number>, key: string, delta: number) => {
    const next = (map.get(key) ?? 0) + delta;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };

  app.get(
    '/:doc',
    async (c, next) => {
      const { room, kind } = parseDocName(c.req.param('doc'));
      const decision = await access(room, c.req.query('token'));
      if (!decision.ok) {
        log('sync-rejected', {
          room,
          kind,
          status: decision.status,
          reason: decision.error,
          remote: clientAddress(c),
        });
        return c.json({ error: decision.error }, decision.status);
      }
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: 'this endpoint speaks the y-websocket protocol' }, 426);
      }
      const remote = clientAddress(c);
      // A page on another site could open the room with a token it holds: browsers send Origin.
      if (!originAllowed(c, options.origins)) {
        log('sync-rejected', {
          room,
          kind,
          status: 403,
          reason: 'origin',
          origin: c.req.header('Origin'),
          remote,
        });
        return c.json({ error: 'connections from another origin are not accepted' }, 403);
      }
      if (
        (byRoom.get(room) ?? 0) >= limits.maxSocketsPerRoom ||
        (byAddress.get(remote) ?? 0) >= limits.maxSocketsPerAddress
      ) {
        log('sync-rejected', { room, kind, status: 429, reason: 'too many sockets', remote });
        return c.json({ error: 'too many connections; try again later' }, 429);
      }
      c.set('granted', decision);
      await next();
      return undefined;
    },
    upgradeWebSocket((c) => {
      const decision = c.get('granted');
      const { room, kind } = parseDocName(c.req.param('doc') ?? '');
      const remote = clientAddress(c);
      const id = `c${nextConnection++}`;
      let channel: DocChannel | undefined;
      let connection: Connection | undefined;
      let closed = false;
      /** What the client sent while its room loaded, handed over in order once it has. */
      const early = new EarlyMessages(limits.maxMessageBytes);
      const join = (opened: Room) => {
        if (closed || !connection) return;
        channel = opened.channel(kind);
        log('sync-connected', { room, kind, conn: id, remote, access: decision.access });
        channel.connect(connection);
        for (const data of early.drain()) channel.receive(connection, data);
      };
      const failed = (error: unknown, ws: WSContext) => {
        // A room that cannot load is this connection's failure, never the process's.
        log('sync-open-failed', { room, kind, conn: id, error: String(error) });
        channel = undefined;
        ws.close(RoomFailedToLoad.code, RoomFailedToLoad.reason);
      };
      return {
        onOpen(_event, ws) {
          count(byRoom, room, 1);
          count(byAddress, remote, 1);
          connection = {
            id,
            remote,
            socket: socketOf(ws),
            access: decision.access,
            principal: decision.principal,
          };
          try {
            // A room in memory is joined at once; one being loaded, when it is.
            const loaded = rooms.loaded(room);
            if (loaded) join(loaded);
            else
              rooms.open(room).then(
                (opened) => join(opened),
                (error) => failed(error, ws),
              );
          } catch (error) {
            failed(error, ws);
          }
        },
        onMessage(event, ws) {
          if (!connection) return;
          const data = event.data;
          const frame = typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer);
          if (channel) channel.receive(connection, frame);
          else if (!early.push(frame)) {
            log('connection-closed', {
              room,
              kind,
              conn: id,
              code: LoadBacklog.code,
              reason: LoadBacklog.reason,
            });
            ws.close(LoadBacklog.code, LoadBacklog.reason);
          }
        },
        onClose(event) {
          closed = true;
          if (connection) {
            count(byRoom, room, -1);
            count(byAddress, remote, -1);
          }
          if (channel && connection) channel.disconnect(connection);
          rooms.touch(room);
          log('sync-disconnected', { room, kind, conn: id, code: event.code });
        },
      };
    }),
  );

  return app;
}

/** A peer that lets this much pile up unsent is dropped (it reconnects and resyncs). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

function socketOf(ws: WSContext): Connection['socket'] {
  const raw = ws.raw as WebSocket | undefined;
  return {
    send(frame) {
      if (ws.readyState !== 1) return;
      if (raw && raw.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(SlowConsumer.code, SlowConsumer.reason);
        return;
      }
      ws.send(frame as Uint8Array<ArrayBuffer>);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
}
