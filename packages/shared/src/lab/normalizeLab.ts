/**
 * A schema-valid lab file -> a `Lab` with every default applied (lab-format.md,
 * "Fields", right column). Pure and deterministic: generated MACs come from the VM id
 * and slot, never from a random source.
 */
import { type Cidr, formatIpv4, hostIn, networkOf, parseCidr } from '../net/ipv4';
import { DEFAULT_LAN, defaultsFor, type HypervisorDefaults } from './defaults';
import type { LabFile, LabFileAdapter } from './schema';
import { parseService } from './services';
import type {
  Adapter,
  AdapterMode,
  Device,
  DhcpOptions,
  DhcpRange,
  Firewall,
  Host,
  HostOnlyNetwork,
  IpConfig,
  Lab,
  Lan,
  NatNetwork,
  PortForward,
  Reservation,
  Vm,
} from './types';
import { CURRENT_VERSION } from './versions';

type RawReservations = { mac: string; ip: string }[] | undefined;

function normalizeReservations(raw: RawReservations): Reservation[] {
  // DHCP-2: "08:00:27:00:00:33" and "08-00-27-…" are the same MAC as "080027000033".
  return (raw ?? []).map((entry) => ({ mac: entry.mac.replace(/[:-]/g, '').toLowerCase(), ip: entry.ip }));
}

type RawIp = NonNullable<LabFileAdapter['ip']>;
type RawFirewall =
  | { enabled?: boolean | undefined; icmp?: boolean | undefined; allow?: string[] | undefined }
  | undefined;
type RawPortForward = NonNullable<LabFileAdapter['portForwards']>[number];

export function normalizeLab(file: LabFile): Lab {
  const hypervisor = file.hypervisor ?? 'virtualbox';
  const hypervisorVersion = file.hypervisorVersion ?? CURRENT_VERSION[hypervisor];
  const defaults = defaultsFor(hypervisor);
  const lans = normalizeLans(file);
  const host = normalizeHost(file, lans[0]?.name ?? DEFAULT_LAN.name);
  const macs = new MacAllocator(defaults.macPrefix);
  return {
    format: 'vnetlab/1',
    title: file.title ?? '',
    text: file.text ?? '',
    locked: file.locked ?? [],
    i18n: file.i18n ?? {},
    hypervisor,
    hypervisorVersion,
    host,
    lans,
    natNetworks: normalizeNatNetworks(file, defaults),
    hostOnlyNetworks: normalizeHostOnly(file, defaults),
    internalNetworks: Object.entries(file.internalNetworks ?? {}).map(([name, net]) => ({
      name,
      dhcp: net.dhcp ? normalizeDhcpRange(net.dhcp) : null,
    })),
    bridgedNetworks: Object.entries(file.bridgedNetworks ?? {}).map(([name, net]) => ({
      name,
      nic: net.nic,
    })),
    vms: normalizeVms(file, defaults, host, macs),
    goals: (file.goals ?? []).map((goal) => ({
      id: goal.id,
      text: goal.text ?? goal.id,
      probe: goal.probe,
      expect: goal.expect ?? true,
    })),
  };
}

function normalizeIp(ip: RawIp | undefined): IpConfig {
  if (ip === undefined || ip === 'dhcp') return 'dhcp';
  return { address: ip.address, gateway: ip.gateway ?? null, dns: ip.dns ?? [] };
}

function normalizeFirewall(
  firewall: RawFirewall,
  icmpByDefault = true,
  icmpDroppedOn: readonly string[] = [],
): Firewall {
  // WIN-7: a firewall turned off admits everything, whatever its rules say.
  if (firewall?.enabled === false) return { enabled: false, icmp: true, allow: null, icmpDroppedOn: [] };
  return {
    enabled: true,
    icmp: firewall?.icmp ?? icmpByDefault,
    allow: firewall?.allow ? firewall.allow.map(parseService) : null,
    // An echo rule the lab enables (`icmp: true`) is enabled on every profile.
    icmpDroppedOn: firewall?.icmp === undefined ? icmpDroppedOn : [],
  };
}

