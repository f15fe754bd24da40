/**
 * "Attached to" in each product's words, and what choosing one writes into the lab.
 * VirtualBox's choices are its modes; VMware's are VMnets: VMnet8 is NAT, VMnet1
 * host-only, any other VMnet "Custom" (a host-only or NAT network by that name, VMW-1),
 * LAN segments are internal networks (VMW-4). libvirt's are virt-manager's "Network
 * source" kinds (a virtual network — NAT, isolated or without an IP —, a bridge device,
 * a macvtap device: LV-1 … LV-4, LV-7); Hyper-V's are its virtual switches (the Default
 * Switch, External, Internal, Private: HV-1 … HV-4).
 */

import type { Locale } from '@vnetlab/shared';
import { defaultsFor, type Hypervisor, type LabPath } from '@vnetlab/shared';
import { asObject, asString, type Json } from '../util/json';

export type AttachChoice =
  | 'none'
  | 'nat'
  | 'natnetwork'
  | 'bridged'
  | 'internal'
  | 'hostonly'
  | 'custom'
  | 'lansegment'
  | 'macvtap';

const LABELS: Record<AttachChoice, Record<Locale, string>> = {
  none: { en: 'Not attached', 'zh-CN': '未连接' },
  nat: { en: 'NAT', 'zh-CN': '网络地址转换(NAT)' },
  natnetwork: { en: 'NAT Network', 'zh-CN': 'NAT 网络' },
  bridged: { en: 'Bridged Adapter', 'zh-CN': '桥接网卡' },
  internal: { en: 'Internal Network', 'zh-CN': '内部网络' },
  hostonly: { en: 'Host-only Adapter', 'zh-CN': '仅主机(Host-Only)网络' },
  custom: { en: 'Custom', 'zh-CN': '自定义' },
  lansegment: { en: 'LAN segment', 'zh-CN': 'LAN 区段' },
  macvtap: { en: 'Macvtap device', 'zh-CN': 'Macvtap 设备' },
};

const VMWARE_LABELS: Partial<Record<AttachChoice, Record<Locale, string>>> = {
  // Not a choice of the menu: an adapter without a network is one whose device is not connected.
  none: { en: 'Not connected', 'zh-CN': '未连接' },
  bridged: { en: 'Bridged', 'zh-CN': '桥接模式' },
  nat: { en: 'NAT', 'zh-CN': 'NAT 模式' },
  hostonly: { en: 'Host-only', 'zh-CN': '仅主机模式' },
};

/** virt-manager's "Network source" words (LV-7). */
const LIBVIRT_LABELS: Partial<Record<AttachChoice, Record<Locale, string>>> = {
  nat: { en: 'Virtual network (NAT)', 'zh-CN': '虚拟网络（NAT）' },
  hostonly: { en: 'Virtual network (isolated)', 'zh-CN': '虚拟网络（隔离）' },
  internal: { en: 'Virtual network (no IP)', 'zh-CN': '虚拟网络（无 IP）' },
  bridged: { en: 'Bridge device', 'zh-CN': '桥接设备' },
};

/** Hyper-V Manager's "Virtual switch" words (HV-4). */
const HYPERV_LABELS: Partial<Record<AttachChoice, Record<Locale, string>>> = {
  none: { en: 'Not connected', 'zh-CN': '未连接' },
  nat: { en: 'Default Switch', 'zh-CN': '默认交换机' },
  bridged: { en: 'External switch', 'zh-CN': '外部交换机' },
  hostonly: { en: 'Internal switch', 'zh-CN': '内部交换机' },
  internal: { en: 'Private switch', 'zh-CN': '专用交换机' },
};

const PRODUCT_LABELS: Record<Hypervisor, Partial<Record<AttachChoice, Record<Locale, string>>>> = {
  virtualbox: {},
  vmware: VMWARE_LABELS,
  libvirt: LIBVIRT_LABELS,
  hyperv: HYPERV_LABELS,
};

const VIRTUALBOX_ORDER: readonly AttachChoice[] = [
  'none',
  'nat',
  'natnetwork',
  'bridged',
  'internal',
  'hostonly',
];
const ORDER: Record<Hypervisor, readonly AttachChoice[]> = {
  virtualbox: VIRTUALBOX_ORDER,
  vmware: ['bridged', 'nat', 'hostonly', 'custom', 'lansegment'],
  libvirt: ['none', 'nat', 'hostonly', 'internal', 'bridged', 'macvtap'],
  hyperv: ['none', 'nat', 'bridged', 'hostonly', 'internal'],
};

export function attachChoices(
  hypervisor: Hypervisor,
  locale: Locale,
): { value: AttachChoice; label: string }[] {
  return ORDER[hypervisor].map((value) => ({
    value,
    label: choiceLabel(hypervisor, value, locale) ?? value,
  }));
}

/** A choice of the menu in the product's words; undefined for a mode no product has (a typo in the file). */
export function choiceLabel(
  hypervisor: Hypervisor,
  choice: AttachChoice,
  locale: Locale,
): string | undefined {
  return (PRODUCT_LABELS[hypervisor][choice] ?? LABELS[choice])?.[locale];
}

