/**
 * What one `GET /metrics` scrape costs the server's main thread with many sockets open:
 * a server process of its own (`--server FILE`: another tree's src/server.ts, for a
 * baseline in the same run), ROOMS rooms × SOCKETS idle sync sockets each, then SCRAPES
 * scrapes one after another, each timed from the request to the last byte (the
 * sockets send nothing meanwhile, so the time is the server's).
 *
 *   npx tsx apps/server/bench/metricsScrape.bench.ts [--rooms 200] [--sockets 10] [--scrapes 40] [--server FILE]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const METRICS_TOKEN = 'bench-metrics';
const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    data: { type: 'string' },
    rooms: { type: 'string', default: '200' },
    sockets: { type: 'string', default: '10' },
    scrapes: { type: 'string', default: '40' },
    server: { type: 'string', default: '' },
  },
});

async function serve(): Promise<void> {
  const serverFile = values.server || fileURLToPath(new URL('../src/server.ts', import.meta.url));
  const root = serverFile.replace(/server\.ts$/, '');
  const { startServer } = (await import(serverFile)) as typeof import('../src/server');
  const { createSqliteStore } = (await import(
    `${root}store/sqliteStore.ts`
  )) as typeof import('../src/store/sqliteStore');
  const { silentLogger } = (await import(`${root}log.ts`)) as typeof import('../src/log');
  const { evaluateInProcess } = (await import(
    `${root}engine/labEngine.ts`
  )) as typeof import('../src/engine/labEngine');
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    store: createSqliteStore({ dataDir: values.data ?? '' }),
    evaluate: evaluateInProcess,
    log: silentLogger,
    metricsToken: METRICS_TOKEN,
    roomCreation: { capacity: 100_000, perMinute: 100_000 },
    limits: { maxSocketsPerAddress: 100_000 },
  });
  createInterface({ input: process.stdin }).on('close', () => process.exit(0));
  process.stdout.write(`PORT ${server.port}\n`);
}

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', '--data', dataDir];
  if (values.server) args.push('--server', values.server);
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const port = /^PORT (\d+)$/.exec(line)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    });
  });
}

const percentile = (samples: readonly number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ??
  Number.NaN;

async function main(): Promise<void> {
  if (values.serve) return serve();
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-scrape-'));
  const { child, url } = await startChild(dataDir);
  const sockets: WebSocket[] = [];
  try {
    for (let r = 0; r < Number(values.rooms); r++) {
      const response = await fetch(`${url}/api/labs`, { method: 'POST' }).catch((error) => {
        throw new Error(`room ${r}: ${error}`);
      });
      const { room, token } = (await response.json()) as { room: string; token: string };
      const opened = Array.from({ length: Number(values.sockets) }, (_, n) => {
        const socket = new WebSocket(
          `${url.replace('http', 'ws')}/sync/${room}${n % 2 ? ':results' : ''}?token=${token}`,
        );
        sockets.push(socket);
        return new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
      });
      await Promise.all(opened);
    }
    // Let the rooms load and the first sync settle.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const times: number[] = [];
    let bytes = 0;
    for (let n = 0; n < Number(values.scrapes); n++) {
      const started = performance.now();
      const response = await fetch(`${url}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      });
      bytes = (await response.text()).length;
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(
      `metrics scrape, ${sockets.length} sockets in ${values.rooms} rooms (${values.server || 'this tree'}): p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms, ${bytes} bytes`,
    );
  } finally {
    for (const socket of sockets) socket.terminate();
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  // The server child stays up until its parent closes its stdin.
  () => values.serve || process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
