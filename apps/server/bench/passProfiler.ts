/**
 * CPU profiles of one bench pass at a time, in whatever process runs it (the server
 * child, the clients' process): `start(name)` before the pass, `stop()` after it writes
 * `<dir>/<name>.cpuprofile` (open it in Chrome's DevTools or speedscope). Without a
 * directory both do nothing, so the bench costs nothing more when not profiling.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export interface PassProfiler {
  start(name: string): Promise<void>;
  stop(): Promise<void>;
}

export function passProfiler(dir: string): PassProfiler {
  if (!dir) return { start: async () => {}, stop: async () => {} };
  const session = new Session();
  session.connect();
  let current: string | undefined;
  return {
    async start(name) {
      current = name;
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    async stop() {
      if (!current) return;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${current}.cpuprofile`), JSON.stringify(profile));
      current = undefined;
    },
  };
}
