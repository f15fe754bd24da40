/**
 * What each machine actually got: its interfaces, leased addresses, MACs and
 * links — the "ip addr" of every machine at a glance, for the room's page.
 */
import { english, formatIpv4, type Why } from '@vnetlab/shared';
import type { Iface, Network } from '../compile/network';
import { endpointsOf } from '../matrix/matrix';
import { segmentLabel } from '../probe/walk';

export interface MachineIface {
  readonly name: string;
  /** The VM adapter slot (0-based); null for the host's and devices' NICs. */
  readonly slot: number | null;
  readonly mac: string;
  /** "a.b.c.d/len" */
  readonly addresses: readonly string[];
  readonly up: boolean;
  readonly addressing: Iface['addressing']['kind'];
  /** The network it is plugged into, as a student names it; null when not attached. */
  readonly network: string | null;
  readonly gateway: string | null;
}

export interface Machine {
  readonly id: string;
  readonly label: string;
  readonly kind: 'host' | 'vm' | 'device';
  readonly running: boolean;
  /** Why it did not start, when it did not. */
  readonly problem: string | null;
  readonly problemWhy: Why | null;
  readonly ifaces: readonly MachineIface[];
}

export function describeMachines(network: Network): Machine[] {
  return endpointsOf(network).map((node) => ({
    id: node.id,
    label: node.label,
    kind: node.kind as Machine['kind'],
    running: node.notStarted === null,
    problem: node.notStarted ? english(node.notStarted) : null,
    problemWhy: node.notStarted,
    ifaces: node.ifaces.map((iface) => {
      const addressing = iface.addressing;
      const gateway = addressing.kind === 'dhcp' || addressing.kind === 'static' ? addressing.gateway : null;
      return {
        name: iface.name,
        slot: iface.slot,
        mac: iface.mac,
        addresses: iface.addrs.map((address) => `${formatIpv4(address.ip)}/${address.prefix}`),
        up: iface.up,
        addressing: addressing.kind,
        network: iface.segment ? segmentLabel(iface.segment) : null,
        gateway: gateway === null ? null : formatIpv4(gateway),
      };
    }),
  }));
}
