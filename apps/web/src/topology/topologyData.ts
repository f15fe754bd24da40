/**
 * What the canvas draws, as data: the host with its NICs, each LAN with its router,
 * devices and the internet, every network as a switch-like node (each VirtualBox NAT
 * adapter's private NAT engine, NAT networks, host-only, internal), the VMs with their
 * adapters, the port forwards through the host, and the badges from the results.
 * Node ids follow the engine's hop ids where one exists (see `canvasNodeOfHop`).
 */
import type { Lab } from '@vnetlab/shared';
import type { MachineView } from '../results/resultsView';
import { asArray, asObject, asString } from '../util/json';

export type NetMode = 'lan' | 'nat' | 'natnetwork' | 'hostonly' | 'internal' | 'bridged';
/** What a line is coloured by: the adapter's mode, or the LAN / WAN cable. */
export type LinkKind = 'nat' | 'natnetwork' | 'bridged' | 'hostonly' | 'internal' | 'lan' | 'wan';

export type Badge =
  | { readonly kind: 'no-address'; readonly slot: number }
  | { readonly kind: 'not-started'; readonly text: string }
  | { readonly kind: 'diagnostics'; readonly count: number; readonly severity: 'error' | 'warning' | 'info' };

export type TopoNode =
  | {
      readonly kind: 'vm';
      readonly id: string;
      readonly vmId: string;
      readonly label: string;
      readonly badges: readonly Badge[];
    }
  | { readonly kind: 'host'; readonly id: 'host'; readonly label: string; readonly nics: readonly string[] }
  | { readonly kind: 'internet'; readonly id: 'internet'; readonly label: string }
  | { readonly kind: 'router'; readonly id: string; readonly label: string; readonly lan: string }
  | { readonly kind: 'device'; readonly id: string; readonly label: string; readonly lan: string }
  | {
      readonly kind: 'net';
      readonly id: string;
      readonly mode: NetMode;
      readonly label: string;
      /** "10.0.2.0/24", "DHCP", …: the second line of the box. */
      readonly detail: string;
      /** The VM whose private NAT engine this is (mode nat, VirtualBox). */
      readonly owner?: string;
    };

export interface TopoLink {
  readonly id: string;
  /** The upper end in the picture's reading order (a VM, or a network towards the host). */
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  readonly cable: boolean;
  /** A short tag on the line: the adapter ("1") or the host NIC ("eth0"). */
  readonly label: string;
}

/** A port forward: from the host's port, through a NAT node, to a guest's port. */
export interface TopoForward {
  readonly id: string;
  readonly via: string;
  /** The VM node it reaches; null when the guest address matches no VM (NAT network forwards). */
  readonly to: string | null;
  readonly label: string;
}

export interface TopologyData {
  readonly nodes: readonly TopoNode[];
  readonly links: readonly TopoLink[];
  readonly forwards: readonly TopoForward[];
}

export const vmKey = (vmId: string) => `vm:${vmId}`;
export const deviceKey = (id: string) => `dev:${id}`;

export interface TopologyInput {
  readonly lab: Lab;
  readonly machines: ReadonlyMap<string, MachineView>;
  /** The results' `diagnostics` section, raw: its `path` names the VM a diagnostic is about. */
  readonly diagnostics: unknown;
  /**
   * The lab file as written: a network it lists is drawn even when no VM uses it yet;
   * the defaults every lab has (VirtualBox's NatNetwork, vboxnet0) only once in use.
   */
  readonly file?: unknown;
}

