/**
 * A network as each product's own screens name it: VirtualBox says "NAT Network" and
 * "internal network", VMware says "VMnet8 (NAT)" and "LAN segment".
 */
import type { Hypervisor } from '@vnetlab/shared';
import type { SegmentKind } from './network';

export function labelSegment(kind: SegmentKind, name: string, hypervisor: Hypervisor): string {
  const vmware = hypervisor === 'vmware';
  if (kind === 'natnetwork' || kind === 'hostonly' || kind === 'internal') {
    if (hypervisor === 'libvirt') return libvirtLabel(kind, name);
    if (hypervisor === 'hyperv') return hypervLabel(kind, name);
  }
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

/** Hyper-V Manager's words: the Default Switch, Internal and Private virtual switches. */
function hypervLabel(kind: 'natnetwork' | 'hostonly' | 'internal', name: string): string {
  switch (kind) {
    case 'natnetwork':
      return name === 'Default Switch' ? 'the Default Switch' : `virtual switch ${name}`;
    case 'hostonly':
      return `Internal switch ${name}`;
    case 'internal':
      return `Private switch ${name}`;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown segment kind ${String(unexpected)}`);
    }
  }
}
