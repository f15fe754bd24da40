/**
 * `pnpm bench` (engine part): labs of 10, 100 and 1,000 VMs mixing every mode.
 * Prints medians and the 1,000/100 growth ratios; asserts nothing.
 *
 * - compile: lab -> network
 * - probe: one name probe across the host's NAT (vm → internet)
 * - recompute: what a room redoes after one adapter edit — parse, compile, goals, diagnostics
 * - matrix: every source × target × (ping + each listening port)
 */
import { compileNetwork, computeMatrix, diagnose, evaluateGoals, probe } from '@vnetlab/engine';
import { parseLab } from '@vnetlab/shared';
import { mixedLab } from './mixedLab';

const SIZES = [10, 100, 1000] as const;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(runs: number, fn: () => void): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up: let the JIT settle
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

interface Row {
  size: number;
  compile: number;
  probe: number;
  recompute: number;
  matrix: number;
  cells: number;
  pairs: number;
}

const rows: Row[] = [];
for (const size of SIZES) {
  const file = mixedLab(size);
  const parsed = parseLab(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const lab = parsed.lab;
  const runs = size === 1000 ? 15 : 40;
  const compile = time(runs, () => compileNetwork(lab));
  const network = compileNetwork(lab);
  const probeMs = time(runs * 10, () => probe(network, { from: 'vm0', to: 'internet', kind: 'ping' }));
  // One student edit: adapter 1 of vm1 flips between NAT Network and host-only.
  let flip = false;
  const editable = file as { vms: Record<string, { adapters: { mode: string }[] }> };
  const recompute = time(runs, () => {
    flip = !flip;
    editable.vms.vm1!.adapters[0]!.mode = flip ? 'hostonly' : 'natnetwork';
    const result = parseLab(file);
    if (!result.ok) throw new Error('edit refused');
    const net = compileNetwork(result.lab);
    evaluateGoals(result.lab, net);
    diagnose(result.lab, net);
  });
  let cells = 0;
  const matrix = time(size === 1000 ? 1 : 5, () => {
    cells = computeMatrix(network).cells.length;
  });
  const endpoints = size + 2; // VMs, the host, the laptop-less LAN has no devices; + internet as a target
  rows.push({ size, compile, probe: probeMs, recompute, matrix, cells, pairs: endpoints * (endpoints - 1) });
  console.log(
    `${String(size).padStart(5)} VMs  compile ${compile.toFixed(2)} ms  probe ${(probeMs * 1000).toFixed(1)} µs  recompute ${recompute.toFixed(2)} ms  matrix ${matrix.toFixed(0)} ms (${cells} cells, ${((matrix * 1000) / cells).toFixed(2)} µs/cell)`,
  );
}

const [, hundred, thousand] = rows;
if (hundred && thousand) {
  const ratio = (a: number, b: number) => (a / b).toFixed(1);
  console.log('\ngrowth 1,000 / 100 VMs (the lab is 10× larger; the number of pairs grows ~100×):');
  console.log(`  compile   ×${ratio(thousand.compile, hundred.compile)}`);
  console.log(`  probe     ×${ratio(thousand.probe, hundred.probe)}`);
  console.log(
    `  recompute ×${ratio(thousand.recompute, hundred.recompute)}  (${thousand.recompute.toFixed(2)} ms; one 60 Hz frame is 16.7 ms)`,
  );
  console.log(
    `  matrix    ×${ratio(thousand.matrix, hundred.matrix)}  vs pairs ×${ratio(thousand.pairs, hundred.pairs)}, cells ×${ratio(thousand.cells, hundred.cells)}`,
  );
}
