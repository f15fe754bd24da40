/**
 * The `vnetlab/1` lab file as a runtime schema (lab-format.md, "Fields").
 *
 * This is the raw file: optional fields stay optional here and get their defaults
 * in `normalizeLab`, because some defaults depend on the hypervisor and on other
 * parts of the file (the first host NIC, the first LAN).
 */
import { z } from 'zod';
import { parseCidr, parseIpv4 } from '../net/ipv4';
import { parseLockPath } from './lockPaths';
import { isServiceText } from './services';
import { hypervisorVersion } from './versions';

export const ADAPTER_MODES = ['none', 'nat', 'natnetwork', 'bridged', 'hostonly', 'internal'] as const;
export const MAX_ADAPTERS = { virtualbox: 8, vmware: 10, libvirt: 10, hyperv: 8 } as const;

const address = z.string().refine((text) => parseIpv4(text) !== null, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an IPv4 address (a.b.c.d)`,
});

const addressWithPrefix = z.string().refine((text) => parseCidr(text) !== null, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an IPv4 address with a prefix (a.b.c.d/len)`,
});

/** "tcp/22", or bound to one address: "tcp/127.0.0.1:8080" (a service only that address reaches). */
const service = z.string().refine(isServiceText, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a service like "tcp/22", "udp/53" or "tcp/127.0.0.1:8080"`,
});

const port = z.number().int().min(1).max(65535);

/**
 * A DHCP reservation: this MAC always gets this address (VBoxManage dhcpserver --fixed-address,
 * vmnetdhcp.conf). The MAC as the products write it (`--mac-address=08:00:27:00:00:33`,
 * `hardware ethernet 00:0c:29:…;`) or as 12 hex digits like an adapter's (DHCP-2).
 */
const reservations = z
  .array(
    z.strictObject({
      mac: z
        .string()
        .regex(/^(?:[0-9a-fA-F]{12}|[0-9a-fA-F]{2}(?:([:-])[0-9a-fA-F]{2})(?:\1[0-9a-fA-F]{2}){4})$/, {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not a MAC address (12 hex digits, or 08:00:27:00:00:33)`,
        }),
      ip: address,
    }),
  )
  .optional();

const ipConfig = z.union([
  z.literal('dhcp'),
  z.strictObject({
    address: addressWithPrefix,
    gateway: address.optional(),
    dns: z.array(address).optional(),
  }),
]);

/** `enabled: false` is the firewall turned off (WIN-7): everything admitted, `icmp` and `allow` ignored. */
const firewall = z.strictObject({
  enabled: z.boolean().optional(),
  icmp: z.boolean().optional(),
  allow: z.array(service).optional(),
});

const portForward = z.strictObject({
  name: z.string(),
  proto: z.enum(['tcp', 'udp']),
  hostIp: z.union([z.literal(''), address]),
  hostPort: port,
  guestIp: z.union([z.literal(''), address]).optional(),
  guestPort: port,
});

/**
 * DHCP-3: options a DHCP server hands out by hand (`VBoxManage dhcpserver --set-opt=3 …`,
 * `--set-opt=6 …`; vmnetdhcp.conf `option routers`, `option domain-name-servers`).
 */
const dhcpOptions = z
  .strictObject({
    /** Option 3, the router: the guests' default gateway. */
    router: address.optional(),
    /** Option 6, the DNS servers. */
    dns: z.array(address).optional(),
  })
  .optional();

const dhcpRange = z.strictObject({
  server: address,
  from: address,
  to: address,
  reservations,
  options: dhcpOptions,
});

const hostNic = z.strictObject({
  kind: z.enum(['ethernet', 'wifi']).optional(),
  lan: z.string().optional(),
  ip: ipConfig.optional(),
  /** WIN-8, a Windows host: the connection's network category; Public drops inbound echo requests. */
  profile: z.enum(['private', 'public']).optional(),
});

