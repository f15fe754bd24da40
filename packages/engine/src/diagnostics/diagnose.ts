/**
 * What a teacher would spot by looking at the setup: clashes (MACs, addresses,
 * DHCP servers, host ports), missing networks, clients without a lease, Wi-Fi
 * bridges, and how large each broadcast domain is. Each names the field to change.
 */
import { english, formatCidr, formatIpv4, type Lab, productName, type Why, why } from '@vnetlab/shared';
import { ICS, usesIcs } from '../compile/infrastructure';
import { isRunning, type Network, type PortForwardEntry } from '../compile/network';
import { bridgedNic, missingNetwork } from '../compile/vms';
import { addressesOf } from '../probe/endpoints';
import { leaseProblem } from '../probe/sourceProblem';
import { formatMac, segmentLabel } from '../probe/walk';
import { usesHostOnlyNetworks } from '../rules/versions';
import { diagnoseAddressing } from './addressing';
import { diagnoseLibvirt } from './libvirt';
import { diagnosePromiscuous } from './promiscuous';
import { diagnoseVersions } from './versions';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: Why['code'];
  readonly params: Why['params'];
  readonly text: string;
  /** The lab field to look at, as a lab-format path ("vms.web.adapters[1].network"); "" when none. */
  readonly path: string;
}

export type Add = (severity: Severity, verdict: Why, path?: string) => void;

export function diagnose(lab: Lab, network: Network): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add: Add = (severity, verdict, path = '') =>
    out.push({ severity, code: verdict.code, params: verdict.params, text: english(verdict), path });
  diagnoseAdapters(lab, network, add);
  diagnoseAddressing(lab, network, add);
  diagnoseSegments(network, add);
  diagnosePortForwards(network, add);
  diagnoseSharing(lab, add);
  diagnoseVersions(lab, add);
  diagnoseLibvirt(lab, network, add);
  diagnosePromiscuous(lab, add);
  return out;
}

function diagnoseSharing(lab: Lab, add: Add): void {
  lab.host.share.forEach((share, index) => {
    const path = `host.share[${index}]`;
    const hostOnly = lab.hostOnlyNetworks.find((net) => net.name === share.network);
    if (!hostOnly) {
      add(
        'error',
        why('share-unknown', {
          field: 'network',
          name: share.network,
          what: 'a host-only network',
          product: lab.hypervisor,
        }),
        `${path}.network`,
      );
    }
    if (!lab.host.nics.some((nic) => nic.name === share.via)) {
      add(
        'error',
        why('share-unknown', { field: 'via', name: share.via, what: 'a NIC of the host' }),
        `${path}.via`,
      );
    }
    if (hostOnly && usesIcs(lab, share.network)) {
      add(
        'warning',
        why('ics-readdress', {
          network: share.network,
          from: hostOnly.hostIp,
          to: formatCidr(ICS.address),
          product: lab.hypervisor,
          dhcp: hostOnly.dhcp === null ? 'off' : 'on',
        }),
        `${path}.network`,
      );
    } else if (
      hostOnly &&
      hostOnly.dhcp !== null &&
      // DHCP-3: a router handed out by hand (--set-opt=3) is the gateway the trap lacks.
      hostOnly.dhcp.options.router === null &&
      lab.host.os !== 'windows'
    ) {
      // VMW-14 / VB-HO-3 on a Linux or macOS host: no ICS to re-address anything; the host
      // routes, but the product's own DHCP keeps handing out leases without a gateway.
      const product = gatewaylessHostOnlyDhcp(lab);
      if (product === null) return;
      add(
        'warning',
        why('share-no-gateway', {
          network: share.network,
          via: share.via,
          host: hostOnly.hostIp.replace(/\/\d+$/, ''),
          os: lab.host.os,
          product,
        }),
        `${path}.network`,
      );
    }
  });
}

/**
 * Whose host-only DHCP server gives no gateway: VMware's (VMW-15) and VirtualBox's host-only
 * adapters' (VB-HO-1); not macOS's vmnet under VirtualBox 7, which hands out the host (VB7-HO-1).
 */
function gatewaylessHostOnlyDhcp(lab: Lab): 'virtualbox' | 'vmware' | null {
  if (lab.hypervisor === 'vmware') return 'vmware';
  if (lab.hypervisor === 'virtualbox' && !usesHostOnlyNetworks(lab)) return 'virtualbox';
  return null;
}

