/**
 * `pnpm bench` (editor part): what one keystroke in the VM dialog costs the page in a
 * room of 10, 100 and 1,000 VMs — the edit (one `setField` transaction, as the editor
 * makes it) and the page's check of the lab (`parseLab`, for the errors at the fields).
 * Prints p50/p95 in milliseconds; asserts nothing.
 */
import * as Y from 'yjs';
import { parseLab, readLab, setField, writeLab } from '../src/index';

function lab(vmCount: number): Record<string, unknown> {
  const vms: Record<string, unknown> = {};
  for (let i = 0; i < vmCount; i++) {
    vms[`vm${i + 1}`] = {
      adapters: [{ mode: i % 2 ? 'natnetwork' : 'nat' }, { mode: 'hostonly', network: 'vboxnet0' }],
      listen: ['tcp/22'],
    };
  }
  return { format: 'vnetlab/1', natNetworks: { NatNetwork: {} }, hostOnlyNetworks: { vboxnet0: {} }, vms };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function measure(runs: number, step: (i: number) => void): { p50: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    step(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const origin = { kind: 'person', clientID: 1 };
for (const size of [10, 100, 1000]) {
  const doc = new Y.Doc();
  writeLab(doc, lab(size), { kind: 'bench' });
  const runs = size >= 1000 ? 40 : 200;
  const address = 'vm1.adapters[0].ip.address';
  const edit = measure(runs, (i) =>
    setField(doc, ['vms', 'vm1', 'adapters', 0, 'ip', 'address'], `10.0.2.${(i % 200) + 1}/24`, origin),
  );
  const check = measure(runs, () => parseLab(readLab(doc)));
  console.log(
    `labEdits ${String(size).padStart(4)} VMs: keystroke edit (${address}) p50 ${edit.p50.toFixed(2)} ms p95 ${edit.p95.toFixed(2)} ms; ` +
      `page's parseLab p50 ${check.p50.toFixed(2)} ms p95 ${check.p95.toFixed(2)} ms`,
  );
}
