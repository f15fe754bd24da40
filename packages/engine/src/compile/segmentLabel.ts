/**
 * A network as each product's own screens name it: VirtualBox says "NAT Network" and
 * "internal network", VMware says "VMnet8 (NAT)" and "LAN segment".
 */
import type { Hypervisor } from '@vnetlab/shared';
import type { SegmentKind } from './network';

export function labelSegment(kind: SegmentKind, name: string, hypervisor: Hypervisor): string {
  const vmware = hypervisor === 'vmware';
  if (hypervisor === 'libvirt' && kind !== 'lan' && kind !== 'wan' && kind !== 'nat')
    return libvirtLabel(kind, name);
  switch (kind) {
    case 'lan':
      return `LAN ${name}`;
    case 'nat': {
      const [vm, slot] = name.split('/');
      return `${vm}'s private NAT network (adapter ${Number(slot) + 1})`;
    }
    case 'natnetwork':
      return vmware ? `${name} (NAT)` : `NAT network ${name}`;
    case 'hostonly':
      return vmware ? `${name} (host-only)` : `host-only network ${name}`;
    case 'internal':
      return vmware ? `LAN segment ${name}` : `internal network ${name}`;
    case 'wan':
      return name;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown segment kind ${String(unexpected)}`);
    }
  }
}

/** libvirt's words (virsh net-list, virt-manager): networks, isolated networks, networks without an IP. */
function libvirtLabel(kind: 'natnetwork' | 'hostonly' | 'internal', name: string): string {
  switch (kind) {
    case 'natnetwork':
      return `libvirt network ${name}`;
    case 'hostonly':
      return `isolated network ${name}`;
    case 'internal':
      return `libvirt network ${name} (no IP)`;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown segment kind ${String(unexpected)}`);
    }
  }
}
