/** Same lab, same bytes: every console line answers identically from a fresh compile, and never throws. */
import { parseLab } from '@vnetlab/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../compile/compileNetwork';
import { arbitraryLab } from '../testing/arbitraryLab';
import { runCommand } from './console';

const LINUX = [
  'ping -c 2 -s 100 10.0.2.2',
  'ping -q example.com',
  "curl -sS -w '%{http_code} %{time_total}' http://192.168.1.100:8080/",
  'curl -v --connect-timeout 2 http://192.168.56.1/',
  'nc -zv -w 1 10.0.2.2 22-24',
  'nc -zuv 10.0.2.3 53',
  'traceroute -n -m 4 example.com',
  'ip -br a',
  'ip -4 addr',
  'ip link',
  'sudo ip link set enp0s3 down',
  'sudo ss -tulnp',
  'dig example.com',
  'nslookup vm1',
  'arp -n',
];
const WINDOWS = ['ipconfig /all', 'ping -n 2 10.0.2.2', 'tracert -h 3 example.com', 'route print', 'arp -a'];

describe('console determinism', () => {
  it('any lab, any machine, Linux or Windows: the same bytes twice, no throw', () => {
    fc.assert(
      fc.property(
        arbitraryLab({ maxVms: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (file, windows) => {
          const vms = file.vms as Record<string, Record<string, unknown>>;
          Object.values(vms).forEach((vm, i) => {
            if (windows[i]) vm.os = 'windows';
          });
          const parse = () => {
            const result = parseLab(structuredClone(file));
            if (!result.ok) throw new Error(JSON.stringify(result.errors));
            return compileNetwork(result.lab);
          };
          const first = parse();
          const second = parse();
          for (const machine of [...Object.keys(vms), 'host']) {
            const lines = windows[Object.keys(vms).indexOf(machine)] ? WINDOWS : LINUX;
            for (const line of lines) {
              const a = runCommand(first, machine, line);
              const b = runCommand(second, machine, line);
              expect(b.output, `${machine}: ${line}`).toBe(a.output);
              expect(b.exitCode).toBe(a.exitCode);
              expect(b.edit).toEqual(a.edit);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