export function topologyData({ lab, machines, diagnostics, file }: TopologyInput): TopologyData {
  const vmware = lab.hypervisor === 'vmware';
  // Only VirtualBox gives each NAT adapter its own engine; the others' NAT is a shared network.
  const sharedNat = lab.hypervisor !== 'virtualbox';
  const raw = asObject(file);
  const used = new Set(lab.vms.flatMap((vm) => vm.adapters.map((a) => `${a.mode}:${a.network}`)));
  const shown = (mode: string, name: string, section: string) =>
    used.has(`${mode}:${name}`) ||
    (sharedNat && mode === 'natnetwork' && used.has(`nat:${name}`)) ||
    name in asObject(raw[section]);
  const nodes = new Map<string, TopoNode>();
  const links: TopoLink[] = [];
  const forwards: TopoForward[] = [];
  const add = (node: TopoNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  add({ kind: 'internet', id: 'internet', label: 'internet' });
  for (const lan of lab.lans) {
    const router = `router:${lan.name}`;
    add({ kind: 'net', id: `lan:${lan.name}`, mode: 'lan', label: lan.name, detail: lan.cidr });
    add({ kind: 'router', id: router, label: lan.gateway, lan: lan.name });
    links.push({
      id: `${router}>lan`,
      from: router,
      to: `lan:${lan.name}`,
      kind: 'lan',
      cable: true,
      label: '',
    });
    if (lan.internet)
      links.push({ id: `${router}>wan`, from: router, to: 'internet', kind: 'wan', cable: true, label: '' });
    for (const device of lan.devices) {
      const id = deviceKey(device.id);
      add({ kind: 'device', id, label: device.id, lan: lan.name });
      links.push({ id: `${id}>lan`, from: id, to: `lan:${lan.name}`, kind: 'lan', cable: true, label: '' });
    }
  }
  add({ kind: 'host', id: 'host', label: 'host', nics: lab.host.nics.map((n) => n.name) });
  for (const nic of lab.host.nics) {
    if (!nodes.has(`lan:${nic.lan}`)) continue;
    links.push({
      id: `host>${nic.name}`,
      from: 'host',
      to: `lan:${nic.lan}`,
      kind: 'lan',
      cable: true,
      label: nic.name,
    });
  }
  for (const net of lab.natNetworks) {
    if (!shown('natnetwork', net.name, 'natNetworks')) continue;
    const id = `natnetwork:${net.name}`;
    add({ kind: 'net', id, mode: 'natnetwork', label: net.name, detail: net.cidr });
    // The NAT service re-sends from the host's own stack: its traffic leaves through the host.
    links.push({ id: `${id}>host`, from: id, to: 'host', kind: 'natnetwork', cable: true, label: '' });
  }
  for (const net of lab.hostOnlyNetworks) {
    if (!shown('hostonly', net.name, 'hostOnlyNetworks')) continue;
    const id = `hostonly:${net.name}`;
    add({ kind: 'net', id, mode: 'hostonly', label: net.name, detail: net.hostIp });
    links.push({ id: `${id}>host`, from: id, to: 'host', kind: 'hostonly', cable: true, label: '' });
  }
  for (const net of lab.internalNetworks) {
    if (!shown('internal', net.name, 'internalNetworks')) continue;
    add({ kind: 'net', id: `internal:${net.name}`, mode: 'internal', label: net.name, detail: '' });
  }
  const problems = diagnosticsByVm(diagnostics);
  for (const vm of lab.vms) {
    const id = vmKey(vm.id);
    add({
      kind: 'vm',
      id,
      vmId: vm.id,
      label: vm.name,
      badges: badgesOf(vm, machines.get(vm.id), problems.get(vm.id)),
    });
    for (const adapter of vm.adapters) {
      const tag = String(adapter.slot + 1);
      const link = (to: string, kind: LinkKind) =>
        links.push({ id: `${id}#${adapter.slot}`, from: id, to, kind, cable: adapter.cable, label: tag });
      switch (adapter.mode) {
        case 'none':
          break;
        case 'nat': {
          if (sharedNat) {
            link(ensureShared(add, nodes, links, 'natnetwork', adapter.network), 'nat');
            break;
          }
          const nat = `nat:${vm.id}/${adapter.slot}`;
          add({
            kind: 'net',
            id: nat,
            mode: 'nat',
            label: 'NAT',
            detail: `10.0.${adapter.slot + 2}.0/24`,
            owner: id,
          });
          links.push({ id: `${nat}>host`, from: nat, to: 'host', kind: 'nat', cable: true, label: '' });
          link(nat, 'nat');
          for (const pf of adapter.portForwards) {
            forwards.push({
              id: `${nat}:${pf.name}`,
              via: nat,
              to: id,
              label: `${pf.proto} ${pf.hostIp || '*'}:${pf.hostPort} → ${pf.guestPort}`,
            });
          }
          break;
        }
        case 'natnetwork':
        case 'hostonly':
        case 'internal':
          link(ensureShared(add, nodes, links, adapter.mode, adapter.network), adapter.mode);
          break;
        case 'bridged': {
          const nic =
            lab.host.nics.find((n) => n.name === adapter.network) ?? (vmware ? lab.host.nics[0] : undefined);
          const lan = nic && nodes.has(`lan:${nic.lan}`) ? `lan:${nic.lan}` : null;
          if (lan) link(lan, 'bridged');
          else {
            add({
              kind: 'net',
              id: `bridged:${adapter.network}`,
              mode: 'bridged',
              label: adapter.network,
              detail: '?',
            });
            link(`bridged:${adapter.network}`, 'bridged');
          }
          break;
        }
        default: {
          const unexpected: never = adapter.mode;
          throw new Error(`unknown adapter mode ${String(unexpected)}`);
        }
      }
    }
  }
  for (const net of lab.natNetworks) {
    if (!nodes.has(`natnetwork:${net.name}`)) continue;
    for (const pf of net.portForwards) {
      const target = lab.vms.find((vm) =>
        vm.adapters.some((a) => a.ip !== 'dhcp' && a.ip.address.split('/')[0] === pf.guestIp),
      );
      forwards.push({
        id: `natnetwork:${net.name}:${pf.name}`,
        via: `natnetwork:${net.name}`,
        to: target ? vmKey(target.id) : null,
        label: `${pf.proto} ${pf.hostIp || '*'}:${pf.hostPort} → ${pf.guestIp}:${pf.guestPort}`,
      });
    }
  }
  // libvirt and Hyper-V have one kind of NAT network: its links are drawn as NAT (the legend's).
  const oneNat = lab.hypervisor === 'libvirt' || lab.hypervisor === 'hyperv';
  const drawn = oneNat
    ? links.map((l) => (l.kind === 'natnetwork' ? { ...l, kind: 'nat' as const } : l))
    : links;
  return { nodes: [...nodes.values()], links: drawn, forwards };
}

/** A shared network an adapter names, drawn even when the lab file does not list it. */
function ensureShared(
  add: (node: TopoNode) => void,
  nodes: Map<string, TopoNode>,
  links: TopoLink[],
  mode: 'natnetwork' | 'hostonly' | 'internal',
  name: string,
): string {
  const id = `${mode}:${name}`;
  if (!nodes.has(id)) {
    add({ kind: 'net', id, mode, label: name, detail: '' });
    if (mode !== 'internal')
      links.push({ id: `${id}>host`, from: id, to: 'host', kind: mode, cable: true, label: '' });
  }
  return id;
}

function badgesOf(
  vm: Lab['vms'][number],
  machine: MachineView | undefined,
  problems: Problems | undefined,
): Badge[] {
  const badges: Badge[] = [];
  if (machine?.problem) badges.push({ kind: 'not-started', text: machine.problem });
  else if (machine) {
    const missing = vm.adapters.find((a) => {
      const lease = machine.leases[a.slot];
      return a.mode !== 'none' && a.cable && lease !== undefined && lease.addresses.length === 0;
    });
    if (missing) badges.push({ kind: 'no-address', slot: missing.slot });
  }
  if (problems) badges.push({ kind: 'diagnostics', count: problems.count, severity: problems.severity });
  return badges;
}

interface Problems {
  count: number;
  severity: 'error' | 'warning' | 'info';
}

const RANK = { info: 0, warning: 1, error: 2 } as const;

/** Diagnostics per VM id, by their lab path (`vms.web.adapters[0]…`). */
function diagnosticsByVm(raw: unknown): Map<string, Problems> {
  const out = new Map<string, Problems>();
  for (const value of asArray(raw)) {
    const d = asObject(value);
    const vm = /^vms\.([^.[]+)/.exec(asString(d.path))?.[1];
    if (!vm) continue;
    const severity = d.severity === 'error' || d.severity === 'warning' ? d.severity : 'info';
    const seen = out.get(vm) ?? { count: 0, severity };
    seen.count += 1;
    if (RANK[severity] > RANK[seen.severity]) seen.severity = severity;
    out.set(vm, seen);
  }
  return out;
}

/** The canvas node a hop of the engine's path happens at, or null when it is not drawn. */
export function canvasNodeOfHop(node: string, ids: ReadonlySet<string>): string | null {
  for (const candidate of [vmKey(node), deviceKey(node), node, node.replace(/^natnet:/, 'natnetwork:')]) {
    if (ids.has(candidate)) return candidate;
  }
  return null;
}
