/**
 * History bench: what the room's timeline costs the server per computation, for a
 * classroom lab (2 VMs) and a big one (30 VMs, under the matrix limit of 40 machines), and how big one entry is.
 *
 *   tsx apps/server/bench/history.bench.ts [--runs 300]
 *
 * Each run: one adapter mode flipped, then diffLab over the whole lab and matrixFlips
 * over both matrices (what RoomHistory.record does besides the Yjs push). Printed, never asserted.
 */
import { parseArgs } from 'node:util';
import type { JsonObject } from '@vnetlab/shared';
import { evaluateInProcess } from '../src/engine/labEngine';
import { diffLab } from '../src/history/labDiff';
import { matrixFlips } from '../src/history/matrixFlips';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '300' } } });
const runs = Number(values.runs);

function lab(vms: number): JsonObject {
  const machines: JsonObject = {};
  for (let i = 1; i <= vms; i++) {
    machines[`vm${i}`] = { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }], listen: ['tcp/22'] };
  }
  return {
    format: 'vnetlab/1',
    natNetworks: { NatNetwork: { cidr: '10.0.0.0/16', dhcp: true } },
    vms: machines,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

for (const size of [2, 30]) {
  const before = lab(size);
  const after = structuredClone(before);
  ((after.vms as JsonObject).vm2 as { adapters: { mode: string }[] }).adapters[0]!.mode = 'nat';
  const [m1, m2] = [(await evaluateInProcess(before)).matrix, (await evaluateInProcess(after)).matrix];
  const times: number[] = [];
  let entry = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const changes = diffLab(before, after);
    const flips = matrixFlips(m1, m2);
    times.push(performance.now() - started);
    entry = JSON.stringify({ changes, flips });
  }
  times.sort((a, b) => a - b);
  console.log(
    `${String(size).padStart(2)} VMs: diff + flips p50 ${percentile(times, 0.5).toFixed(3)} ms, p95 ${percentile(times, 0.95).toFixed(3)} ms; one entry ${entry.length} bytes`,
  );
}
