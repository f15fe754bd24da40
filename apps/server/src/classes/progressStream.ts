/**
 * `GET /:class/progress/stream` (instructor): the dashboard's live feed, as server-sent
 * events. An event `progress` carries the same JSON as `GET /:class/progress`, sent at
 * once and then whenever it changed (looked at every `everyMs`, by default 500 ms: a
 * projector does not need more, and 15 groups cost ~1 ms to read). A comment line
 * (`: alive`) every `heartbeatMs` when nothing changed, so a client can tell a quiet
 * class from a dead link. Ends when the client goes away.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { ClassService } from './ClassService';
import { type ClassProgress, classProgress } from './progress';

export function progressStream(
  c: Context,
  service: ClassService,
  rooms: RoomRegistry,
  classId: string,
  everyMs = 500,
  heartbeatMs = 15_000,
) {
  return streamSSE(c, async (stream) => {
    let last = '';
    let id = 0;
    let wroteAt = Date.now();
    const gone = () => stream.aborted || stream.closed || rooms.isClosed;
    while (!gone()) {
      let read: ClassProgress | null;
      try {
        const klass = await service.classes.getClass(classId);
        read = klass ? await classProgress(service, rooms, klass) : null;
      } catch (error) {
        // A read under way as the server stops fails on the closed store: nobody's news.
        if (gone()) return;
        throw error;
      }
      if (!read) break;
      const { at: _at, ...progress } = read;
      // The clock-driven fields change every time; only a change of the class is news.
      const comparable = JSON.stringify(progress, (key, value) =>
        key === 'sinceLastGreenMs' || key === 'timerLeftMs' ? undefined : value,
      );
      if (comparable !== last) {
        last = comparable;
        await stream.writeSSE({
          event: 'progress',
          id: String(++id),
          data: JSON.stringify({ ...progress, at: Date.now() }),
        });
        wroteAt = Date.now();
      } else if (Date.now() - wroteAt >= heartbeatMs) {
        await stream.write(': alive\n\n');
        wroteAt = Date.now();
      }
      await stream.sleep(everyMs);
    }
  });
}