function normalizeLans(file: LabFile): Lan[] {
  const raw = file.lans ?? { [DEFAULT_LAN.name]: {} };
  return Object.entries(raw).map(([name, lan]) => {
    const cidr = lan.cidr ?? DEFAULT_LAN.cidr;
    const net = parseCidr(cidr)!;
    const devices: Device[] = Object.entries(lan.devices ?? {}).map(([id, device]) => ({
      id,
      lan: name,
      ip: normalizeIp(device.ip),
      listen: (device.listen ?? []).map(parseService),
      firewall: normalizeFirewall(device.firewall),
    }));
    const dhcp =
      lan.dhcp === null
        ? null
        : lan.dhcp
          ? { ...lan.dhcp, reservations: normalizeReservations(lan.dhcp.reservations) }
          : {
              from: formatIpv4(hostIn(net, DEFAULT_LAN.dhcp.from)),
              to: formatIpv4(hostIn(net, DEFAULT_LAN.dhcp.to)),
              reservations: [],
            };
    return {
      name,
      cidr,
      gateway: lan.gateway ?? formatIpv4(hostIn(net, DEFAULT_LAN.gatewayOffset)),
      dhcp,
      internet: lan.internet ?? true,
      devices,
      routes: lan.routes ?? [],
    };
  });
}

function normalizeHost(file: LabFile, firstLan: string): Host {
  const rawNics = file.host?.nics ?? { eth0: {} };
  // Hyper-V runs on Windows only.
  const os = file.host?.os ?? (file.hypervisor === 'hyperv' ? 'windows' : 'linux');
  const nics = Object.entries(rawNics).map(([name, nic]) => ({
    name,
    kind: nic.kind ?? 'ethernet',
    lan: nic.lan ?? firstLan,
    ip: normalizeIp(nic.ip),
    profile: nic.profile ?? 'private',
  }));
  // WIN-8: the echo rule of "File and Printer Sharing" is not enabled for the Public profile.
  const publicNics =
    os === 'windows' ? nics.filter((nic) => nic.profile === 'public').map((nic) => nic.name) : [];
  return {
    os,
    nics,
    share: file.host?.share ?? [],
    listen: (file.host?.listen ?? []).map(parseService),
    firewall: normalizeFirewall(file.host?.firewall, true, publicNics),
    networksConf: file.host?.networksConf ?? null,
    dns: file.host?.dns ?? [],
    vmnetPromiscuous: file.host?.vmnetPromiscuous ?? false,
  };
}

function normalizePortForward(rule: RawPortForward): PortForward {
  return { ...rule, guestIp: rule.guestIp ?? '' };
}

function normalizeNatNetworks(file: LabFile, defaults: HypervisorDefaults): NatNetwork[] {
  const raw = file.natNetworks ?? { [defaults.natNetwork.name]: {} };
  return Object.entries(raw).map(([name, net]) => {
    const cidr = net.cidr ?? defaults.natNetwork.cidr;
    const offset = defaults.natNetwork.hostAdapterOffset;
    const parsed = parseCidr(cidr)!;
    const hostAdapter =
      net.hostAdapter ?? (offset === null ? null : `${formatIpv4(hostIn(parsed, offset))}/${parsed.prefix}`);
    return {
      name,
      cidr,
      dhcp: net.dhcp ?? true,
      portForwards: (net.portForwards ?? []).map(normalizePortForward),
      hostAdapter,
      loopbackMappings: net.loopbackMappings ?? defaults.natNetwork.loopbackMappings,
      dhcpRange: net.dhcpRange ?? null,
      dhcpReservations: normalizeReservations(net.dhcpReservations),
      dhcpOptions: normalizeDhcpOptions(net.dhcpOptions),
      routed: net.routed ?? false,
    };
  });
}

const NO_DHCP_OPTIONS: DhcpOptions = { router: null, dns: null };

type RawDhcpOptions = { router?: string | undefined; dns?: string[] | undefined } | undefined;

function normalizeDhcpOptions(options: RawDhcpOptions): DhcpOptions {
  return options ? { router: options.router ?? null, dns: options.dns ?? null } : NO_DHCP_OPTIONS;
}

type RawDhcpRange = NonNullable<NonNullable<LabFile['internalNetworks']>[string]['dhcp']>;

function normalizeDhcpRange(dhcp: RawDhcpRange): DhcpRange {
  return {
    server: dhcp.server,
    from: dhcp.from,
    to: dhcp.to,
    reservations: normalizeReservations(dhcp.reservations),
    options: normalizeDhcpOptions(dhcp.options),
  };
}

function normalizeHostOnly(file: LabFile, defaults: HypervisorDefaults): HostOnlyNetwork[] {
  const raw = file.hostOnlyNetworks ?? { [defaults.hostOnly.name]: {} };
  return Object.entries(raw).map(([name, net]) => {
    const hostIp = net.hostIp ?? defaults.hostOnly.hostIp;
    const subnet = parseCidr(hostIp)!;
    const dhcp: DhcpRange | null =
      net.dhcp === null
        ? null
        : net.dhcp
          ? normalizeDhcpRange(net.dhcp)
          : defaults.hostOnly.dhcp === null
            ? null
            : defaultHostOnlyDhcp(subnet, defaults.hostOnly.dhcp);
    return { name, hostIp, dhcp, hostAdapter: net.hostAdapter ?? true };
  });
}

