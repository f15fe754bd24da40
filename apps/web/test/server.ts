import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');
const webRoot = join(repoRoot, 'apps/web');

/** Builds apps/web/dist unless it is newer than every source file (the page's, and shared's it bundles). */
export function ensureWebBuild(): void {
  const built = join(webRoot, 'dist/index.html');
  const newest = Math.max(
    newestSource(join(webRoot, 'src')),
    newestSource(join(repoRoot, 'packages/shared/src')),
  );
  if (existsSync(built) && newest < statSync(built).mtimeMs) return;
  execFileSync('pnpm', ['--filter', '@vnetlab/web', 'build'], { cwd: repoRoot, stdio: 'pipe' });
}

function newestSource(dir: string): number {
  let newest = statSync(join(webRoot, 'index.html')).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export interface RunningServer {
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (apps/server/src/main.ts) on a free port with its own data
 * folder, or uses the one at VNETLAB_TEST_ORIGIN when that is set.
 */
export async function startServer(): Promise<RunningServer> {
  const external = process.env.VNETLAB_TEST_ORIGIN;
  if (external) return { origin: external, stop: async () => {} };
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'vnetlab-web-test-'));
  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'apps/server/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), VNETLAB_DATA: data },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(origin, child, () => output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    origin,
    stop: async () => {
      await stopChild(child);
      rmSync(data, { recursive: true, force: true });
    },
  };
}

async function waitForHttp(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${origin}/api/labs/none`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server did not answer within 30 s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** `POST /api/labs`: a new room holding `lab`. */
export async function createRoom(
  origin: string,
  lab: unknown,
): Promise<{ room: string; token: string; url: string }> {
  const response = await fetch(`${origin}/api/labs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(lab),
  });
  if (response.status !== 201) throw new Error(`POST /api/labs: ${response.status} ${await response.text()}`);
  return (await response.json()) as { room: string; token: string; url: string };
}

/** `PUT /api/labs/:room`: replaces the room's lab. */
export async function replaceLab(origin: string, room: string, token: string, lab: unknown): Promise<void> {
  const response = await fetch(`${origin}/api/labs/${encodeURIComponent(room)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(lab),
  });
  if (!response.ok) throw new Error(`PUT /api/labs/${room}: ${response.status} ${await response.text()}`);
}
