/**
 * Cluster bench: the same load on one process (SQLite, no cluster: the baseline), on
 * one process over PostgreSQL (the store's own cost) and on two processes in cluster
 * mode (PostgreSQL + Redis), in one run.
 *
 *   tsx apps/server/bench/cluster.bench.ts [--rooms 40] [--clients 5] [--period 5] [--seconds 30]
 *
 * Every client runs in this one process, whose CPU is printed per configuration: near a
 * whole core the figures measure it, not the servers (on a loaded machine, at 200 rooms ×
 * 5 clients, the servers used ~26 % of a core each while edits took seconds; on a quiet
 * one the clients' process used ~19 % of a core there, and edits took p95 14 ms in cluster
 * mode). The default scale stays below that; not in `pnpm bench` until the clients run in
 * processes of their own (as load.bench.ts's drivers do).
 *
 * Each room has `clients` stock y-websocket clients, each with a results client beside it;
 * in cluster mode a room's clients alternate between the two processes. Every client
 * edits the lab once per `period` seconds (spread evenly). Measured per edit: edit →
 * results seen by every results client of the room, per process they are connected to
 * (p50/p95/p99), and each server process's CPU and RSS. PostgreSQL 15 and Redis are
 * started by the bench (testing/postgres.ts, testing/redis.ts: a fresh database per
 * configuration). Figures are printed, never asserted.
 *
 * `--presence [--hz 10]`: instead, the awareness load over Redis: two processes in cluster
 * mode, each room's clients alternating between them, every client moving its cursor
 * (an awareness change) `hz` times a second. Printed: Redis commands/s (its
 * `total_commands_processed`), each server's CPU, and a cursor move -> every other client
 * of the room, p50/p95, apart for the peers on the mover's own process and the other one.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_ROOT } from '@vnetlab/shared';
import type * as Y from 'yjs';
import { startPostgres } from '../src/testing/postgres';
import { startRedis } from '../src/testing/redis';
import { createRoom, type ServerProcess, startServerProcess } from '../src/testing/serverProcess';
import { connectClient, type SyncClient, whenSynced } from '../src/testing/syncClient';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '40' },
    clients: { type: 'string', default: '5' },
    period: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '30' },
    presence: { type: 'boolean', default: false },
    hz: { type: 'string', default: '10' },
  },
});
const ROOMS = Number(values.rooms);
const CLIENTS = Number(values.clients);
const PERIOD_MS = Number(values.period) * 1000;
const RUN_MS = Number(values.seconds) * 1000;
const example = JSON.parse(
  readFileSync(new URL('../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);

interface Usage {
  cpuSeconds: number;
  rssMiB: number;
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function usageOf(pid: number): Usage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuSeconds: ticks / 100, rssMiB: (rssPages * 4096) / 1024 / 1024 };
}

interface Client {
  readonly lab: SyncClient;
  readonly results: SyncClient;
  readonly node: number;
}

function revisionOf(doc: Y.Doc): number {
  const revision = doc.getMap(RESULTS_ROOT).get('revision');
  return typeof revision === 'number' ? revision : 0;
}

/** Resolves with the time of the first results revision past `before`. */
function nextRevision(doc: Y.Doc, before: number, timeoutMs = 20_000): Promise<number> {
  if (revisionOf(doc) > before) return Promise.resolve(performance.now());
  return new Promise((resolve) => {
    const map = doc.getMap(RESULTS_ROOT);
    const timer = setTimeout(() => {
      map.unobserve(observer);
      resolve(Number.NaN);
    }, timeoutMs);
    const observer = () => {
      if (revisionOf(doc) <= before) return;
      clearTimeout(timer);
      map.unobserve(observer);
      resolve(performance.now());
    };
    map.observe(observer);
  });
}

