/**
 * The host's table of forwarded ports (VB-NAT-5, VB-NATNET-3, VMW-2): which host
 * address and port lead to which guest, and which rules lost their port to an
 * earlier rule or to a service of the host's own.
 */
import {
  formatIpv4,
  hostIn,
  type Ipv4,
  type Lab,
  parseIpv4,
  VBOX_NAT,
  vboxNatSubnet,
  why,
} from '@vnetlab/shared';
import type { Network, PortForwardEntry } from '../compile/network';
import { isRunning } from '../compile/network';

export function buildPortForwards(network: Network, lab: Lab): void {
  if (lab.hypervisor === 'virtualbox') {
    for (const vm of lab.vms) {
      const node = network.nodes.get(vm.id)!;
      for (const adapter of vm.adapters) {
        if (adapter.mode !== 'nat') continue;
        const engine = network.nodes.get(`nat:${vm.id}/${adapter.slot}`);
        for (const rule of adapter.portForwards) {
          const guest = hostIn(vboxNatSubnet(adapter.slot, adapter.nat.natNet), VBOX_NAT.guest);
          const guestIp = rule.guestIp === '' ? guest : parseIpv4(rule.guestIp)!;
          const entry: PortForwardEntry = {
            rule,
            bind: bindAddress(rule.hostIp),
            engine: engine ?? node,
            guestIp,
            vmId: vm.id,
            owner: `${vm.name}'s adapter ${adapter.slot + 1}`,
            inactive: null,
          };
          if (!engine || !isRunning(node)) {
            entry.inactive = why('pf-inactive', {
              rule: rule.name,
              cause: { kind: 'vm-not-running', vm: vm.name },
            });
          }
          network.portForwards.push(entry);
        }
      }
    }
  }
  for (const net of lab.natNetworks) {
    const service = network.nodes.get(`natnet:${net.name}`)!;
    for (const rule of net.portForwards) {
      const guestIp = rule.guestIp === '' ? null : parseIpv4(rule.guestIp);
      const holder =
        guestIp === null
          ? undefined
          : network.segments.get(`natnetwork:${net.name}`)?.arp.get(guestIp)?.at(-1);
      network.portForwards.push({
        rule,
        bind: bindAddress(rule.hostIp),
        engine: service,
        guestIp,
        vmId: holder?.node.vmId ?? null,
        owner: `NAT network ${net.name}`,
        inactive:
          guestIp === null ? why('pf-inactive', { rule: rule.name, cause: { kind: 'no-guest-ip' } }) : null,
      });
    }
  }
  markConflicts(network);
  for (const entry of network.portForwards) {
    if (entry.vmId !== null) pushTo(network.portForwardsByVm, entry.vmId, entry);
    pushTo(network.portForwardsByPort, `${entry.rule.proto}/${entry.rule.hostPort}`, entry);
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function bindAddress(hostIp: string): Ipv4 | null {
  return hostIp === '' || hostIp === '0.0.0.0' ? null : parseIpv4(hostIp);
}

/** A host port is taken once: by a service of the host's own, or by the first rule that asks for it. */
function markConflicts(network: Network): void {
  const taken: PortForwardEntry[] = [];
  for (const entry of network.portForwards) {
    if (entry.inactive) continue;
    const { proto, hostPort, name } = entry.rule;
    if (network.host.listen.some((service) => service.proto === proto && service.port === hostPort)) {
      entry.inactive = why('pf-inactive', {
        rule: name,
        cause: { kind: 'host-service', proto, port: hostPort },
      });
      continue;
    }
    const clash = taken.find(
      (other) =>
        other.rule.proto === proto &&
        other.rule.hostPort === hostPort &&
        (other.bind === null || entry.bind === null || other.bind === entry.bind),
    );
    if (clash) {
      entry.inactive = why('pf-inactive', {
        rule: name,
        cause: { kind: 'port-taken', port: hostPort, rule: clash.rule.name, owner: clash.owner },
      });
      continue;
    }
    taken.push(entry);
  }
}

/** The rule an incoming connection to the host hits, if any. */
export function matchPortForward(
  network: Network,
  dst: Ipv4,
  proto: 'tcp' | 'udp',
  port: number,
): PortForwardEntry | null {
  for (const entry of network.portForwardsByPort.get(`${proto}/${port}`) ?? []) {
    if (entry.inactive) continue;
    if (entry.bind === null || entry.bind === dst) return entry;
  }
  return null;
}

export function describeBind(entry: PortForwardEntry): string {
  return entry.bind === null ? 'every host address' : formatIpv4(entry.bind);
}