/** The networks that exist in the lab, by kind, for the `Name` list. */
export interface NetworkNames {
  readonly natnetwork: readonly string[];
  readonly hostonly: readonly string[];
  readonly internal: readonly string[];
  readonly bridged: readonly string[];
  /** VMware's custom bridged VMnets (`bridgedNetworks.vmnet2`–`19`, VMW-6): "Custom" in the menu. */
  readonly bridgedVmnets?: readonly string[];
}

export function networkNames(raw: unknown): NetworkNames {
  const lab = asObject(raw);
  const hypervisor = hypervisorOf(lab.hypervisor);
  const internal = new Set(Object.keys(asObject(lab.internalNetworks)));
  for (const vm of Object.values(asObject(lab.vms))) {
    const adapters = asObject(vm).adapters;
    for (const adapter of Array.isArray(adapters) ? adapters : []) {
      const a = asObject(adapter);
      if ((a.mode === 'internal' || a.mode === 'lansegment') && typeof a.network === 'string')
        internal.add(a.network);
    }
  }
  const nics = Object.keys(asObject(asObject(lab.host).nics));
  const defaults = defaultsFor(hypervisor);
  const nat = Object.keys(asObject(lab.natNetworks));
  const hostOnly = Object.keys(asObject(lab.hostOnlyNetworks));
  return {
    natnetwork: nat,
    // VMW-10: the product's default host-only network exists only while the lab lists none.
    hostonly: lab.hostOnlyNetworks === undefined ? [defaults.hostOnly.name] : hostOnly,
    internal: internal.size > 0 ? [...internal] : [defaults.networkOf.internal],
    bridged: nics.length > 0 ? nics : ['eth0'],
    bridgedVmnets: Object.keys(asObject(lab.bridgedNetworks)).filter(isCustomVmnet),
  };
}

/** VMnet2–19 (not VMnet0 Bridged, VMnet1 Host-only, VMnet8 NAT): the dialog's "Custom" (VMW-1, VMW-6). */
function isCustomVmnet(name: string): boolean {
  return /^vmnet\d+$/.test(name) && !['vmnet0', 'vmnet1', 'vmnet8'].includes(name);
}

/** The lab's product, VirtualBox when it names none (or one the page does not know). */
export function hypervisorOf(value: unknown): Hypervisor {
  return value === 'vmware' || value === 'libvirt' || value === 'hyperv' ? value : 'virtualbox';
}

/** Which choice an adapter shows. */
export function attachChoiceOf(adapter: Json, hypervisor: Hypervisor): AttachChoice {
  const mode = asString(adapter.mode, 'nat');
  // HV-4: Hyper-V has no cable; an adapter without a link is "Not connected" to a switch.
  if (hypervisor === 'hyperv' && adapter.cable === false) return 'none';
  if (hypervisor === 'libvirt' && mode === 'bridged' && adapter.macvtap === true) return 'macvtap';
  // libvirt and Hyper-V have one kind of NAT network: both lab modes are it.
  if (hypervisor !== 'vmware' && hypervisor !== 'virtualbox' && mode === 'natnetwork') return 'nat';
  if (hypervisor !== 'vmware') return mode === 'lansegment' ? 'internal' : (mode as AttachChoice);
  const network = asString(adapter.network);
  switch (mode) {
    case 'internal':
    case 'lansegment':
      return 'lansegment';
    case 'nat':
      return 'nat';
    case 'natnetwork':
      return network === '' || network === 'vmnet8' ? 'nat' : 'custom';
    case 'hostonly':
      return network === '' || network === 'vmnet1' ? 'hostonly' : 'custom';
    case 'bridged':
      // VMW-6: bridged to a custom VMnet (vmnet2–19) is "Custom" in the dialog; "Bridged" is VMnet0.
      return isCustomVmnet(network) ? 'custom' : 'bridged';
    default:
      return mode as AttachChoice;
  }
}

/** The network an adapter attaches to, as the `Name` field shows it ('' when the mode has none). */
export function networkShown(adapter: Json, hypervisor: Hypervisor, names: NetworkNames): string {
  const choice = attachChoiceOf(adapter, hypervisor);
  const named = asString(adapter.network);
  const defaults = defaultsFor(hypervisor);
  switch (choice) {
    case 'none':
      return '';
    case 'nat':
      return hypervisor === 'virtualbox' ? '' : named || defaults.networkOf.nat;
    case 'natnetwork':
      return named || defaults.networkOf.natnetwork;
    case 'hostonly':
      return named || defaults.networkOf.hostonly;
    case 'internal':
    case 'lansegment':
      return named || defaults.networkOf.internal;
    case 'bridged':
    case 'macvtap':
      return named || names.bridged[0] || '';
    case 'custom':
      return named;
    default: {
      const unexpected: never = choice;
      return unexpected;
    }
  }
}

/** Whether `Name` can be changed for this choice (VirtualBox greys it out for NAT). */
export function nameEditable(choice: AttachChoice, hypervisor: Hypervisor): boolean {
  if (choice === 'none') return false;
  if (hypervisor === 'vmware') return choice === 'custom' || choice === 'lansegment' || choice === 'bridged';
  // libvirt's NAT adapters name their network (default `default`); Hyper-V has one Default Switch.
  return choice !== 'nat' || hypervisor === 'libvirt';
}

