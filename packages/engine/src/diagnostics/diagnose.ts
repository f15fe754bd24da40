/**
 * What a teacher would spot by looking at the setup: clashes (MACs, addresses,
 * DHCP servers, host ports), missing networks, clients without a lease, Wi-Fi
 * bridges, and how large each broadcast domain is. Each names the field to change.
 */
import { formatIpv4, type Lab } from '@vnetlab/shared';
import type { Network } from '../compile/network';
import { missingNetwork } from '../compile/vms';
import { formatMac, segmentLabel } from '../probe/walk';
import { english } from '../why/english';
import { type Why, why } from '../why/why';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: Why['code'];
  readonly params: Why['params'];
  readonly text: string;
  /** The lab field to look at, as a lab-format path ("vms.web.adapters[1].network"); "" when none. */
  readonly path: string;
}

export function diagnose(lab: Lab, network: Network): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (severity: Severity, verdict: Why, path = '') =>
    out.push({ severity, code: verdict.code, params: verdict.params, text: english(verdict), path });

  const macOwners = new Map<string, string>();
  for (const vm of lab.vms) {
    for (const adapter of vm.adapters) {
      const path = `vms.${vm.id}.adapters[${adapter.slot}]`;
      const missing = missingNetwork(network, lab, adapter);
      if (missing !== null) {
        add(
          'error',
          why('missing-network', {
            vm: vm.name,
            adapter: adapter.slot + 1,
            mode: adapter.mode,
            network: missing,
          }),
          `${path}.network`,
        );
      }
      const label = `${vm.name} (adapter ${adapter.slot + 1})`;
      const earlier = macOwners.get(adapter.mac);
      if (earlier)
        add('error', why('dup-mac', { mac: formatMac(adapter.mac), a: earlier, b: label }), `${path}.mac`);
      else macOwners.set(adapter.mac, label);
      if (adapter.mode === 'bridged') {
        const nic = lab.host.nics.find((candidate) => candidate.name === adapter.network);
        if (nic?.kind === 'wifi')
          add(
            'info',
            why('wifi-bridge', { vm: vm.name, adapter: adapter.slot + 1, nic: nic.name }),
            `${path}.network`,
          );
      }
      const iface = network.nodes.get(vm.id)?.ifaces[adapter.slot];
      if (iface?.addressing.kind === 'dhcp-failed' && iface.segment) {
        add(
          'warning',
          why('dhcp-no-server', {
            vm: vm.name,
            adapter: adapter.slot + 1,
            network: segmentLabel(iface.segment),
          }),
          `${path}.ip`,
        );
      }
      if (lab.hypervisor === 'virtualbox' && adapter.mode === 'nat' && lab.host.os !== 'windows') {
        adapter.portForwards.forEach((rule, index) => {
          if (rule.hostPort < 1024) {
            add(
              'error',
              why('pf-privileged', { vm: vm.name, rule: rule.name, port: rule.hostPort, os: lab.host.os }),
              `${path}.portForwards[${index}].hostPort`,
            );
          }
        });
      }
    }
  }

  for (const segment of network.segments.values()) {
    const label = segmentLabel(segment);
    for (const [ip, ifaces] of segment.arp) {
      const nodes = [...new Set(ifaces.map((iface) => iface.node))];
      if (nodes.length > 1) {
        add(
          'error',
          why('dup-address', {
            address: formatIpv4(ip),
            network: label,
            a: nodes[0]!.label,
            b: nodes[1]!.label,
          }),
        );
      }
    }
    const servers = segment.dhcpServers.map((server) => server.owner);
    for (const iface of segment.ifaces) {
      if (
        iface.up &&
        iface.node.kind === 'vm' &&
        iface.node.listen.some((s) => s.proto === 'udp' && s.port === 67)
      ) {
        servers.push(`a DHCP server on ${iface.node.label}`);
      }
    }
    if (servers.length > 1)
      add('warning', why('two-dhcp-servers', { network: label, a: servers[0]!, b: servers[1]! }));
    const vms = segment.ifaces.filter((iface) => iface.node.kind === 'vm' && iface.up).length;
    if (vms > 0 && segment.kind !== 'nat')
      add('info', why('broadcast-domain', { network: label, size: segment.ifaces.length }));
  }

  const entries = network.portForwards;
  entries.forEach((entry, index) => {
    for (const other of entries.slice(0, index)) {
      const sameBind = other.bind === null || entry.bind === null || other.bind === entry.bind;
      if (sameBind && other.rule.proto === entry.rule.proto && other.rule.hostPort === entry.rule.hostPort) {
        add(
          'error',
          why('pf-conflict', {
            a: `rule "${other.rule.name}" of ${other.owner}`,
            b: `rule "${entry.rule.name}" of ${entry.owner}`,
            port: entry.rule.hostPort,
            bind: entry.bind === null ? 'every host address' : formatIpv4(entry.bind),
          }),
        );
        break;
      }
    }
    if (entry.engine.kind === 'nat-service' && entry.guestIp !== null && entry.vmId === null) {
      add(
        'warning',
        why('pf-no-guest', {
          network: entry.engine.id.slice('natnet:'.length),
          rule: entry.rule.name,
          guestIp: formatIpv4(entry.guestIp),
        }),
      );
    }
  });
  return out;
}
