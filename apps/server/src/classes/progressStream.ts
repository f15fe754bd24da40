/**
 * `GET /:class/progress/stream` (instructor): the dashboard's live feed, as server-sent
 * events. An event `progress` carries the same JSON as `GET /:class/progress`, sent at
 * once and then whenever it changed (looked at every `everyMs`, by default 500 ms: a
 * projector does not need more, and 15 groups cost ~1 ms to read). Ends when the
 * client goes away.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RoomRegistry } from '../sync/RoomRegistry';
import type { ClassService } from './ClassService';
import { classProgress } from './progress';

export function progressStream(
  c: Context,
  service: ClassService,
  rooms: RoomRegistry,
  classId: string,
  everyMs = 500,
) {
  return streamSSE(c, async (stream) => {
    let last = '';
    let id = 0;
    while (!stream.aborted && !stream.closed) {
      const klass = await service.classes.getClass(classId);
      if (!klass) break;
      const { at: _at, ...progress } = await classProgress(service, rooms, klass);
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
      }
      await stream.sleep(everyMs);
    }
  });
}
