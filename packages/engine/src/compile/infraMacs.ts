/**
 * VB-MAC-1, VMW-9: the infrastructure's MACs are the products' own, so `arp -n` and a
 * capture show what a student sees on a real machine.
 */
import type { Lab } from '@vnetlab/shared';
import { infraMac } from './builder';

/** VirtualBox's NAT network gateway (VBoxNetNAT) is 52:54:00:12:35:00, as slirp's aliases are 52:54:00:12:35:0x. */
const VBOX_NATNET_GATEWAY_MAC = '525400123500';

/** VMnetN's number: "vmnet8" -> 8; null for other names. */
export function vmnetNumber(name: string): number | null {
  const match = /^vmnet(\d{1,2})$/.exec(name);
  return match ? Number(match[1]) : null;
}

/**
 * The host's adapter on a host-only (or VMware NAT) network: VirtualBox vboxnetN is
 * 0a:00:27:00:00:0N; VMware's VMnetN host adapter is 00:50:56:c0:00:0N.
 */
export function hostAdapterMac(lab: Lab, name: string, index = 0): string {
  if (lab.hypervisor === 'vmware') {
    const n = vmnetNumber(name);
    return n === null ? infraMac(`host:${name}`) : `005056c000${hex(n)}`;
  }
  const n = /^vboxnet(\d+)$/.exec(name);
  return `0a00270000${hex(n ? Number(n[1]) : index)}`;
}

/** The NAT device (VMware) or NAT network gateway (VirtualBox). */
export function natDeviceMac(lab: Lab, name: string): string {
  if (lab.hypervisor !== 'vmware') return VBOX_NATNET_GATEWAY_MAC;
  // VMware's NAT device has an address from VMware's own OUI, 00:50:56, outside the host adapters' c0:00:xx.
  return `005056${infraMac(`nat:${name}`).slice(-6).replace(/^./, 'e')}`;
}

function hex(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}
