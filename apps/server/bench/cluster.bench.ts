/**
 * Cluster bench: the same load on one process (SQLite, no cluster: the baseline) and
 * on two processes in cluster mode (one store, Redis), in one run.
 *
 *   tsx apps/server/bench/cluster.bench.ts [--rooms 200] [--clients 5] [--period 5] [--seconds 60]
 *
 * Each room has `clients` stock y-websocket clients, each with a results client beside it;
 * in cluster mode a room's clients alternate between the two processes. Every client
 * edits the lab once per `period` seconds (spread evenly). Measured per edit: edit →
 * results seen by every results client of the room, per process they are connected to
 * (p50/p95/p99), and each server process's CPU and RSS. Redis is started by the bench
 * (testing/redis.ts); the store is SQLite in one data directory shared by the processes.
 * Figures are printed, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_ROOT } from '@vnetlab/shared';
import type * as Y from 'yjs';
import { startRedis } from '../src/testing/redis';
import { createRoom, type ServerProcess, startServerProcess } from '../src/testing/serverProcess';
import { connectClient, type SyncClient, whenSynced } from '../src/testing/syncClient';

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '200' },
    clients: { type: 'string', default: '5' },
    period: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '60' },
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
}

async function run(nodes: ServerProcess[]): Promise<Figures> {
  const rooms: Client[][] = [];
  for (let r = 0; r < ROOMS; r++) {
    const { room, token } = await createRoom(nodes[0]?.url ?? '', example);
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
  return { perNode, lost, usage };
}

function report(label: string, figures: Figures): void {
  figures.perNode.forEach((samples, node) => {
    const usage = figures.usage[node];
    console.log(
      `${label}, process ${node + 1}: edit → results on every client p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms (${samples.length} edits); CPU ${((usage?.cpuSeconds ?? 0) * 100).toFixed(0)}%, RSS ${(usage?.rssMiB ?? 0).toFixed(0)} MiB`,
    );
  });
  if (figures.lost > 0) console.log(`${label}: ${figures.lost} edits whose results never arrived (20 s)`);
}

async function main(): Promise<void> {
  process.setMaxListeners(0); // each y-websocket provider listens to process 'exit'
  console.log(
    `cluster bench: ${ROOMS} rooms × ${CLIENTS} clients (+ a results client each), one edit per client every ${PERIOD_MS / 1000} s, ${RUN_MS / 1000} s`,
  );
  const redis = await startRedis();
  const dirs: string[] = [];
  const nodes: ServerProcess[] = [];
  const env = { VNETLAB_MAX_SOCKETS_PER_ADDRESS: '100000' };
  try {
    const single = mkdtempSync(join(tmpdir(), 'vnetlab-cluster-bench-'));
    dirs.push(single);
    const alone = await startServerProcess(single, env);
    nodes.push(alone);
    const baseline = await run([alone]);
    await alone.kill();
    report('one process (baseline)', baseline);

    const shared = mkdtempSync(join(tmpdir(), 'vnetlab-cluster-bench-'));
    dirs.push(shared);
    const clusterEnv = { ...env, VNETLAB_REDIS_URL: redis.url };
    const pair = await Promise.all([
      startServerProcess(shared, clusterEnv),
      startServerProcess(shared, clusterEnv),
    ]);
    nodes.push(...pair);
    const cluster = await run(pair);
    report('two processes in cluster mode', cluster);
    const p95 = (figures: Figures) => Math.max(...figures.perNode.map((samples) => percentile(samples, 95)));
    console.log(`cluster p95 / one-process p95: ${(p95(cluster) / p95(baseline)).toFixed(2)}×`);
  } finally {
    for (const node of nodes) await node.kill();
    await redis.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
