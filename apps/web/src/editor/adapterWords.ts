/**
 * The adapter panel's field names in each product's own words, and which of VirtualBox's
 * fields the product has at all (LV-7, HV-4, VMW-12). VirtualBox's labs keep the dialog's
 * words (words.ts).
 *
 * - VMware Workstation's Network Adapter page: "Network connection" is the menu; the
 *   network it names is "Custom: Specific virtual network", a "LAN segment", or (in the
 *   Virtual Network Editor) what a bridged VMnet is "Bridged to"; "Device status:
 *   Connected" is the cable (the .vmx's `ethernetN.startConnected`); "Advanced..." opens
 *   the adapter's advanced settings, whose "MAC Address" has a "Generate" button; the
 *   adapter's type is no field of the page but the .vmx's `ethernetN.virtualDev`; no
 *   promiscuous-mode menu (VMW-13).
 * - libvirt, virt-manager's NIC page ("Virtual Network Interface"): "Network source", a
 *   bridge's or macvtap's "Device name", "Device model", "MAC address" (no button to make
 *   a new one), "Link state: active" — the domain XML's `<link state='up'/>` (`virsh
 *   domif-setlink`); no promiscuous-mode setting (a guest on a Linux bridge sees only
 *   flooded frames). 简体中文 as virt-manager's own translation (po/zh_CN.po) has them:
 *   虚拟网络接口, 网络源, 设备名称, 设备型号, MAC 地址, 链接状态, 活动, 名称.
 * - Hyper-V Manager's Network Adapter page: "Virtual switch", whose "Not connected" is
 *   the unplugged cable (`Connect-VMNetworkAdapter`, `Disconnect-VMNetworkAdapter`); no
 *   cable check box and no promiscuous mode; the adapter's kind is the hardware added
 *   ("Network Adapter" or "Legacy Network Adapter" under Hardware); its "Advanced
 *   Features" page sets the "MAC address" Dynamic or Static (`Set-VMNetworkAdapter
 *   -DynamicMacAddress` / `-StaticMacAddress`).
 */
import type { Hypervisor, Locale } from '@vnetlab/shared';
import { guestIfaceName, windowsEthernetName } from '@vnetlab/shared';
import { locale } from '../i18n/locale';
import type { AttachChoice } from './modes';
import { t } from './words';

type Words = Record<Locale, string>;

interface ProductAdapterWords {
  readonly attachedTo?: Words;
  /** The `Name` field, by what the menu chose (VMware names each kind's network otherwise). */
  readonly name?: Partial<Record<AttachChoice, Words>> & { readonly other: Words };
  /** The adapter's type; `N` stands for the slot's number as the product counts it. */
  readonly adapterType?: Words;
  /** The "Advanced" group. */
  readonly advanced?: Words;
  readonly mac?: Words;
  /** The button that makes a new MAC address; null when the product has none. */
  readonly newMac?: Words | null;
  /** Hyper-V's MAC address is Dynamic (from the host's pool) or Static (typed). */
  readonly dynamicMac?: boolean;
  /** The link check box; absent when the product has none (Hyper-V). */
  readonly cable?: Words | null;
  /** The canvas legend's word for a link without its cable. */
  readonly unplugged?: Words;
  /**
   * The room's history for the link going down and up, `{vm}` and `{n}` (the adapter's
   * number) filled in: what the user did in the product's own dialog.
   */
  readonly linkDown: Words;
  readonly linkUp: Words;
  /** Whether the product has VirtualBox's promiscuous-mode menu. */
  readonly promiscuous: boolean;
}

const PRODUCTS: Record<Hypervisor, ProductAdapterWords> = {
  virtualbox: {
    linkDown: {
      en: 'unplugged the cable of {vm} (adapter {n})',
      'zh-CN': '拔掉了 {vm}（网卡 {n}）的网线',
    },
    linkUp: { en: 'plugged in the cable of {vm} (adapter {n})', 'zh-CN': '接上了 {vm}（网卡 {n}）的网线' },
    promiscuous: true,
  },
  vmware: {
    attachedTo: { en: 'Network connection', 'zh-CN': '网络连接' },
    name: {
      lansegment: { en: 'LAN segment', 'zh-CN': 'LAN 区段' },
      bridged: { en: 'Bridged to', 'zh-CN': '桥接到' },
      other: { en: 'Specific virtual network', 'zh-CN': '特定虚拟网络' },
    },
    // The .vmx counts adapters from 0 (ethernet0 is Network Adapter 1).
    adapterType: { en: 'ethernetN.virtualDev (.vmx)', 'zh-CN': 'ethernetN.virtualDev（.vmx）' },
    advanced: { en: 'Advanced', 'zh-CN': '高级' },
    mac: { en: 'MAC Address', 'zh-CN': 'MAC 地址' },
    newMac: { en: 'Generate', 'zh-CN': '生成' },
    cable: { en: 'Connected', 'zh-CN': '已连接' },
    unplugged: { en: 'Not connected', 'zh-CN': '未连接' },
    // Device status: the "Connected" check box.
    linkDown: {
      en: 'unticked "Connected" of {vm} (adapter {n})',
      'zh-CN': '取消勾选了 {vm}（网卡 {n}）的“已连接”',
    },
    linkUp: { en: 'ticked "Connected" of {vm} (adapter {n})', 'zh-CN': '勾选了 {vm}（网卡 {n}）的“已连接”' },
    promiscuous: false,
  },
  libvirt: {
    attachedTo: { en: 'Network source', 'zh-CN': '网络源' },
    name: {
      bridged: { en: 'Device name', 'zh-CN': '设备名称' },
      macvtap: { en: 'Device name', 'zh-CN': '设备名称' },
      other: { en: 'Name', 'zh-CN': '名称' },
    },
    adapterType: { en: 'Device model', 'zh-CN': '设备型号' },
    advanced: { en: 'Virtual Network Interface', 'zh-CN': '虚拟网络接口' },
    mac: { en: 'MAC address', 'zh-CN': 'MAC 地址' },
    newMac: null,
    cable: { en: 'Link state: active', 'zh-CN': '链接状态：活动' },
    unplugged: { en: 'Link state: not active', 'zh-CN': '链接状态：非活动' },
    // `virsh domif-setlink DOMAIN IFACE down|up`, virt-manager's "Link state: active" box.
    linkDown: {
      en: 'set the link state of {vm} (adapter {n}) to not active',
      'zh-CN': '把 {vm}（网卡 {n}）的链接状态设为非活动',
    },
    linkUp: {
      en: 'set the link state of {vm} (adapter {n}) to active',
      'zh-CN': '把 {vm}（网卡 {n}）的链接状态设为活动',
    },
    promiscuous: false,
  },
  hyperv: {
    attachedTo: { en: 'Virtual switch', 'zh-CN': '虚拟交换机' },
    name: { other: { en: 'Name', 'zh-CN': '名称' } },
    adapterType: { en: 'Hardware', 'zh-CN': '硬件' },
    advanced: { en: 'Advanced Features', 'zh-CN': '高级功能' },
    mac: { en: 'MAC address', 'zh-CN': 'MAC 地址' },
    newMac: null,
    dynamicMac: true,
    cable: null,
    unplugged: { en: 'Not connected', 'zh-CN': '未连接' },
    // The "Virtual switch" menu's "Not connected" (Disconnect-VMNetworkAdapter), and back.
    linkDown: {
      en: 'set the virtual switch of {vm} (adapter {n}) to Not connected',
      'zh-CN': '把 {vm}（网卡 {n}）的虚拟交换机设为“未连接”',
    },
    linkUp: {
      en: 'connected {vm} (adapter {n}) to its virtual switch',
      'zh-CN': '把 {vm}（网卡 {n}）连接到了虚拟交换机',
    },
    promiscuous: false,
  },
};

