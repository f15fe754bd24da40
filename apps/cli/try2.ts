import { readFileSync } from 'node:fs';
import { compileNetwork, runCommand } from '@vnetlab/engine';
import { parseLab } from '@vnetlab/shared';

const r = parseLab(JSON.parse(readFileSync(process.argv[2]!, 'utf8')));
if (!r.ok) {
  console.log(r.errors);
  process.exit(2);
}
const net = compileNetwork(r.lab);
for (const cmd of process.argv.slice(4)) {
  console.log(`${process.argv[3]}$ ${cmd}`);
  console.log(runCommand(net, process.argv[3]!, cmd).output);
}
