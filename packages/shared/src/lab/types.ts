/**
 * A lab with every default applied: what the engine, the server and the web app
 * read. `parseLab` turns a `vnetlab/1` file into this; nothing here is optional
 * unless the product itself has "nothing" as a meaningful value.
 */
export type Hypervisor = 'virtualbox' | 'vmware' | 'libvirt' | 'hyperv';
export type AdapterMode = 'none' | 'nat' | 'natnetwork' | 'bridged' | 'hostonly' | 'internal';
export type Proto = 'tcp' | 'udp';

/** "tcp/22" parsed. */
export interface Service {
  readonly proto: Proto;
  readonly port: number;
  /** The one address it is bound to ("tcp/127.0.0.1:8080"); null: every address of the machine. */
  readonly address: string | null;
}

/** DHCP reservation: the client with this MAC always gets this address. */
export interface Reservation {
  readonly mac: string;
  readonly ip: string;
}

export type IpConfig = 'dhcp' | StaticIp;

export interface StaticIp {
  /** "a.b.c.d/len" */
  readonly address: string;
  readonly gateway: string | null;
  readonly dns: readonly string[];
}

export interface Firewall {
  /** false: the firewall is off (WIN-7): everything admitted, and a Windows machine refuses a closed port. */
  readonly enabled: boolean;
  /** false: echo requests are dropped (OS-5). */
  readonly icmp: boolean;
  /** null: everything admitted; otherwise only these services. */
  readonly allow: readonly Service[] | null;
  /** WIN-8: interfaces (by name) on a Public network of a Windows host, where echo requests are dropped. */
  readonly icmpDroppedOn: readonly string[];
}

export interface PortForward {
  readonly name: string;
  readonly proto: Proto;
  /** "" = every host address. */
  readonly hostIp: string;
  readonly hostPort: number;
  /** "" = the address DHCP leased (NAT mode). */
  readonly guestIp: string;
  readonly guestPort: number;
}

/** DHCP-3: options set by hand; null: the server's own (VirtualBox host-only: none). */
export interface DhcpOptions {
  /** Option 3: the router handed out as default gateway. */
  readonly router: string | null;
  /** Option 6: the DNS servers handed out. */
  readonly dns: readonly string[] | null;
}

export interface DhcpRange {
  readonly server: string;
  readonly from: string;
  readonly to: string;
  readonly reservations: readonly Reservation[];
  readonly options: DhcpOptions;
}

export interface HostNic {
  readonly name: string;
  readonly kind: 'ethernet' | 'wifi';
  readonly lan: string;
  readonly ip: IpConfig;
  /** WIN-8: the network category Windows gave the connection (a Windows host; ignored elsewhere). */
  readonly profile: 'private' | 'public';
}

export interface Host {
  readonly os: 'linux' | 'windows' | 'macos';
  readonly nics: readonly HostNic[];
  readonly share: readonly { readonly network: string; readonly via: string }[];
  readonly listen: readonly Service[];
  readonly firewall: Firewall;
  /** /etc/vbox/networks.conf ranges (VB-HO-3); null: no such file, only 192.168.56.0/21. */
  readonly networksConf: readonly string[] | null;
  /** The host's resolvers; empty: whatever its first NIC got from its LAN (the router). */
  readonly dns: readonly string[];
  /** VMW-13: the VMnets whose /dev/vmnetN a Linux host lets the user open read-write; true: all. */
  readonly vmnetPromiscuous: boolean | readonly string[];
}

export interface Device {
  readonly id: string;
  readonly lan: string;
  readonly ip: IpConfig;
  readonly listen: readonly Service[];
  readonly firewall: Firewall;
}

export interface Lan {
  readonly name: string;
  readonly cidr: string;
  readonly gateway: string;
  readonly dhcp: {
    readonly from: string;
    readonly to: string;
    readonly reservations: readonly Reservation[];
  } | null;
  readonly internet: boolean;
  readonly devices: readonly Device[];
  /** Static routes of the LAN's router, e.g. back to a libvirt routed network through the host (LV-5). */
  readonly routes: readonly Route[];
}

