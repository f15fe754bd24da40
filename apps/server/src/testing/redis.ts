/**
 * A real Redis for tests: its own `redis-server` on a free loopback port, in memory only
 * (`--save "" --appendonly no`) with its files in a temporary directory, so no
 * system-wide service is needed and nothing outlives the test. `restart()` kills it and
 * starts a fresh, empty one on the same port: what a Redis restart looks like to clients;
 * `down()` and `up()` do the same in two steps, to act while Redis is unreachable.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

export interface TestRedis {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL, nothing kept) and starts an empty one on the same port. */
  restart(): Promise<void>;
  /** Kills the server (SIGKILL): Redis unreachable until `up`. */
  down(): Promise<void>;
  /** Starts an empty server on the same port again (after `down`). */
  up(): Promise<void>;
}

const REDIS_SERVER = process.env.VNETLAB_REDIS_SERVER ?? 'redis-server';

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'vnetlab-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // A port found free may be taken before redis binds it: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, dir);
      break;
    } catch (error) {
      if (attempt >= 4) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const stopChild = async () => {
    if (child) await killed(child);
    child = undefined;
  };
  const startAgain = async () => {
    // The port was just released; a client's reconnect may race us to it only as a client.
    for (let attempt = 0; ; attempt++) {
      try {
        child = await launch(port, dir);
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopChild();
      await startAgain();
    },
    down: stopChild,
    async up() {
      if (!child) await startAgain();
    },
  };
}

/** Starts redis-server and resolves once it accepts connections (its "Ready" line). */
function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--protected-mode',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) =>
      reject(
        new Error(
          `cannot start ${REDIS_SERVER} (bash scripts/setup.sh --browser installs it): ${error.message}`,
        ),
      ),
    );
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-2000)}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
