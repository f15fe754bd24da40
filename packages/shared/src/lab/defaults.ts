/**
 * What each product gives you before you change anything (reference/network-modes.md
 * VB-NAT-2, VB-NATNET-2, VB-HO-1, VMW-2, VMW-3, VMW-5). The engine relies on these
 * being the products' real values: a student compares them with their own screen.
 */
import { type Cidr, networkOf, parseCidr } from '../net/ipv4';
import type { AdapterMode, Hypervisor } from './types';

export interface HypervisorDefaults {
  readonly macPrefix: string;
  readonly maxAdapters: number;
  /** The network an adapter of each mode attaches to when it names none. */
  readonly networkOf: Readonly<Record<Exclude<AdapterMode, 'bridged' | 'none'>, string>>;
  readonly natNetwork: {
    readonly name: string;
    readonly cidr: string;
    readonly hostAdapterOffset: number | null;
    /** VB-NATNET-2: NATNetworkImpl.cpp maps 127.0.0.1 at offset 2 on every new NAT network. */
    readonly loopbackMappings: readonly { readonly hostIp: string; readonly offset: number }[];
  };
  readonly hostOnly: {
    readonly name: string;
    readonly hostIp: string;
    readonly dhcp: { readonly server: number; readonly from: number; readonly to: number };
  };
}

export const VIRTUALBOX: HypervisorDefaults = {
  macPrefix: '080027',
  maxAdapters: 8,
  networkOf: { nat: '', natnetwork: 'NatNetwork', hostonly: 'vboxnet0', internal: 'intnet' },
  natNetwork: {
    name: 'NatNetwork',
    cidr: '10.0.2.0/24',
    hostAdapterOffset: null,
    loopbackMappings: [{ hostIp: '127.0.0.1', offset: 2 }],
  },
  hostOnly: { name: 'vboxnet0', hostIp: '192.168.56.1/24', dhcp: { server: 100, from: 101, to: 254 } },
};

export const VMWARE: HypervisorDefaults = {
  macPrefix: '000c29',
  maxAdapters: 10,
  // VMware's "NAT" is the shared VMnet8 switch, not a private engine per adapter (VMW-2).
  networkOf: { nat: 'vmnet8', natnetwork: 'vmnet8', hostonly: 'vmnet1', internal: 'LAN Segment 1' },
  natNetwork: { name: 'vmnet8', cidr: '192.168.200.0/24', hostAdapterOffset: 1, loopbackMappings: [] },
  // VMware's DHCP server sits at .254 and never leases its own address.
  hostOnly: { name: 'vmnet1', hostIp: '192.168.100.1/24', dhcp: { server: 254, from: 128, to: 254 } },
};

export function defaultsFor(hypervisor: Hypervisor): HypervisorDefaults {
  return hypervisor === 'vmware' ? VMWARE : VIRTUALBOX;
}

/** VirtualBox NAT (VB-NAT-2): adapters[i] is on 10.0.(i+2).0/24. */
export const VBOX_NAT = { guest: 15, gateway: 2, dns: 3, tftp: 4 } as const;

/**
 * The private subnet of the NAT engine behind adapter `slot` (0-based): 10.0.(slot+2).0/24,
 * or the adapter's `natNet` (VBoxManage modifyvm --natnet<N>) when it sets one.
 */
export function vboxNatSubnet(slot: number, natNet: string | null = null): Cidr {
  const custom = natNet === null ? null : parseCidr(natNet);
  if (custom) return { ip: networkOf(custom.ip, custom.prefix), prefix: custom.prefix };
  return { ip: (0x0a000000 + ((slot + 2) << 8)) >>> 0, prefix: 24 };
}

/** VirtualBox NAT Network (VB-NATNET-2): gateway .1, host loopback .2, DHCP server .3, leases from .4. */
export const VBOX_NATNET = { gateway: 1, hostLoopback: 2, dhcpServer: 3, firstLease: 4 } as const;

/** VMware VMnet8 (VMW-2): host adapter .1, NAT device .2 (gateway and DNS), DHCP .128–.254 from .254. */
export const VMWARE_NAT = {
  hostAdapter: 1,
  gateway: 2,
  dhcpServer: 254,
  firstLease: 128,
  lastLease: 254,
} as const;

export const DEFAULT_LAN = {
  name: 'home',
  cidr: '192.168.1.0/24',
  gatewayOffset: 1,
  dhcp: { from: 100, to: 199 },
} as const;
