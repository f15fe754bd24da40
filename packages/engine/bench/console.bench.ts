/**
 * The console's cost per line (`pnpm tsx packages/engine/bench/console.bench.ts`):
 * median microseconds of each command on the lab-format example, network compiled
 * once (as a room's server thread does per exec, plus one compile). Asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { compileNetwork, runCommand } from '@vnetlab/engine';
import { parseLab } from '@vnetlab/shared';

const file = JSON.parse(
  readFileSync(new URL('../../../scenarios/lab-format-example.json', import.meta.url), 'utf8'),
);
const parsed = parseLab(file);
if (!parsed.ok) throw new Error('the example lab does not parse');
const lab = parsed.lab;
const LINES = [
  'ping -c 4 10.0.2.2',
  "curl -s -o /dev/null -w '%{http_code}' http://example.com/",
  'nc -zv -w 2 192.168.56.1 8080',
  'traceroute -n example.com',
  'ip -br addr',
  'sudo ss -tulnp',
  'dig example.com',
  'sudo ip link set enp0s3 down',
];

function median(run: () => void, times = 300): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const network = compileNetwork(lab);
console.log(
  `compile            ${median(() => compileNetwork(lab))
    .toFixed(1)
    .padStart(8)} µs`,
);
for (const line of LINES) {
  console.log(
    `${line.padEnd(60)} ${median(() => runCommand(network, 'web', line))
      .toFixed(1)
      .padStart(8)} µs`,
  );
}