const host = z.strictObject({
  os: z.enum(['linux', 'windows', 'macos']).optional(),
  nics: z.record(z.string(), hostNic).optional(),
  share: z.array(z.strictObject({ network: z.string(), via: z.string() })).optional(),
  listen: z.array(service).optional(),
  firewall: firewall.optional(),
  /** /etc/vbox/networks.conf: the ranges host-only adapters may use (VB-HO-3); absent: no such file. */
  networksConf: z.array(addressWithPrefix).optional(),
  /** The host's own DNS resolvers; a loopback one (127.0.0.53) changes what NAT networks hand out (VB-NATNET-5). */
  dns: z.array(address).optional(),
  /**
   * VMW-13, VMware on a Linux host: the VMnets whose /dev/vmnetN the user running VMware
   * may read and write (`chmod a+rw /dev/vmnet8`), so their guests may enter promiscuous
   * mode; `true`: every /dev/vmnet* (LAN segments too). Absent: root's alone, as installed.
   */
  vmnetPromiscuous: z.union([z.boolean(), z.array(z.string())]).optional(),
});

const device = z.strictObject({
  ip: ipConfig.optional(),
  listen: z.array(service).optional(),
  firewall: firewall.optional(),
});

const lan = z.strictObject({
  cidr: addressWithPrefix.optional(),
  gateway: address.optional(),
  dhcp: z.union([z.strictObject({ from: address, to: address, reservations }), z.null()]).optional(),
  internet: z.boolean().optional(),
  devices: z.record(z.string(), device).optional(),
  routes: z.array(z.strictObject({ to: addressWithPrefix, via: address })).optional(),
});

const natNetwork = z.strictObject({
  cidr: addressWithPrefix.optional(),
  dhcp: z.boolean().optional(),
  portForwards: z.array(portForward).optional(),
  hostAdapter: addressWithPrefix.optional(),
  /** VBoxManage natnetwork --loopback-4 "127.0.0.1=2": gateway-relative offsets that stand for the host's loopback. */
  loopbackMappings: z.array(z.strictObject({ hostIp: address, offset: z.number().int().min(1) })).optional(),
  /** The DHCP server's lease range (--lower-ip/--upper-ip; vmnetdhcp.conf range). */
  dhcpRange: z.strictObject({ from: address, to: address }).optional(),
  dhcpReservations: reservations,
  /** DHCP-3: what the network's DHCP server hands out instead of its gateway and DNS. */
  dhcpOptions,
  /** libvirt: `<forward mode='route'/>` instead of NAT. */
  routed: z.boolean().optional(),
});

const hostOnlyNetwork = z.strictObject({
  hostIp: addressWithPrefix.optional(),
  /** VMware "Connect a host virtual adapter to this network": false leaves the host off it. */
  hostAdapter: z.boolean().optional(),
  dhcp: z.union([dhcpRange, z.null()]).optional(),
});

const internalNetwork = z.strictObject({ dhcp: z.union([dhcpRange, z.null()]).optional() });

const adapter = z.strictObject({
  mode: z.enum([...ADAPTER_MODES, 'lansegment']).optional(),
  network: z.string().optional(),
  cable: z.boolean().optional(),
  mac: z
    .string()
    .regex(/^[0-9a-fA-F]{12}$/, { error: (issue) => `${JSON.stringify(issue.input)} is not 12 hex digits` })
    .optional(),
  ip: ipConfig.optional(),
  portForwards: z.array(portForward).optional(),
  /** The emulated NIC ("82540EM", "virtio", VMware "e1000"…): shown and kept, no effect on reachability. */
  type: z.string().optional(),
  /** VB-OPT-4: which frames not addressed to it the VM sees (what a capture on it shows). */
  promiscuous: z.enum(['deny', 'allow-vms', 'allow-all']).optional(),
  /** VirtualBox 7 "localhost reachable" for NAT: 10.0.x.2 reaches the host's loopback. */
  localhostReachable: z.boolean().optional(),
  /** VBoxManage modifyvm --natnet<N>: this NAT adapter's subnet instead of 10.0.(slot+2).0/24. */
  natNet: addressWithPrefix.optional(),
  /** --natdnshostresolver<N> / --natdnsproxy<N>: how the NAT engine's DNS at .3 resolves names. */
  dnsHostResolver: z.boolean().optional(),
  dnsProxy: z.boolean().optional(),
  /** --natbindip<N>: the host address the NAT engine's outgoing connections use. */
  bindIp: address.optional(),
  /** libvirt, bridged: a macvtap device (the host cannot reach its own guests). */
  macvtap: z.boolean().optional(),
});