/** The label of a field the products name differently, in the page's language. */
export function adapterWord(
  hypervisor: Hypervisor,
  field: 'attachedTo' | 'adapterType' | 'cable' | 'advanced' | 'mac',
  slot = 0,
): string {
  const own = PRODUCTS[hypervisor][field];
  return own ? own[locale()].replace('ethernetN', `ethernet${slot}`) : t(field);
}

/** What the product calls the network the menu's choice attaches to (VirtualBox: `Name`). */
export function nameWord(hypervisor: Hypervisor, choice: AttachChoice): string {
  const own = PRODUCTS[hypervisor].name;
  return own ? (own[choice] ?? own.other)[locale()] : t('name');
}

/** The new-MAC button's words; null when the product has no such button (virt-manager, Hyper-V). */
export function newMacWord(hypervisor: Hypervisor): string | null {
  const own = PRODUCTS[hypervisor].newMac;
  return own === null ? null : (own?.[locale()] ?? t('newMac'));
}

/** Whether the MAC address is chosen Dynamic or Static (Hyper-V's Advanced Features). */
export function hasDynamicMac(hypervisor: Hypervisor): boolean {
  return PRODUCTS[hypervisor].dynamicMac === true;
}

/**
 * DESIGN.md's room-page contract finds the adapter's menu by the name `Attached to` and
 * its network by `Name`. A product that calls them otherwise keeps the contract's word in
 * the label's accessible part, hidden from sight (in English, the contract's language):
 * "Network source (Attached to)", "Specific virtual network (Name)".
 */
export function attachedToAlias(hypervisor: Hypervisor): string | undefined {
  if (PRODUCTS[hypervisor].attachedTo === undefined || locale() !== 'en') return undefined;
  return ` (${t('attachedTo')})`;
}

export function nameAlias(hypervisor: Hypervisor, choice: AttachChoice): string | undefined {
  if (locale() !== 'en' || nameWord(hypervisor, choice).includes(t('name'))) return undefined;
  return ` (${t('name')})`;
}

/** The canvas legend's word for an unplugged link, in the page's language. */
export function unpluggedWord(hypervisor: Hypervisor): string | undefined {
  return PRODUCTS[hypervisor].unplugged?.[locale()];
}

/**
 * The VM list's column of what each adapter is attached to: the product's menu
 * ("Network connection", "Network source", "Virtual switch"); VirtualBox's labs keep "Mode".
 */
export function modeColumnWord(hypervisor: Hypervisor, lang: Locale = locale()): string | undefined {
  return PRODUCTS[hypervisor].attachedTo?.[lang];
}

/** The history's sentence for a link going down (`up` false) or up, `{vm}` and `{n}` left to fill. */
export function linkChangeWords(hypervisor: Hypervisor, up: boolean, lang: Locale = locale()): string {
  const own = PRODUCTS[hypervisor];
  return (up ? own.linkUp : own.linkDown)[lang];
}

/** Whether the panel shows the link check box (Hyper-V's is "Not connected" in the switch menu). */
export function hasCableBox(hypervisor: Hypervisor): boolean {
  return PRODUCTS[hypervisor].cable !== null;
}

export function hasPromiscuousMode(hypervisor: Hypervisor): boolean {
  return PRODUCTS[hypervisor].promiscuous;
}

/** The guest's name for the adapter in `slot`, as its console prints it (the engine's own table). */
export function guestNicName(hypervisor: Hypervisor, slot: number, os: 'linux' | 'windows'): string {
  // A VM's NICs are all Ethernet adapters, so Windows numbers them by slot.
  return os === 'windows' ? windowsEthernetName(slot + 1) : guestIfaceName(hypervisor, slot);
}