/**
 * The products' host-only DHCP offsets (.100, .101–.254; VMware .254, .128–.254) fit a
 * /24. A smaller subnet keeps the same shape inside it: the server on the last host
 * address, leases from after the host's address to the one before the server.
 */
function defaultHostOnlyDhcp(
  subnet: Cidr,
  offsets: { readonly server: number; readonly from: number; readonly to: number },
): DhcpRange {
  const size = 2 ** (32 - subnet.prefix);
  if (size >= 256) {
    return {
      server: formatIpv4(hostIn(subnet, offsets.server)),
      from: formatIpv4(hostIn(subnet, offsets.from)),
      to: formatIpv4(hostIn(subnet, offsets.to)),
      reservations: [],
      options: NO_DHCP_OPTIONS,
    };
  }
  const lastHost = size - 2;
  const hostOffset = (subnet.ip - networkOf(subnet.ip, subnet.prefix)) >>> 0;
  return {
    server: formatIpv4(hostIn(subnet, lastHost)),
    from: formatIpv4(hostIn(subnet, Math.min(hostOffset + 1, lastHost))),
    to: formatIpv4(hostIn(subnet, Math.max(lastHost - 1, 1))),
    reservations: [],
    options: NO_DHCP_OPTIONS,
  };
}

function normalizeMode(mode: LabFileAdapter['mode']): AdapterMode {
  if (mode === undefined) return 'nat';
  return mode === 'lansegment' ? 'internal' : mode;
}

function defaultNetwork(mode: AdapterMode, defaults: HypervisorDefaults, host: Host): string {
  switch (mode) {
    case 'none':
      return '';
    case 'bridged':
      return host.nics[0]?.name ?? '';
    case 'nat':
    case 'natnetwork':
    case 'hostonly':
    case 'internal':
      return defaults.networkOf[mode];
    default: {
      const unexpected: never = mode;
      throw new Error(`unknown adapter mode ${String(unexpected)}`);
    }
  }
}

function normalizeVms(file: LabFile, defaults: HypervisorDefaults, host: Host, macs: MacAllocator): Vm[] {
  const vms = Object.entries(file.vms ?? {});
  // Explicit MACs are claimed first so a generated one never collides with them.
  for (const [, vm] of vms) for (const adapter of vm.adapters ?? []) if (adapter.mac) macs.claim(adapter.mac);
  return vms.map(([id, vm]) => ({
    id,
    name: vm.name ?? id,
    os: vm.os ?? 'linux',
    adapters: (vm.adapters ?? []).map((adapter, slot): Adapter => {
      const mode = normalizeMode(adapter.mode);
      const ignoresNetwork = mode === 'none' || (mode === 'nat' && defaults.networkOf.nat === '');
      return {
        slot,
        mode,
        network: ignoresNetwork ? '' : (adapter.network ?? defaultNetwork(mode, defaults, host)),
        cable: adapter.cable ?? true,
        mac: adapter.mac ? adapter.mac.toLowerCase() : macs.generate(`${id}/${slot}`),
        ip: normalizeIp(adapter.ip),
        portForwards: (adapter.portForwards ?? []).map(normalizePortForward),
        localhostReachable: adapter.localhostReachable ?? false,
        promiscuous: adapter.promiscuous ?? 'deny',
        macvtap: adapter.macvtap ?? false,
        nat: {
          natNet: adapter.natNet ?? null,
          dnsHostResolver: adapter.dnsHostResolver ?? false,
          dnsProxy: adapter.dnsProxy ?? false,
          bindIp: adapter.bindIp ?? null,
        },
      };
    }),
    listen: (vm.listen ?? []).map(parseService),
    ipForwarding: vm.ipForwarding ?? false,
    masquerade: vm.masquerade ?? [],
    routes: vm.routes ?? [],
    // WIN-1: Windows Defender Firewall drops inbound echo requests unless a rule admits them.
    firewall: normalizeFirewall(vm.firewall, vm.os !== 'windows'),
  }));
}

/**
 * Deterministic MACs: the vendor prefix and 24 bits of a hash of "vmId/slot".
 * A clash moves to the next free value, so 1,000 VMs never share a generated MAC.
 */
class MacAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly prefix: string) {}

  claim(mac: string): void {
    this.used.add(mac.toLowerCase());
  }

  generate(seed: string): string {
    let suffix = fnv1a(seed) & 0xffffff;
    for (;;) {
      const mac = this.prefix + suffix.toString(16).padStart(6, '0');
      if (!this.used.has(mac)) {
        this.used.add(mac);
        return mac;
      }
      suffix = (suffix + 1) & 0xffffff;
    }
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
