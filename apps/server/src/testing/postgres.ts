/**
 * A real PostgreSQL 15 for a test file: Debian's binaries, a cluster of its own in a
 * fresh temporary directory, on a free loopback port with its socket in that directory
 * (no system-wide service is used or needed). As root the server runs as the
 * `postgres` user (PostgreSQL refuses to run as root). `fsync=on`, as in production, so
 * a kill -9 test proves what a real deployment keeps.
 *
 *   const pg = await startPostgres();   // pg.url names a fresh database
 *   await pg.kill();                    // SIGKILL the postmaster
 *   await pg.restart();                 // same port, same data
 *   await pg.stop();                    // and the directory is removed
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portFree } from './ports';

export const POSTGRES_BIN = process.env.VNETLAB_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** `postgres://…/DB`: a database of its own. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
  /** SIGKILLs the postmaster: what a crash or a cut cable looks like to the clients. */
  kill(): Promise<void>;
  /** A fresh, empty database on this server: its URL. */
  createDatabase(): Promise<string>;
  /** Starts it again on the same port over the same data (after `kill` or `pause`). */
  restart(): Promise<void>;
  /** Stops the server, keeping its data, so that it is unreachable until `restart`. */
  pause(): Promise<void>;
}

/** Whether this machine has the binaries (scripts/setup.sh --browser installs them). */
export function postgresInstalled(): boolean {
  return spawnSync(join(POSTGRES_BIN, 'pg_ctl'), ['--version']).status === 0;
}

export async function startPostgres(database = 'vnetlab_test'): Promise<TestPostgres> {
  if (!postgresInstalled())
    throw new Error(`no PostgreSQL 15 at ${POSTGRES_BIN} (bash scripts/setup.sh --browser installs it)`);
  const root = mkdtempSync(join(tmpdir(), 'vnetlab-pg-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(root, uidOf('postgres'), gidOf('postgres'));
  run(asRoot, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const start = () =>
    run(asRoot, 'pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(root, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-c port=${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=on -c max_connections=200`,
      'start',
    ]);
  const stopServer = () => run(asRoot, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'], true);
  start();
  run(asRoot, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
  let running = true;
  let databases = 0;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      if (running) stopServer();
      running = false;
      rmSync(root, { recursive: true, force: true });
    },
    async createDatabase() {
      const name = `${database}_${++databases}`;
      run(asRoot, 'createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async kill() {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      // The postmaster and its backends, all at once, as a machine losing power would.
      const family = [pid, ...childrenOf(pid)];
      for (const member of family) process.kill(member, 'SIGKILL');
      await waitUntil(async () => family.every((member) => !alive(member)) && (await portFree(port)));
      running = false;
    },
    async restart() {
      if (running) return;
      start();
      running = true;
    },
    async pause() {
      if (!running) return;
      stopServer();
      running = false;
    },
  };
}

function run(asRoot: boolean, tool: string, args: string[], tolerant = false): void {
  const binary = join(POSTGRES_BIN, tool);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.error)
    throw new Error(
      `cannot run ${binary} (bash scripts/setup.sh --browser installs PostgreSQL 15): ${result.error.message}`,
    );
  if (result.status !== 0 && !tolerant)
    throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
}

/** Processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) in parentheses: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {}
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
