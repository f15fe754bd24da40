/**
 * What a guest calls its adapters — one table for the engine's consoles (`ip addr`) and the
 * page's VM dialog, so both say the same name.
 */
import type { Hypervisor } from './types';

/** systemd's predictable names for VirtualBox's PCI slots 3, 8, 9, 10, 16 … */
const VBOX_IFACE_NAMES = [
  'enp0s3',
  'enp0s8',
  'enp0s9',
  'enp0s10',
  'enp0s16',
  'enp0s17',
  'enp0s18',
  'enp0s19',
];
/** VMware's adapters sit in PCI slots 33, 37 … (`ens33`). */
const VMWARE_IFACE_NAMES = [
  'ens33',
  'ens37',
  'ens38',
  'ens39',
  'ens40',
  'ens41',
  'ens42',
  'ens43',
  'ens44',
  'ens45',
];

/** A Linux guest's name for an adapter, as `ip addr` prints it (LV-1: libvirt's q35 virtio NICs are enp1s0, enp2s0 …). */
export function guestIfaceName(hypervisor: Hypervisor, slot: number): string {
  if (hypervisor === 'libvirt') return `enp${slot + 1}s0`;
  // Hyper-V's synthetic NICs (hv_netvsc) keep the kernel's names.
  if (hypervisor === 'hyperv') return `eth${slot}`;
  const names = hypervisor === 'vmware' ? VMWARE_IFACE_NAMES : VBOX_IFACE_NAMES;
  return names[slot] ?? `eth${slot}`;
}

/** Windows's connection name for its `n`-th Ethernet adapter (1-based): "Ethernet", "Ethernet 2" … */
export function windowsEthernetName(n: number): string {
  return n === 1 ? 'Ethernet' : `Ethernet ${n}`;
}
