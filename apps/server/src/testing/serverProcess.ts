/**
 * The real server as its own process (`tsx src/main.ts`: worker pool, SQLite), for tests
 * that must see whether the process survives what a client sends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly wsUrl: string;
  /** Everything it logged so far. */
  stderr(): string;
  /** True while the process runs. */
  alive(): boolean;
  /** SIGKILL, resolved once it exited. */
  stop(): Promise<void>;
  /** The same as `stop`: the name the durability tests read best with. */
  kill(): Promise<void>;
}

export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', VNETLAB_DATA: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const kill = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.on('exit', () => done());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/listening on (http:\/\/\S+)/);
      if (!match?.[1]) return;
      const url = match[1].replace('localhost', '127.0.0.1');
      resolve({
        child,
        url,
        wsUrl: url.replace('http', 'ws'),
        stderr: () => stderr,
        alive: () => child.exitCode === null && child.signalCode === null,
        stop: kill,
        kill,
      });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

export async function createRoom(url: string, lab?: unknown): Promise<{ room: string; token: string }> {
  const response = await fetch(`${url}/api/labs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: lab === undefined ? undefined : JSON.stringify(lab),
  });
  if (response.status !== 201)
    throw new Error(`room creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { room: string; token: string };
}
