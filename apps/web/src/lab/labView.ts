import { defaultsFor, type Hypervisor } from '@vnetlab/shared';
import { asArray, asBoolean, asObject, asString, type Json } from '../util/json';

/** What the page shows of one adapter: every field resolved to something readable. */
export interface AdapterView {
  readonly slot: number;
  readonly mode: string;
  /** The network it attaches to, defaults applied; '' when the mode has none. */
  readonly network: string;
  readonly cable: boolean;
  /** libvirt, bridged: a macvtap device (its dialog's "Macvtap device"). */
  readonly macvtap: boolean;
  /** "dhcp", or "a.b.c.d/len" with " via GATEWAY" when there is one. */
  readonly address: string;
}

export interface VmView {
  readonly id: string;
  readonly name: string;
  readonly adapters: readonly AdapterView[];
}

export interface GoalView {
  readonly id: string;
  readonly text: string;
  readonly expect: boolean;
}

export interface LabView {
  readonly title: string;
  /** What the exercise asks (the lab's `text`), in the page's language where it has one; '' when none. */
  readonly text: string;
  readonly hypervisor: Hypervisor;
  readonly vms: readonly VmView[];
  readonly goals: readonly GoalView[];
  /** host NIC name -> the LAN it is on (for bridged adapters). */
  readonly hostNics: ReadonlyMap<string, string>;
}

const HYPERVISORS: readonly Hypervisor[] = ['virtualbox', 'vmware', 'libvirt', 'hyperv'];

/** A lab's `hypervisor` field as the page reads it: the schema's default when absent or unknown. */
export function hypervisorOf(value: unknown): Hypervisor {
  return HYPERVISORS.find((h) => h === value) ?? 'virtualbox';
}

/** The product a lab simulates, as its users call it. */
export const PRODUCT_NAMES: Readonly<Record<Hypervisor, string>> = {
  virtualbox: 'VirtualBox',
  vmware: 'VMware Workstation',
  libvirt: 'KVM / libvirt',
  hyperv: 'Hyper-V',
};

export const MODE_LABELS: Readonly<Record<string, string>> = {
  none: 'Not attached',
  nat: 'NAT',
  natnetwork: 'NAT Network',
  bridged: 'Bridged',
  hostonly: 'Host-only',
  internal: 'Internal',
};

/**
 * Reads the room's lab (plain JSON from the Y.Map) without trusting it; the title, the
 * exercise text and the goal texts in `locale` where the lab's `i18n` has them.
 */
export function labView(raw: unknown, locale = 'en'): LabView {
  const lab = asObject(raw);
  const translation = asObject(asObject(lab.i18n)[locale]);
  const translated = asObject(translation.goals);
  const hypervisor = hypervisorOf(lab.hypervisor);
  const hostNics = new Map<string, string>();
  for (const [nic, value] of Object.entries(asObject(asObject(lab.host).nics))) {
    hostNics.set(nic, asString(asObject(value).lan));
  }
  const firstNic = hostNics.keys().next().value ?? 'eth0';
  const vms = Object.entries(asObject(lab.vms)).map(([id, value]): VmView => {
    const vm = asObject(value);
    return {
      id,
      name: asString(vm.name) || id,
      adapters: asArray(vm.adapters).map((a, slot) => adapterView(asObject(a), slot, hypervisor, firstNic)),
    };
  });
  const goals = asArray(lab.goals).map((value, index): GoalView => {
    const goal = asObject(value);
    const id = asString(goal.id) || `goal-${index + 1}`;
    return { id, text: asString(translated[id]) || asString(goal.text) || id, expect: goal.expect !== false };
  });
  const title = asString(translation.title) || asString(lab.title) || 'Untitled lab';
  const text = asString(translation.text) || asString(lab.text);
  return { title, text, hypervisor, vms, goals, hostNics };
}

function adapterView(adapter: Json, slot: number, hypervisor: Hypervisor, firstNic: string): AdapterView {
  const rawMode = asString(adapter.mode, 'nat');
  const mode = rawMode === 'lansegment' ? 'internal' : rawMode;
  return {
    slot,
    mode,
    network: networkOf(mode, asString(adapter.network), hypervisor, firstNic),
    cable: asBoolean(adapter.cable) ?? true,
    macvtap: adapter.macvtap === true,
    address: addressOf(adapter.ip),
  };
}

function networkOf(mode: string, named: string, hypervisor: Hypervisor, firstNic: string): string {
  switch (mode) {
    case 'none':
      return '';
    case 'bridged':
      return named || firstNic;
    case 'nat':
      // VirtualBox: every NAT adapter has its own private engine and ignores `network`.
      return hypervisor === 'virtualbox' ? '' : named || defaultsFor(hypervisor).networkOf.nat;
    case 'natnetwork':
    case 'hostonly':
    case 'internal':
      return named || defaultsFor(hypervisor).networkOf[mode];
    default:
      return named;
  }
}

function addressOf(ip: unknown): string {
  if (ip === undefined || ip === 'dhcp') return 'dhcp';
  const stat = asObject(ip);
  const address = asString(stat.address);
  if (!address) return asString(ip, '?');
  const gateway = asString(stat.gateway);
  return gateway ? `${address} via ${gateway}` : address;
}
