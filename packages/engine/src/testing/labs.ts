/** Test helpers: a lab from a partial file, and one-line probes against it. */
import { describeLabError, type Lab, parseLab } from '@vnetlab/shared';
import { compileNetwork } from '../compile/compileNetwork';
import type { Network } from '../compile/network';
import { type ConsoleResult, runCommand } from '../console/console';
import { type ProbeResult, probe } from '../probe/probe';

export type LabInput = Record<string, unknown>;

export function labOf(file: LabInput): Lab {
  const parsed = parseLab({ format: 'vnetlab/1', ...file });
  if (!parsed.ok) throw new Error(parsed.errors.map(describeLabError).join('\n'));
  return parsed.lab;
}

export interface TestLab {
  readonly lab: Lab;
  readonly network: Network;
  ping(from: string, to: string): ProbeResult;
  tcp(from: string, to: string, port: number): ProbeResult;
  exec(machine: string, command: string): string;
  /** The whole answer: output, exit status, probe and lab edit. */
  run(machine: string, command: string): ConsoleResult;
}

export function testLab(file: LabInput): TestLab {
  const lab = labOf(file);
  const network = compileNetwork(lab);
  return {
    lab,
    network,
    ping: (from, to) => probe(network, { from, to, kind: 'ping' }),
    tcp: (from, to, port) => probe(network, { from, to, kind: 'tcp', port }),
    exec: (machine, command) => runCommand(network, machine, command).output,
    run: (machine, command) => runCommand(network, machine, command),
  };
}

/** Two VMs with one adapter each in `mode`, listening on tcp/22, plus a LAN laptop. */
export function twoVms(adapter: Record<string, unknown>, extra: LabInput = {}): LabInput {
  return {
    lans: { home: { devices: { laptop: { listen: ['tcp/80'] } } } },
    host: { listen: ['tcp/8080'] },
    vms: {
      vm1: { adapters: [adapter], listen: ['tcp/22'] },
      vm2: { adapters: [adapter], listen: ['tcp/22'] },
    },
    ...extra,
  };
}

/** The address a machine got on its adapter `slot`, as the guest prints it. */
export function addressOf(network: Network, machine: string, slot = 0): string | null {
  const address = network.nodes.get(machine)?.ifaces[slot]?.addrs[0];
  if (!address) return null;
  const ip = address.ip;
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}
