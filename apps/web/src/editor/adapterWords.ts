/**
 * The adapter panel's field names in each product's own words, and which of VirtualBox's
 * fields the product has at all (LV-7, HV-4). VirtualBox's and VMware's labs keep the
 * dialog's words (words.ts).
 *
 * - libvirt, virt-manager's NIC page: "Network source", "Device model", "Link state:
 *   active" — the domain XML's `<link state='up'/>` (`virsh domif-setlink`); no
 *   promiscuous-mode setting (a guest on a Linux bridge sees only flooded frames).
 *   简体中文 as Red Hat's virtualization guide says it: 网络源, 设备型号, 链路状态.
 * - Hyper-V Manager's Network Adapter page: "Virtual switch", whose "Not connected" is
 *   the unplugged cable (`Connect-VMNetworkAdapter`, `Disconnect-VMNetworkAdapter`); no
 *   cable check box and no promiscuous mode.
 */
import type { Hypervisor, Locale } from '@vnetlab/shared';
import { guestIfaceName, windowsEthernetName } from '@vnetlab/shared';
import { locale } from '../i18n/locale';
import { t } from './words';

type Words = Record<Locale, string>;

interface ProductAdapterWords {
  readonly attachedTo?: Words;
  readonly adapterType?: Words;
  /** The link check box; absent when the product has none (Hyper-V). */
  readonly cable?: Words | null;
  /** Whether the product has VirtualBox's promiscuous-mode menu. */
  readonly promiscuous: boolean;
}

const PRODUCTS: Record<Hypervisor, ProductAdapterWords> = {
  virtualbox: { promiscuous: true },
  vmware: { promiscuous: true },
  libvirt: {
    attachedTo: { en: 'Network source', 'zh-CN': '网络源' },
    adapterType: { en: 'Device model', 'zh-CN': '设备型号' },
    cable: { en: 'Link state: active', 'zh-CN': '链路状态：活跃' },
    promiscuous: false,
  },
  hyperv: {
    attachedTo: { en: 'Virtual switch', 'zh-CN': '虚拟交换机' },
    cable: null,
    promiscuous: false,
  },
};

/** The label of a field the products name differently, in the page's language. */
export function adapterWord(hypervisor: Hypervisor, field: 'attachedTo' | 'adapterType' | 'cable'): string {
  const own = PRODUCTS[hypervisor][field];
  return own ? own[locale()] : t(field);
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
