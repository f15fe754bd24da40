/**
 * What a packet capture in a VM sees of frames addressed to others (VB-OPT-4, VMW-13).
 *
 * VirtualBox decides per adapter (its "Promiscuous Mode" menu). VMware has no such
 * setting: a guest asks for promiscuous mode itself — a capture such as tcpdump opens its
 * NIC promiscuous, libpcap's default — and the host decides. A VMnet is a hub (the vmnet
 * driver's VNetHubReceive hands every frame to every port, and a port in IFF_PROMISC
 * takes them all: VNetPacketMatch), so an allowed capture sees every frame of the VMnet,
 * the host's and the LAN's included. A Linux host allows it only to a user who may read
 * and write the VMnet's /dev/vmnetN (VMware KB 287); Windows hosts do not ask; Fusion on
 * macOS asks for an administrator's password ("Require authentication to enable
 * promiscuous mode", on by default), which the lab takes as given.
 */
import type { Adapter, Lab, Promiscuous } from '@vnetlab/shared';

const VMNET = /^vmnet([0-9]|1[0-9])$/;

/**
 * The /dev/vmnetN an adapter of a VMware VM opens, by its VMnet's name; null for a LAN
 * segment (a private network the driver binds an open vmnet file to, not a device of its own).
 */
export function vmnetDeviceOf(adapter: Adapter): string | null {
  switch (adapter.mode) {
    case 'nat':
    case 'natnetwork':
    case 'hostonly':
      return adapter.network;
    case 'bridged':
      // A bridged adapter naming a host NIC is on vmnet0, VMware's automatic bridge (VMW-6).
      return VMNET.test(adapter.network) ? adapter.network : 'vmnet0';
    case 'internal':
    case 'none':
      return null;
    default: {
      const unexpected: never = adapter.mode;
      throw new Error(`unknown adapter mode ${String(unexpected)}`);
    }
  }
}

/** VMW-13: whether the VMware host lets this adapter's guest enter promiscuous mode. */
export function vmwareAllowsPromiscuous(lab: Lab, adapter: Adapter): boolean {
  if (lab.host.os !== 'linux') return true;
  const allowed = lab.host.vmnetPromiscuous;
  if (allowed === true) return true;
  if (allowed === false) return false;
  const device = vmnetDeviceOf(adapter);
  return device !== null && allowed.includes(device);
}

/**
 * What a capture on this adapter shows: VirtualBox's menu, or what VMware's host allows.
 * libvirt's Linux bridge and Hyper-V's switch learn where each MAC is and send a frame
 * for a known MAC to that port alone, so a promiscuous guest there sees only flooded
 * frames (broadcasts); neither has VirtualBox's setting, which is ignored (VMW-13's
 * note in REFERENCE.md; Hyper-V's own way is port mirroring, not modelled).
 */
export function capturePromiscuity(lab: Lab, adapter: Adapter): Promiscuous {
  switch (lab.hypervisor) {
    case 'virtualbox':
      return adapter.promiscuous;
    case 'vmware':
      return vmwareAllowsPromiscuous(lab, adapter) ? 'allow-all' : 'deny';
    default:
      return 'deny';
  }
}