/** The names offered in `Name`'s list. */
export function nameOptions(
  choice: AttachChoice,
  names: NetworkNames,
  hypervisor: Hypervisor = 'virtualbox',
): readonly string[] {
  switch (choice) {
    case 'natnetwork':
      return names.natnetwork;
    case 'hostonly':
      return names.hostonly;
    case 'internal':
    case 'lansegment':
      return names.internal;
    case 'bridged':
    case 'macvtap':
      return names.bridged;
    case 'custom':
      return [...names.hostonly, ...names.natnetwork, ...(names.bridgedVmnets ?? [])].filter(
        (name) => name !== 'vmnet1' && name !== 'vmnet8',
      );
    case 'nat':
      return hypervisor === 'libvirt' ? names.natnetwork : [];
    case 'none':
      return [];
    default: {
      const unexpected: never = choice;
      return unexpected;
    }
  }
}

/** The fields choosing `choice` writes on the adapter at `path` (mode, and the network it starts on). */
export function attachChanges(
  path: LabPath,
  choice: AttachChoice,
  hypervisor: Hypervisor,
  names: NetworkNames,
): [LabPath, unknown][] {
  const set = (mode: string, network: string | undefined): [LabPath, unknown][] => [
    [[...path, 'mode'], mode],
    [[...path, 'network'], network],
    // LV-3: macvtap belongs to bridged mode, so any other choice takes it off.
    ...(hypervisor === 'libvirt' ? ([[[...path, 'macvtap'], undefined]] as [LabPath, unknown][]) : []),
    // HV-4: connecting a Hyper-V adapter to a switch plugs it in ("Not connected" below sets it again).
    ...(hypervisor === 'hyperv' ? ([[[...path, 'cable'], undefined]] as [LabPath, unknown][]) : []),
  ];
  switch (choice) {
    case 'none':
      // Keeps a field besides the mode so the slot stays enabled (see isDisabledAdapter).
      return [...set('none', undefined), [[...path, 'cable'], true]];
    case 'nat':
      return set('nat', hypervisor === 'libvirt' ? names.natnetwork[0] : undefined);
    case 'natnetwork':
      return set('natnetwork', names.natnetwork[0]);
    case 'hostonly':
      return set('hostonly', hypervisor === 'vmware' ? undefined : names.hostonly[0]);
    case 'internal':
      return set('internal', names.internal[0]);
    case 'lansegment':
      return set('lansegment', names.internal[0]);
    case 'bridged':
      return set('bridged', names.bridged[0]);
    case 'macvtap':
      return [...set('bridged', names.bridged[0]).slice(0, 2), [[...path, 'macvtap'], true]];
    case 'custom': {
      const first = nameOptions('custom', names)[0] ?? 'vmnet2';
      return set(customMode(first, names), first);
    }
    default: {
      const unexpected: never = choice;
      return unexpected;
    }
  }
}

/**
 * VMware "Custom": a VMnet named in natNetworks is a NAT network, one in bridgedNetworks a
 * bridged one (VMW-6), any other a host-only one.
 */
export function customMode(network: string, names: NetworkNames): 'natnetwork' | 'hostonly' | 'bridged' {
  if (names.natnetwork.includes(network)) return 'natnetwork';
  return names.bridgedVmnets?.includes(network) ? 'bridged' : 'hostonly';
}

export const ADAPTER_TYPES: Record<Hypervisor, readonly { value: string; label: string }[]> = {
  virtualbox: [
    { value: 'Am79C970A', label: 'PCnet-PCI II (Am79C970A)' },
    { value: 'Am79C973', label: 'PCnet-FAST III (Am79C973)' },
    { value: '82540EM', label: 'Intel PRO/1000 MT Desktop (82540EM)' },
    { value: '82543GC', label: 'Intel PRO/1000 T Server (82543GC)' },
    { value: '82545EM', label: 'Intel PRO/1000 MT Server (82545EM)' },
    { value: 'virtio', label: 'Paravirtualized Network (virtio-net)' },
  ],
  vmware: [
    { value: 'e1000', label: 'e1000' },
    { value: 'e1000e', label: 'e1000e' },
    { value: 'vmxnet3', label: 'vmxnet3' },
  ],
  libvirt: [
    { value: 'virtio', label: 'virtio' },
    { value: 'e1000e', label: 'e1000e' },
    { value: 'rtl8139', label: 'rtl8139' },
  ],
  hyperv: [
    { value: 'synthetic', label: 'Network Adapter' },
    { value: 'legacy', label: 'Legacy Network Adapter' },
  ],
};

/** The type an adapter gets when none is set: VirtualBox's wizard default, VMware's e1000. */
export const DEFAULT_ADAPTER_TYPE: Record<Hypervisor, string> = {
  virtualbox: '82540EM',
  vmware: 'e1000',
  libvirt: 'virtio',
  hyperv: 'synthetic',
};