export interface NatNetwork {
  readonly name: string;
  readonly cidr: string;
  readonly dhcp: boolean;
  readonly portForwards: readonly PortForward[];
  /** The host's own address on it: VMware's VMnet8 has one, VirtualBox's NAT networks do not. */
  readonly hostAdapter: string | null;
  /** Offsets from the network address that stand for the host's loopback (VirtualBox: 127.0.0.1 = .2). */
  readonly loopbackMappings: readonly { readonly hostIp: string; readonly offset: number }[];
  /** The lease range; null: the product's default. */
  readonly dhcpRange: { readonly from: string; readonly to: string } | null;
  readonly dhcpReservations: readonly Reservation[];
  /** DHCP-3: a router and DNS servers its DHCP server hands out instead of the gateway and its DNS. */
  readonly dhcpOptions: DhcpOptions;
  /** libvirt `<forward mode='route'/>`: the host routes without NAT, the LAN needs a route back (LV-5). */
  readonly routed: boolean;
}

/** A VMware bridged VMnet (vmnet0 or a custom vmnet2–19) and the host NIC it bridges to. */
export interface BridgedNetwork {
  readonly name: string;
  readonly nic: string;
}

export interface HostOnlyNetwork {
  readonly name: string;
  readonly hostIp: string;
  readonly dhcp: DhcpRange | null;
  /** VMware "Connect a host virtual adapter": false, the host is not on it. */
  readonly hostAdapter: boolean;
}

export interface InternalNetwork {
  readonly name: string;
  readonly dhcp: DhcpRange | null;
}

export interface Adapter {
  readonly slot: number;
  readonly mode: AdapterMode;
  /** What the mode attaches to; "" for `none` and VirtualBox `nat`. */
  readonly network: string;
  readonly cable: boolean;
  /** 12 lowercase hex digits. */
  readonly mac: string;
  readonly ip: IpConfig;
  readonly portForwards: readonly PortForward[];
  readonly localhostReachable: boolean;
  /** VB-OPT-4 promiscuous mode: "deny" (the default), "allow-vms", "allow-all". */
  readonly promiscuous: Promiscuous;
  /** libvirt, bridged mode: a macvtap device instead of a host bridge (LV-4). */
  readonly macvtap: boolean;
  /** VirtualBox NAT engine options (VBoxManage modifyvm --natnet, --natdnshostresolver, --natdnsproxy, --natbindip). */
  readonly nat: NatEngineOptions;
}

export interface NatEngineOptions {
  /** The NAT subnet; null: 10.0.(slot+2).0/24. */
  readonly natNet: string | null;
  readonly dnsHostResolver: boolean;
  readonly dnsProxy: boolean;
  /** The host address outgoing connections leave from; null: the host's routing decides. */
  readonly bindIp: string | null;
}

export type Promiscuous = 'deny' | 'allow-vms' | 'allow-all';

export interface Route {
  readonly to: string;
  readonly via: string;
}

export interface Vm {
  readonly id: string;
  readonly name: string;
  /** The guest's system (default linux): its console, and WIN-1's firewall default. */
  readonly os: 'linux' | 'windows';
  readonly adapters: readonly Adapter[];
  readonly listen: readonly Service[];
  readonly ipForwarding: boolean;
  readonly masquerade: readonly number[];
  readonly routes: readonly Route[];
  readonly firewall: Firewall;
}

export interface ProbeSpec {
  readonly from: string;
  readonly to: string;
  readonly kind: 'ping' | 'tcp' | 'udp';
  readonly port?: number | undefined;
}

export interface Goal {
  readonly id: string;
  readonly text: string;
  readonly probe: ProbeSpec;
  readonly expect: boolean;
}

export interface Lab {
  readonly format: 'vnetlab/1';
  readonly title: string;
  /** What the exercise asks; "" when absent. */
  readonly text: string;
  /** `locked` paths as written (class rooms enforce them). */
  readonly locked: readonly string[];
  /** Texts in other languages, by locale. */
  readonly i18n: Readonly<Record<string, LabTranslation>>;
  readonly hypervisor: Hypervisor;
  /** "7.1", "6.1", "17" …: the product's version; rules that changed between versions follow it. */
  readonly hypervisorVersion: string;
  readonly host: Host;
  readonly lans: readonly Lan[];
  readonly natNetworks: readonly NatNetwork[];
  readonly hostOnlyNetworks: readonly HostOnlyNetwork[];
  readonly internalNetworks: readonly InternalNetwork[];
  readonly bridgedNetworks: readonly BridgedNetwork[];
  readonly vms: readonly Vm[];
  readonly goals: readonly Goal[];
}

export interface LabTranslation {
  readonly title?: string;
  readonly text?: string;
  /** Goal id -> its text in that language. */
  readonly goals?: Readonly<Record<string, string>>;
}
