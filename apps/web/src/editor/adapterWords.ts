/**
 * The adapter panel's field names in each product's own words, and which of VirtualBox's
 * fields the product has at all (LV-7, HV-4, VMW-12). VirtualBox's labs keep the dialog's
 * words (words.ts).
 *
 * - VMware Workstation's Network Adapter page: "Device status: Connected" is the cable
 *   (the .vmx's `ethernetN.startConnected`); the adapter's type is no field of the page
 *   but the .vmx's `ethernetN.virtualDev`; no promiscuous-mode menu.
 * - libvirt, virt-manager's NIC page: "Network source", "Device model", "Link state:
 *   active" — the domain XML's `<link state='up'/>` (`virsh domif-setlink`); no
 *   promiscuous-mode setting (a guest on a Linux bridge sees only flooded frames).
 *   简体中文 as virt-manager's own translation (po/zh_CN.po) has them: 网络源, 设备型号,
 *   链接状态, 活动.
 * - Hyper-V Manager's Network Adapter page: "Virtual switch", whose "Not connected" is
 *   the unplugged cable (`Connect-VMNetworkAdapter`, `Disconnect-VMNetworkAdapter`); no
 *   cable check box and no promiscuous mode; the adapter's kind is the hardware added
 *   ("Network Adapter" or "Legacy Network Adapter" under Hardware).
 */
import type { Hypervisor, Locale } from '@vnetlab/shared';
import { guestIfaceName, windowsEthernetName } from '@vnetlab/shared';
import { locale } from '../i18n/locale';
import { t } from './words';

type Words = Record<Locale, string>;

interface ProductAdapterWords {
  readonly attachedTo?: Words;
  /** The adapter's type; `N` stands for the slot's number as the product counts it. */
  readonly adapterType?: Words;
  /** The link check box; absent when the product has none (Hyper-V). */
  readonly cable?: Words | null;
  /** The canvas legend's word for a link without its cable. */
  readonly unplugged?: Words;
  /** Whether the product has VirtualBox's promiscuous-mode menu. */
  readonly promiscuous: boolean;
}

const PRODUCTS: Record<Hypervisor, ProductAdapterWords> = {
  virtualbox: { promiscuous: true },
  vmware: {
    // The .vmx counts adapters from 0 (ethernet0 is Network Adapter 1).
    adapterType: { en: 'ethernetN.virtualDev (.vmx)', 'zh-CN': 'ethernetN.virtualDev（.vmx）' },
    cable: { en: 'Connected', 'zh-CN': '已连接' },
    unplugged: { en: 'Not connected', 'zh-CN': '未连接' },
    promiscuous: false,
  },
  libvirt: {
    attachedTo: { en: 'Network source', 'zh-CN': '网络源' },
    adapterType: { en: 'Device model', 'zh-CN': '设备型号' },
    cable: { en: 'Link state: active', 'zh-CN': '链接状态：活动' },
    unplugged: { en: 'Link state: not active', 'zh-CN': '链接状态：非活动' },
    promiscuous: false,
  },
  hyperv: {
    attachedTo: { en: 'Virtual switch', 'zh-CN': '虚拟交换机' },
    adapterType: { en: 'Hardware', 'zh-CN': '硬件' },
    cable: null,
    unplugged: { en: 'Not connected', 'zh-CN': '未连接' },
    promiscuous: false,
  },
};

/** The label of a field the products name differently, in the page's language. */
export function adapterWord(
  hypervisor: Hypervisor,
  field: 'attachedTo' | 'adapterType' | 'cable',
  slot = 0,
): string {
  const own = PRODUCTS[hypervisor][field];
  return own ? own[locale()].replace('ethernetN', `ethernet${slot}`) : t(field);
}

/**
 * DESIGN.md's room-page contract finds the adapter's menu by the name `Attached to`. A
 * product that calls it otherwise keeps that name in the label's accessible part, hidden
 * from sight (in English, the contract's language): "Network source (Attached to)".
 */
export function attachedToAlias(hypervisor: Hypervisor): string | undefined {
  if (PRODUCTS[hypervisor].attachedTo === undefined || locale() !== 'en') return undefined;
  return ` (${t('attachedTo')})`;
}

/** The canvas legend's word for an unplugged link, in the page's language. */
export function unpluggedWord(hypervisor: Hypervisor): string | undefined {
  return PRODUCTS[hypervisor].unplugged?.[locale()];
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