function diagnoseAdapters(lab: Lab, network: Network, add: Add): void {
  const macOwners = new Map<string, string>();
  for (const vm of lab.vms) {
    for (const adapter of vm.adapters) {
      const path = `vms.${vm.id}.adapters[${adapter.slot}]`;
      const number = adapter.slot + 1;
      const missing = missingNetwork(network, lab, adapter);
      if (missing !== null) {
        add(
          // VMW-11: VMware still powers the VM on, that adapter disconnected.
          lab.hypervisor === 'vmware' ? 'warning' : 'error',
          why('missing-network', {
            vm: vm.name,
            adapter: number,
            mode: adapter.mode,
            network: missing,
            product: lab.hypervisor,
          }),
          `${path}.network`,
        );
      }
      const label = `${vm.name} (adapter ${number})`;
      const earlier = macOwners.get(adapter.mac);
      if (earlier)
        add('error', why('dup-mac', { mac: formatMac(adapter.mac), a: earlier, b: label }), `${path}.mac`);
      else macOwners.set(adapter.mac, label);
      if (adapter.mode === 'bridged') {
        // Through a bridged VMnet too (VMW-6): the NIC it bridges to is what matters.
        const nic = bridgedNic(lab, adapter.network);
        if (nic?.kind === 'wifi' && lab.hypervisor === 'libvirt')
          add(
            'error',
            why('wifi-no-bridge', {
              vm: vm.name,
              adapter: number,
              nic: nic.name,
              macvtap: adapter.macvtap ? 'yes' : 'no',
            }),
            `${path}.network`,
          );
        else if (nic?.kind === 'wifi')
          add(
            'info',
            why('wifi-bridge', {
              vm: vm.name,
              adapter: number,
              nic: nic.name,
              product: productName(lab.hypervisor),
            }),
            `${path}.network`,
          );
      }
      const iface = network.nodes.get(vm.id)?.ifaces[adapter.slot];
      // A cut-off link (LV-8) has its own error above; its failed DHCP says nothing more.
      if (iface?.addressing.kind === 'dhcp-failed' && iface.segment && !iface.cutOff) {
        const problem = leaseProblem(iface.node, iface, lab.hypervisor);
        const verdict =
          problem.code === 'dhcp-pool-empty'
            ? problem
            : why('dhcp-no-server', {
                vm: vm.name,
                adapter: number,
                network: segmentLabel(iface.segment),
                product: lab.hypervisor,
              });
        add('warning', verdict, `${path}.ip`);
      }
      if (lab.hypervisor === 'virtualbox' && adapter.mode === 'nat' && lab.host.os !== 'windows') {
        adapter.portForwards.forEach((rule, index) => {
          if (rule.hostPort >= 1024) return;
          const verdict = why('pf-privileged', {
            vm: vm.name,
            rule: rule.name,
            port: rule.hostPort,
            os: lab.host.os,
          });
          add('error', verdict, `${path}.portForwards[${index}].hostPort`);
        });
      }
    }
  }
}

function diagnoseSegments(network: Network, add: Add): void {
  for (const segment of network.segments.values()) {
    const label = segmentLabel(segment);
    for (const [ip, ifaces] of segment.arp) {
      if (ifaces.length < 2) continue;
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
    let vms = 0;
    for (const iface of segment.ifaces) {
      if (!iface.up || iface.node.kind !== 'vm') continue;
      vms++;
      if (iface.node.listen.some((service) => service.proto === 'udp' && service.port === 67)) {
        servers.push(`a DHCP server on ${iface.node.label}`);
      }
    }
    if (servers.length > 1)
      add('warning', why('two-dhcp-servers', { network: label, a: servers[0]!, b: servers[1]! }));
    if (vms > 0 && segment.kind !== 'nat')
      add('info', why('broadcast-domain', { network: label, size: segment.ifaces.length }));
  }
}

function diagnosePortForwards(network: Network, add: Add): void {
  // Rules that want one host port, in order: a clash is with an earlier rule of the same port.
  const byPort = new Map<string, PortForwardEntry[]>();
  const hostAddresses = addressesOf(network.host);
  for (const entry of network.portForwards) {
    const key = `${entry.rule.proto}/${entry.rule.hostPort}`;
    const earlier = byPort.get(key) ?? [];
    const clash = earlier.find(
      (other) => other.bind === null || entry.bind === null || other.bind === entry.bind,
    );
    if (clash) {
      add(
        'error',
        why('pf-conflict', {
          a: `rule "${clash.rule.name}" of ${clash.owner}`,
          b: `rule "${entry.rule.name}" of ${entry.owner}`,
          port: entry.rule.hostPort,
          bind: entry.bind === null ? 'every host address' : formatIpv4(entry.bind),
        }),
      );
    }
    earlier.push(entry);
    byPort.set(key, earlier);
    if (entry.guestIp !== null && !guestHolds(network, entry)) {
      add(
        'warning',
        why('pf-no-guest', {
          network: entry.owner,
          rule: entry.rule.name,
          guestIp: formatIpv4(entry.guestIp),
        }),
      );
    }
    if (entry.bind !== null && entry.bind >>> 24 !== 127 && !hostAddresses.includes(entry.bind)) {
      add(
        'warning',
        why('pf-bind-unknown', { rule: entry.rule.name, owner: entry.owner, bind: formatIpv4(entry.bind) }),
      );
    }
    const service = network.host.listen.find(
      (s) => s.proto === entry.rule.proto && s.port === entry.rule.hostPort,
    );
    if (service)
      add(
        'error',
        why('pf-host-service', { rule: entry.rule.name, owner: entry.owner, port: entry.rule.hostPort }),
      );
  }
}

/** Whether the rule's guest IP belongs to a machine behind its NAT (a NAT-mode rule's own VM, or any on the network). */
function guestHolds(network: Network, entry: PortForwardEntry): boolean {
  const segment = entry.engine.ifaces[0]?.segment;
  if (!segment || entry.guestIp === null) return true;
  if (entry.engine.kind === 'nat-engine' && !isRunning(network.nodes.get(entry.vmId ?? '') ?? entry.engine))
    return true;
  return segment.arp.has(entry.guestIp);
}
