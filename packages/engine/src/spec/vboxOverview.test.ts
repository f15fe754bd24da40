/**
 * [VB-T] The VirtualBox manual's overview table, cell by cell, in both directions.
 * "PF" cells: unreachable without a port-forwarding rule, reachable through one.
 */
import { describe, expect, it } from 'vitest';
import { type LabInput, testLab, twoVms } from '../testing/labs';

type Cell = boolean | 'PF';

interface Row {
  readonly mode: string;
  readonly adapter: Record<string, unknown>;
  readonly extra?: LabInput;
  readonly vmToHost: Cell;
  readonly hostToVm: Cell;
  readonly vmToVm: Cell;
  readonly vmToOutside: Cell;
  readonly outsideToVm: Cell;
}

const TABLE: Row[] = [
  {
    mode: 'Host-only',
    adapter: { mode: 'hostonly' },
    vmToHost: true,
    hostToVm: true,
    vmToVm: true,
    vmToOutside: false,
    outsideToVm: false,
  },
  {
    mode: 'Internal',
    adapter: { mode: 'internal', network: 'intnet' },
    extra: {
      internalNetworks: { intnet: { dhcp: { server: '10.10.0.1', from: '10.10.0.10', to: '10.10.0.50' } } },
    },
    vmToHost: false,
    hostToVm: false,
    vmToVm: true,
    vmToOutside: false,
    outsideToVm: false,
  },
  {
    mode: 'Bridged',
    adapter: { mode: 'bridged' },
    vmToHost: true,
    hostToVm: true,
    vmToVm: true,
    vmToOutside: true,
    outsideToVm: true,
  },
  {
    mode: 'NAT',
    adapter: { mode: 'nat' },
    vmToHost: true,
    hostToVm: 'PF',
    vmToVm: false,
    vmToOutside: true,
    outsideToVm: 'PF',
  },
  {
    mode: 'NAT Network',
    adapter: { mode: 'natnetwork' },
    vmToHost: true,
    hostToVm: 'PF',
    vmToVm: true,
    vmToOutside: true,
    outsideToVm: 'PF',
  },
];

/** The same lab with a rule host:2222 -> vm1:22 where the mode takes rules. */
function withPortForward(row: Row, lab: LabInput): LabInput {
  const rule = { name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestPort: 22 };
  if (row.adapter.mode === 'nat') {
    const vms = lab.vms as Record<string, { adapters: unknown[] }>;
    return {
      ...lab,
      vms: { ...vms, vm1: { ...vms.vm1, adapters: [{ mode: 'nat', portForwards: [rule] }] } },
    };
  }
  return { ...lab, natNetworks: { NatNetwork: { portForwards: [{ ...rule, guestIp: '10.0.2.4' }] } } };
}

describe('[VB-T] VirtualBox overview of networking modes', () => {
  for (const row of TABLE) {
    describe(row.mode, () => {
      const file = twoVms(row.adapter, row.extra);
      const lab = testLab(file);
      const expectCell = (cell: Cell, actual: boolean) => expect(actual).toBe(cell === true);

      it(`[VB-T] VM → host: ${row.vmToHost}`, () => {
        expectCell(row.vmToHost, lab.ping('vm1', 'host').reachable);
        expectCell(row.vmToHost, lab.tcp('vm1', 'host', 8080).reachable);
      });

      it(`[VB-T] host → VM: ${row.hostToVm}`, () => {
        expectCell(row.hostToVm, lab.ping('host', 'vm1').reachable);
        expectCell(row.hostToVm, lab.tcp('host', 'vm1', 22).reachable);
      });

      it(`[VB-T] VM1 ↔ VM2: ${row.vmToVm}`, () => {
        expectCell(row.vmToVm, lab.ping('vm1', 'vm2').reachable);
        expectCell(row.vmToVm, lab.ping('vm2', 'vm1').reachable);
        expectCell(row.vmToVm, lab.tcp('vm2', 'vm1', 22).reachable);
      });

      it(`[VB-T] VM → LAN/internet: ${row.vmToOutside}`, () => {
        expectCell(row.vmToOutside, lab.ping('vm1', 'laptop').reachable);
        expectCell(row.vmToOutside, lab.tcp('vm1', 'laptop', 80).reachable);
        expectCell(row.vmToOutside, lab.ping('vm1', 'internet').reachable);
        expectCell(row.vmToOutside, lab.tcp('vm1', 'internet', 443).reachable);
      });

      it(`[VB-T] LAN → VM: ${row.outsideToVm}`, () => {
        expectCell(row.outsideToVm, lab.ping('laptop', 'vm1').reachable);
        expectCell(row.outsideToVm, lab.tcp('laptop', 'vm1', 22).reachable);
      });

      it('[VB-T] every failure says why in a sentence', () => {
        for (const result of [lab.ping('vm1', 'host'), lab.ping('laptop', 'vm1'), lab.ping('vm1', 'vm2')]) {
          expect(result.reason.length).toBeGreaterThan(20);
          expect(result.why.code).toMatch(/^[a-z-]+$/);
        }
      });

      if (row.hostToVm === 'PF') {
        it('[VB-T] PF: a port-forwarding rule lets the host and the LAN in, and only to that port', () => {
          const forwarded = testLab(withPortForward(row, file));
          const fromHost = forwarded.tcp('host', 'vm1', 22);
          expect(fromHost.reachable).toBe(true);
          expect(fromHost.via).toMatch(/:2222$/);
          expect(fromHost.why.code).toBe('forwarded');
          const fromLan = forwarded.tcp('laptop', 'vm1', 22);
          expect(fromLan.reachable).toBe(true);
          expect(fromLan.via).toBe('192.168.1.100:2222');
          expect(forwarded.ping('host', 'vm1').reachable).toBe(false);
          expect(forwarded.ping('laptop', 'vm1').reachable).toBe(false);
        });
      }
    });
  }
});