function percentile(samples: number[], p: number): number {
  const sorted = samples.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Figures {
  /** Per process: edit → every results client of the room on that process has new results. */
  readonly perNode: number[][];
  readonly lost: number;
  readonly usage: Usage[];
  /** This process's CPU over the run (% of one core): near 100 %, the figures measure the clients. */
  readonly clientCpu: number;
}

async function run(nodes: ServerProcess[]): Promise<Figures> {
  const rooms: Client[][] = [];
  for (let r = 0; r < ROOMS; r++) {
    // Created on each process in turn, as behind a round-robin balancer: the process that
    // creates a room loads it first and takes its lease, so the engines spread too.
    const { room, token } = await createRoom(nodes[r % nodes.length]?.url ?? '', example);
    const clients: Client[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const node = c % nodes.length;
      const wsUrl = nodes[node]?.wsUrl ?? '';
      clients.push({
        node,
        lab: connectClient(wsUrl, room, token),
        results: connectClient(wsUrl, `${room}:results`, token),
      });
    }
    rooms.push(clients);
  }
  const all = rooms.flat();
  for (const client of all) {
    await whenSynced(client.lab, 60_000);
    await whenSynced(client.results, 60_000);
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const usageBefore = nodes.map((node) => usageOf(node.child.pid ?? 0));
  const perNode: number[][] = nodes.map(() => []);
  let lost = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const clientCpuBefore = process.cpuUsage();
  // Every client edits once per period, the clients spread evenly over it.
  const gap = PERIOD_MS / all.length;
  let tick = 0;
  while (performance.now() - started < RUN_MS) {
    const client = all[tick % all.length];
    const room = rooms[Math.floor((tick % all.length) / CLIENTS)];
    tick++;
    if (client && room) {
      const befores = room.map((peer) => revisionOf(peer.results.doc));
      const t0 = performance.now();
      client.lab.doc.getMap('lab').set('title', `edit ${tick}`);
      pending.push(
        Promise.all(room.map((peer, i) => nextRevision(peer.results.doc, befores[i] ?? 0))).then((times) => {
          nodes.forEach((_, node) => {
            const mine = times.filter((_time, i) => room[i]?.node === node);
            if (mine.length === 0) return;
            if (mine.some(Number.isNaN)) lost++;
            else perNode[node]?.push(Math.max(...mine) - t0);
          });
        }),
      );
    }
    const next = started + tick * gap;
    const wait = next - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const clientCpuUsed = process.cpuUsage(clientCpuBefore);
  const clientCpu = (clientCpuUsed.user + clientCpuUsed.system) / 1e6 / elapsed;
  const usage = nodes.map((node, i) => {
    const after = usageOf(node.child.pid ?? 0);
    return {
      cpuSeconds: (after.cpuSeconds - (usageBefore[i]?.cpuSeconds ?? 0)) / elapsed,
      rssMiB: after.rssMiB,
    };
  });
  for (const client of all) {
    client.lab.destroy();
    client.results.destroy();
  }
  return { perNode, lost, usage, clientCpu };
}

function report(label: string, figures: Figures): void {
  figures.perNode.forEach((samples, node) => {
    const usage = figures.usage[node];
    console.log(
      `${label}, process ${node + 1}: edit → results on every client p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms (${samples.length} edits); CPU ${((usage?.cpuSeconds ?? 0) * 100).toFixed(0)}%, RSS ${(usage?.rssMiB ?? 0).toFixed(0)} MiB`,
    );
  });
  console.log(`${label}: the clients' process used ${(figures.clientCpu * 100).toFixed(0)}% of a core`);
  if (figures.lost > 0) console.log(`${label}: ${figures.lost} edits whose results never arrived (20 s)`);
}

/** Redis's count of commands processed so far (`INFO stats`). */
function redisCommands(port: number): number {
  const info = execFileSync('redis-cli', ['-p', String(port), 'INFO', 'stats'], { encoding: 'utf8' });
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

/** Cursor moves at `hz` per client over two cluster processes: Redis load, server CPU, relay times. */
async function presenceRun(nodes: ServerProcess[], redisPort: number, hz: number): Promise<void> {
  const rooms: Client[][] = [];
  for (let r = 0; r < ROOMS; r++) {
    const { room, token } = await createRoom(nodes[r % nodes.length]?.url ?? '', example);
    rooms.push(
      Array.from({ length: CLIENTS }, (_, c) => {
        const node = c % nodes.length;
        const lab = connectClient(nodes[node]?.wsUrl ?? '', room, token);
        return { node, lab, results: lab };
      }),
    );
  }
  const all = rooms.flat();
  for (const client of all) await whenSynced(client.lab, 60_000);
  // Each move carries when it was made (one clock: every client is in this process).
  const local: number[] = [];
  const remote: number[] = [];
  let measuring = false;
  all.forEach((client, index) => {
    const awareness = client.lab.provider.awareness;
    awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if (!measuring) return;
      for (const id of [...updated, ...added]) {
        if (id === awareness.clientID) continue;
        const state = awareness.getStates().get(id) as { cursor?: { t: number; from: number } } | undefined;
        const cursor = state?.cursor;
        if (!cursor || cursor.t === 0) continue; // the state set before the run
        (all[cursor.from]?.node === client.node ? local : remote).push(performance.now() - cursor.t);
      }
    });
    awareness.setLocalState({ user: { name: `c${index}` }, cursor: { x: 0, y: 0, t: 0, from: index } });
  });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  measuring = true;
  const usageBefore = nodes.map((node) => usageOf(node.child.pid ?? 0));
  const commandsBefore = redisCommands(redisPort);
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const gap = 1000 / hz / all.length;
  let tick = 0;
  while (performance.now() - started < RUN_MS) {
    const index = tick % all.length;
    const client = all[index];
    tick++;
    client?.lab.provider.awareness.setLocalStateField('cursor', {
      x: tick % 1000,
      y: tick % 700,
      t: performance.now(),
      from: index,
    });
    const wait = started + tick * gap - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const commands = (redisCommands(redisPort) - commandsBefore) / elapsed;
  const clientCpuUsed = process.cpuUsage(clientCpuBefore);
  console.log(
    `presence over Redis, ${ROOMS} rooms × ${CLIENTS} clients, cursor moves at ${hz} Hz each (${(tick / elapsed).toFixed(0)} moves/s sent; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}): Redis ${commands.toFixed(0)} commands/s`,
  );
  nodes.forEach((node, i) => {
    const after = usageOf(node.child.pid ?? 0);
    console.log(
      `  process ${i + 1}: CPU ${(((after.cpuSeconds - (usageBefore[i]?.cpuSeconds ?? 0)) / elapsed) * 100).toFixed(0)}%, RSS ${after.rssMiB.toFixed(0)} MiB`,
    );
  });
  console.log(
    `  move -> a peer on the same process p50 ${percentile(local, 50).toFixed(1)} ms, p95 ${percentile(local, 95).toFixed(1)} ms (${local.length}); on the other process p50 ${percentile(remote, 50).toFixed(1)} ms, p95 ${percentile(remote, 95).toFixed(1)} ms (${remote.length}); the clients' process used ${(((clientCpuUsed.user + clientCpuUsed.system) / 1e6 / elapsed) * 100).toFixed(0)}% of a core`,
  );
  for (const client of all) client.lab.destroy();
}

async function main(): Promise<void> {
  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  if (values.presence) return presenceMain();
  console.log(
    `cluster bench: ${ROOMS} rooms × ${CLIENTS} clients (+ a results client each), one edit per client every ${PERIOD_MS / 1000} s, ${RUN_MS / 1000} s`,
  );
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-cluster-bench-'));
  const nodes: ServerProcess[] = [];
  const env = { VNETLAB_MAX_SOCKETS_PER_ADDRESS: '100000', VNETLAB_ROOMS_PER_MINUTE: '100000' };
  const start = async (extra: Record<string, string>) => {
    const node = await startServerProcess(dataDir, { ...env, ...extra });
    nodes.push(node);
    return node;
  };
  try {
    const alone = await start({});
    const baseline = await run([alone]);
    await alone.kill();
    report('one process, SQLite (baseline)', baseline);

    const overPostgres = await start({ VNETLAB_DATABASE_URL: await postgres.createDatabase() });
    const storeOnly = await run([overPostgres]);
    await overPostgres.kill();
    report('one process, PostgreSQL', storeOnly);

    const clusterEnv = {
      VNETLAB_DATABASE_URL: await postgres.createDatabase(),
      VNETLAB_REDIS_URL: redis.url,
    };
    // One after the other: the first creates the tables.
    const pair = [await start(clusterEnv), await start(clusterEnv)];
    const cluster = await run(pair);
    report('two processes in cluster mode', cluster);
    const p95 = (figures: Figures) => Math.max(...figures.perNode.map((samples) => percentile(samples, 95)));
    console.log(
      `p95 against the baseline: one process over PostgreSQL ${(p95(storeOnly) / p95(baseline)).toFixed(2)}×, two in cluster mode ${(p95(cluster) / p95(baseline)).toFixed(2)}×`,
    );
  } finally {
    for (const node of nodes) await node.kill();
    await Promise.all([redis.stop(), postgres.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function presenceMain(): Promise<void> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vnetlab-cluster-bench-'));
  const env = {
    VNETLAB_MAX_SOCKETS_PER_ADDRESS: '100000',
    VNETLAB_ROOMS_PER_MINUTE: '100000',
    VNETLAB_DATABASE_URL: await postgres.createDatabase(),
    VNETLAB_REDIS_URL: redis.url,
  };
  const nodes: ServerProcess[] = [];
  try {
    // One after the other: the first creates the tables.
    for (let n = 0; n < 2; n++) nodes.push(await startServerProcess(dataDir, env));
    await presenceRun(nodes, redis.port, Number(values.hz));
  } finally {
    for (const node of nodes) await node.kill();
    await Promise.all([redis.stop(), postgres.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
