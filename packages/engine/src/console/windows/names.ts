/** How Windows names a machine's adapters: connection names and driver descriptions. */
import { windowsEthernetName } from '@vnetlab/shared';
import type { Iface, NetNode, Network } from '../../compile/network';

export interface WinAdapter {
  readonly iface: Iface;
  /** "Ethernet adapter Ethernet 2", "Wireless LAN adapter Wi-Fi". */
  readonly title: string;
  readonly description: string;
  /** The interface index route print and arp -a show. */
  readonly index: number;
}

export function winAdapters(network: Network, node: NetNode): WinAdapter[] {
  let ethernet = 0;
  let hyperv = 0;
  return node.ifaces.map((iface, i) => {
    const index = 3 + i * 2 + (i > 0 ? 2 : 0);
    const vbox = /^vboxnet(\d+)$/.exec(iface.name);
    if (vbox) {
      const n = Number(vbox[1]);
      const suffix = n === 0 ? '' : ` #${n + 1}`;
      return {
        iface,
        index,
        title: `Ethernet adapter VirtualBox Host-Only Network${suffix}`,
        description: `VirtualBox Host-Only Ethernet Adapter${suffix}`,
      };
    }
    const vmnet = /^vmnet(\d+)$/.exec(iface.name);
    if (vmnet)
      return {
        iface,
        index,
        title: `Ethernet adapter VMware Network Adapter VMnet${vmnet[1]}`,
        description: `VMware Virtual Ethernet Adapter for VMnet${vmnet[1]}`,
      };
    // HV-5: the host's side of a Hyper-V switch is a vEthernet adapter named after it.
    if (/^vEthernet \(.+\)$/.test(iface.name)) {
      hyperv++;
      return {
        iface,
        index,
        title: `Ethernet adapter ${iface.name}`,
        description: `Hyper-V Virtual Ethernet Adapter${hyperv === 1 ? '' : ` #${hyperv}`}`,
      };
    }
    if (node.kind === 'host' && /^wl/.test(iface.name))
      return {
        iface,
        index,
        title: 'Wireless LAN adapter Wi-Fi',
        description: 'Intel(R) Wi-Fi 6 AX201 160MHz',
      };
    ethernet++;
    const name = windowsEthernetName(ethernet);
    const driver =
      node.kind === 'host' ? 'Intel(R) Ethernet Connection (7) I219-V' : GUEST_DRIVER[network.hypervisor];
    return {
      iface,
      index,
      title: `Ethernet adapter ${name}`,
      description: ethernet === 1 ? driver : `${driver} #${ethernet}`,
    };
  });
}

/** A Windows guest's NIC as Device Manager names it: each product's default adapter (HV-5). */
const GUEST_DRIVER: Record<Network['hypervisor'], string> = {
  virtualbox: 'Intel(R) PRO/1000 MT Desktop Adapter',
  vmware: 'Intel(R) 82574L Gigabit Network Connection',
  libvirt: 'Red Hat VirtIO Ethernet Adapter',
  hyperv: 'Microsoft Hyper-V Network Adapter',
};

/** 08-00-27-8B-2A-C1, as ipconfig /all prints a MAC. */
export function dashedMac(mac: string, upper = true): string {
  const pairs = mac.match(/../g) ?? [];
  const text = pairs.join('-');
  return upper ? text.toUpperCase() : text.toLowerCase();
}