const vm = z.strictObject({
  name: z.string().optional(),
  /** The guest's system: what its console prints, and WIN-1 (its firewall drops echo requests). */
  os: z.enum(['linux', 'windows']).optional(),
  adapters: z.array(adapter).max(MAX_ADAPTERS.vmware).optional(),
  listen: z.array(service).optional(),
  ipForwarding: z.boolean().optional(),
  masquerade: z.array(z.number().int().min(0)).optional(),
  routes: z.array(z.strictObject({ to: addressWithPrefix, via: address })).optional(),
  firewall: firewall.optional(),
});

export const probeSpecSchema = z
  .strictObject({
    from: z.string().min(1),
    to: z.string().min(1),
    kind: z.enum(['ping', 'tcp', 'udp']),
    port: port.optional(),
  })
  .superRefine((probe, ctx) => {
    if (probe.kind !== 'ping' && probe.port === undefined)
      ctx.addIssue({ code: 'custom', message: `a ${probe.kind} probe needs a port`, path: ['port'] });
  });

const goal = z.strictObject({
  id: z.string().min(1),
  text: z.string().optional(),
  probe: probeSpecSchema,
  expect: z.boolean().optional(),
});

const lockPath = z.string().refine((text) => parseLockPath(text).ok, {
  error: (issue) => {
    const parsed = parseLockPath(String(issue.input));
    return parsed.ok ? 'not a path' : parsed.message;
  },
});

/** Texts of the lab in another language (`zh-CN`); the English ones are `title`, `text`, `goals[].text`. */
const translation = z.strictObject({
  title: z.string().optional(),
  text: z.string().optional(),
  goals: z.record(z.string(), z.string()).optional(),
});

export const labFileSchema = z.strictObject({
  format: z.literal('vnetlab/1'),
  title: z.string().optional(),
  /** What the exercise asks, shown under the title. */
  text: z.string().optional(),
  /** Paths students may read but not change (class rooms). */
  locked: z.array(lockPath).optional(),
  i18n: z.record(z.enum(['zh-CN']), translation).optional(),
  hypervisor: z.enum(['virtualbox', 'vmware', 'libvirt', 'hyperv']).optional(),
  hypervisorVersion: hypervisorVersion.optional(),
  /** VMware bridged VMnets (vmnet0, custom vmnet2–19) and the host NIC each bridges to. */
  bridgedNetworks: z.record(z.string(), z.strictObject({ nic: z.string() })).optional(),
  host: host.optional(),
  lans: z.record(z.string(), lan).optional(),
  natNetworks: z.record(z.string(), natNetwork).optional(),
  hostOnlyNetworks: z.record(z.string(), hostOnlyNetwork).optional(),
  internalNetworks: z.record(z.string(), internalNetwork).optional(),
  vms: z.record(z.string(), vm).optional(),
  goals: z.array(goal).optional(),
});

/** One machine under `vms`: what `labFileSchema` checks each of them with. */
export const labVmSchema = vm;
/** The lab file but its machines: parsed beside them, one machine at a time (labParser.ts). */
export const labFileButVmsSchema = labFileSchema.omit({ vms: true });

export type LabFile = z.infer<typeof labFileSchema>;
export type LabFileAdapter = z.infer<typeof adapter>;
export type LabFileVm = z.infer<typeof vm>;
