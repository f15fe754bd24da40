/**
 * A lab with every default applied: what the engine, the server and the web app
 * read. `parseLab` turns a `vnetlab/1` file into this; nothing here is optional
 * unless the product itself has "nothing" as a meaningful value.
 */
export type Hypervisor = 'virtualbox' | 'vmware';
export type AdapterMode = 'none' | 'nat' | 'natnetwork' | 'bridged' | 'hostonly' | 'internal';
export type Proto = 'tcp' | 'udp';

/** "tcp/22" parsed. */
export interface Service {
  readonly proto: Proto;
  readonly port: number;
}

export type IpConfig = 'dhcp' | StaticIp;

export interface StaticIp {
  /** "a.b.c.d/len" */
  readonly address: string;
  readonly gateway: string | null;
  readonly dns: readonly string[];
}

export interface Firewall {
  /** false: echo requests are dropped (OS-5). */
  readonly icmp: boolean;
  /** null: everything admitted; otherwise only these services. */
  readonly allow: readonly Service[] | null;
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

export interface DhcpRange {
  readonly server: string;
  readonly from: string;
  readonly to: string;
}

export interface HostNic {
  readonly name: string;
  readonly kind: 'ethernet' | 'wifi';
  readonly lan: string;
  readonly ip: IpConfig;
}

export interface Host {
  readonly os: 'linux' | 'windows' | 'macos';
  readonly nics: readonly HostNic[];
  readonly share: readonly { readonly network: string; readonly via: string }[];
  readonly listen: readonly Service[];
  readonly firewall: Firewall;
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
  readonly dhcp: { readonly from: string; readonly to: string } | null;
  readonly internet: boolean;
  readonly devices: readonly Device[];
}

export interface NatNetwork {
  readonly name: string;
  readonly cidr: string;
  readonly dhcp: boolean;
  readonly portForwards: readonly PortForward[];
  /** The host's own address on it: VMware's VMnet8 has one, VirtualBox's NAT networks do not. */
  readonly hostAdapter: string | null;
}

export interface HostOnlyNetwork {
  readonly name: string;
  readonly hostIp: string;
  readonly dhcp: DhcpRange | null;
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
}

export type Promiscuous = 'deny' | 'allow-vms' | 'allow-all';

export interface Route {
  readonly to: string;
  readonly via: string;
}

export interface Vm {
  readonly id: string;
  readonly name: string;
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
  readonly kind: 'ping' | 'tcp';
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
  readonly host: Host;
  readonly lans: readonly Lan[];
  readonly natNetworks: readonly NatNetwork[];
  readonly hostOnlyNetworks: readonly HostOnlyNetwork[];
  readonly internalNetworks: readonly InternalNetwork[];
  readonly vms: readonly Vm[];
  readonly goals: readonly Goal[];
}

export interface LabTranslation {
  readonly title?: string;
  readonly text?: string;
  /** Goal id -> its text in that language. */
  readonly goals?: Readonly<Record<string, string>>;
}
