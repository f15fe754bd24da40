/**
 * The English sentence of every code. Adapter numbers are the GUI's ("Adapter 1"
 * is slot 0). Each failure says what to change, not only what went wrong.
 */
import type { PfInactiveCause, Product, Why, WhyCode, WhyParams } from './why';

const MODE_NAMES: Record<string, string> = {
  nat: 'NAT',
  natnetwork: 'NAT Network',
  bridged: 'Bridged',
  hostonly: 'Host-only',
  internal: 'Internal',
  none: 'Not attached',
};

/** The lab's modes as each product's own screens name them (virt-manager, Hyper-V Manager). */
const PRODUCT_MODE_NAMES: Record<Product, Record<string, string>> = {
  virtualbox: MODE_NAMES,
  vmware: { ...MODE_NAMES, internal: 'LAN segment' },
  libvirt: {
    nat: 'NAT network',
    natnetwork: 'NAT network',
    bridged: 'host bridge',
    hostonly: 'isolated network',
    internal: 'network without an IP',
    none: 'not attached',
  },
  hyperv: {
    nat: 'Default Switch',
    natnetwork: 'Default Switch',
    bridged: 'External switch',
    hostonly: 'Internal switch',
    internal: 'Private switch',
    none: 'Not connected',
  },
};

function mode(name: string, product: Product = 'virtualbox'): string {
  return PRODUCT_MODE_NAMES[product][name] ?? name;
}

export type Renderers = { readonly [C in WhyCode]: (p: WhyParams[C]) => string };

const ENGLISH: Renderers = {
  reached: (p) => `${p.from} reaches ${p.to} at ${p.address}`,
  forwarded: (p) => `${p.from} → ${p.via} is forwarded by rule "${p.rule}" to ${p.vm} at ${p.to}`,
  self: (p) => `${p.address} is ${p.from}'s own address: the packet never leaves ${p.from}`,
  'unknown-endpoint': (p) => `there is no machine named "${p.name}" in this lab`,
  'not-a-source': (p) => `${p.name} cannot start a probe: it is not a machine you can type commands on`,
  'not-started': (p) =>
    `${p.vm} does not start: its adapter ${p.adapter} (${mode(p.mode, p.product)}) names "${p.network}", which does not exist — create it or pick one that exists`,
  'not-started-port': (p) =>
    `${p.vm} does not start: port-forward rule "${p.rule}" on adapter ${p.adapter} asks for host port ${p.port}, below 1024, which this host refuses to a normal user — use a port of 1024 or more`,
  'no-adapters': (p) => `${p.vm} has no network adapter`,
  'not-attached': (p) => `every adapter of ${p.vm} is "Not attached": it has no network at all`,
  'cable-unplugged': (p) => {
    switch (p.product) {
      case 'libvirt':
        return `adapter ${p.adapter} of ${p.vm} has its link down: set it up (virt-manager: link state "active"; virsh domif-setlink)`;
      case 'hyperv':
        return `adapter ${p.adapter} of ${p.vm} is not connected to a virtual switch: pick a switch in the adapter's settings (Connect-VMNetworkAdapter)`;
      case 'vmware':
        return `adapter ${p.adapter} of ${p.vm} is disconnected: tick "Connected" under its device status to give it a link`;
      default:
        return `adapter ${p.adapter} of ${p.vm} has its cable disconnected: tick "Cable connected" to give it a link`;
    }
  },
  'no-lease': (p) => {
    const asks = `${p.node} asks for an address by DHCP on adapter ${p.adapter}, but no DHCP server serves "${p.network}"`;
    switch (p.product) {
      case 'hyperv':
        return `${asks}: Hyper-V's Internal and Private switches have none — give it a static address, or run a DHCP server in a VM on that switch`;
      case 'libvirt':
        return `${asks}: give it a static address, or add a DHCP range to the network (virsh net-edit: <dhcp><range …/></dhcp>)`;
      default:
        return `${asks}: give it a static address or turn on a DHCP server there`;
    }
  },
  'dhcp-pool-empty': (p) =>
    `${p.node} asks for an address by DHCP on adapter ${p.adapter}, but ${p.owner} on ${p.network} has no free address left: widen its range or give this machine a static address`,
  'no-address': (p) => `${p.node} has no IPv4 address to send from, so it cannot reach ${p.address}`,
  'network-unreachable': (p) =>
    `${p.node} has no route to ${p.address} (Network is unreachable): it needs a gateway on one of its networks that leads there`,
  'no-arp': (p) =>
    `no machine on ${p.network} answers ARP for ${p.address} (Destination Host Unreachable): nothing there has that address`,
  'gateway-silent': (p) =>
    `${p.node}'s gateway ${p.gateway} does not answer on ${p.network}: no machine there has that address`,
  'not-forwarding': (p) =>
    `${p.node} received the packet for ${p.address} but does not route between its networks: turn on IP forwarding there`,
  'host-not-sharing': (p) => {
    switch (p.product) {
      case 'libvirt':
        return `the host does not route traffic out of isolated network ${p.network} towards ${p.address}: an isolated network has no forward mode — make it a NAT or routed network (virsh net-edit: <forward mode='nat'/>)`;
      case 'hyperv':
        return `the host does not route traffic out of Internal switch ${p.network} towards ${p.address}: share the host's connection with it (Internet Connection Sharing, or New-NetNat for its subnet), or use the Default Switch or an External switch`;
      default:
        return `the host does not route traffic from host-only network ${p.network} towards ${p.address}: share the host's connection with it (Linux: ip_forward and masquerade; Windows: Internet Connection Sharing)`;
    }
  },
  'no-internet': (p) => `the router of LAN "${p.lan}" has no internet connection`,
  'private-on-internet': (p) =>
    `${p.address} is a private address: the internet does not route it, so it only works inside its own network`,
  'routing-loop': (p) =>
    `the packet for ${p.address} goes round in circles through ${p.node}: check the routes`,
  'behind-nat': (p) => {
    switch (p.product) {
      case 'libvirt':
        return p.kind === 'ping'
          ? `${p.vm}'s address ${p.address} is behind ${p.network}, which masquerades its guests: nothing outside the host starts anything into it, ping included — to reach it from ${p.from}, use a host bridge (bridged) or a routed network`
          : `${p.vm}'s address ${p.address} is behind ${p.network}, which masquerades its guests and lets no new connection in (a libvirt network has no port forwarding): to reach it from ${p.from}, use a host bridge (bridged) or a routed network, or add a DNAT rule on the host (libvirt's wiki: a qemu hook script)`;
      case 'hyperv':
        return `${p.vm}'s address ${p.address} is behind the Default Switch, which lets nothing in and has no port forwarding: to reach it from ${p.from}, connect the adapter to an External switch (bridged)`;
      default:
        return p.kind === 'ping'
          ? `${p.vm}'s address ${p.address} is behind ${p.network}, which lets nothing in — and port forwarding carries only TCP and UDP, so ${p.from} cannot ping it`
          : `${p.vm}'s address ${p.address} is behind ${p.network}, which lets nothing in: from ${p.from}, reach it through a port-forwarding rule`;
    }
  },
  'isolated-network': (p) =>
    p.kind === 'internal'
      ? p.from === 'host'
        ? `${p.to}'s address ${p.address} is on ${p.network}, which only the VMs attached to it reach — never the host: ${fromHost(p.product)}`
        : `${p.to}'s address ${p.address} is on ${p.network}, which only the VMs attached to it reach: attach ${p.from} to it too, or route through a VM that is on both`
      : `${p.to}'s address ${p.address} is on ${p.network}, which only the host and its VMs reach: ${p.from} is not one of them`,
  'nat-private': (p) =>
    `each VirtualBox NAT engine is private: ${p.address} on ${p.from} is ${p.from}'s own NAT network, not ${p.to}'s — put both on a NAT Network, host-only or internal network`,
  'reached-other': (p) => `${p.address} leads to ${p.other}, not to ${p.to}`,
  'nat-alias-dropped': (p) =>
    `${p.vm}'s NAT engine drops ${p.proto === 'icmp' ? 'echo requests' : 'connections'} to ${p.address} without a reply (VirtualBox 7, "localhost reachable" off, the default), so the client times out: turn "localhost reachable" on, or use the host's own address`,
  'pf-reset': (p) =>
    `port-forward rule "${p.rule}" accepts the connection on the host, but ${p.nat} cannot reach ${p.to} and resets it: ${storedDetail(p) ?? english(p.cause)}`,
  'no-reply-route': (p) =>
    `${p.node} gets the packet but its reply to ${p.address} has no way back: ${storedDetail(p) ?? english(p.cause)}`,
  'needs-masquerade': (p) =>
    `${p.router} forwards the packet of ${p.address} into ${p.nat}, which sends replies only into its own network, so the reply is lost: turn on masquerade (source NAT) on ${p.router}'s NAT adapter`,
  'reply-through-nat': (p) =>
    `${p.node}'s reply to ${p.address} leaves through NAT with another source address, so it is not recognised as a reply`,
  'pf-bound-elsewhere': (p) =>
    `port-forward rule "${p.rule}" of ${p.vm} listens only on ${p.bind}, so ${p.from} cannot use it: set its host IP to "" to listen on every host address`,
  'pf-inactive': (p) =>
    `port-forward rule "${p.rule}" is not active: ${storedDetail(p) ?? pfInactive(p.cause)}`,
  'no-target-address': (p) => `${p.to} has no IPv4 address to reach`,
  'firewall-icmp': (p) =>
    `${p.node}'s firewall drops ping (ICMP echo): TCP to a listening port can still get through`,
  'firewall-public': (p) =>
    `${p.node}'s Windows Defender Firewall drops ping (ICMP echo) on ${p.nic}, a Public network: the rule "File and Printer Sharing (Echo Request - ICMPv4-In)" is not enabled for the Public profile (make the network Private, or enable the rule)`,
  'firewall-port': (p) => `${p.node}'s firewall does not admit ${p.service} (the connection times out)`,
  'windows-stealth': (p) =>
    `nothing listens on ${p.service} at ${p.node}, and Windows Defender Firewall (on by default) drops it silently — no TCP reset, no ICMP port unreachable — so the client times out instead of being refused`,
  refused: (p) => `nothing on ${p.node} listens on ${p.service} (connection refused)`,
  'hop-send': (p) => `${p.node} sends from ${p.src} to ${p.dst} via ${p.via}`,
  'hop-arp': (p) => `ARP on ${p.network}: ${p.address} is at ${p.mac} (${p.owner})`,
  'hop-forward': (p) => `${p.node} forwards to ${p.dst} via ${p.via}`,
  'hop-snat': (p) => `${p.node} rewrites the source ${p.from} to ${p.to}`,
  'hop-dnat': (p) => `${p.node} forwards ${p.from} by rule "${p.rule}" to ${p.to}`,
  'hop-proxy': (p) => `${p.node} re-sends the traffic from the host's own stack as ${p.as}`,
  'hop-deliver': (p) => `${p.node} receives it at ${p.address}`,
  'dup-mac': (p) => `${p.a} and ${p.b} have the same MAC address ${p.mac}: give one of them a new MAC`,
  'dup-address': (p) =>
    `${p.a} and ${p.b} both use ${p.address} on ${p.network}: replies go to whichever answered ARP last`,
  'missing-network': (p) =>
    p.product === 'vmware'
      ? `${vmwareAdapterChoice(p)}, which does not exist: the VM powers on with it disconnected ("Virtual device Ethernet${p.adapter - 1} will start disconnected") — create the network or pick one that exists`
      : `${p.vm}'s adapter ${p.adapter} (${mode(p.mode, p.product)}) names "${p.network}", which does not exist: the VM will not start`,
  'two-dhcp-servers': (p) =>
    `two DHCP servers answer on ${p.network} (${p.a} and ${p.b}): clients get conflicting leases`,
  'dhcp-no-server': (p) =>
    `${p.vm}'s adapter ${p.adapter} asks for DHCP on ${p.network}, where no DHCP server runs: it gets no IPv4 address`,
  'wifi-bridge': (p) =>
    `${p.vm}'s adapter ${p.adapter} is bridged to Wi-Fi NIC ${p.nic}: ${p.product} rewrites its MAC to the host's, so the LAN sees one MAC for host and VM (IPv4 and IPv6 work, other protocols do not)`,
  'pf-conflict': (p) =>
    `${p.a} and ${p.b} both want host port ${p.port} on ${p.bind}: only the first gets it`,
  'pf-privileged': (p) =>
    `${p.vm}'s rule "${p.rule}" uses host port ${p.port}: a ${p.os} host does not let a normal user bind ports below 1024, so the VM will not start`,
  'pf-no-guest': (p) =>
    `rule "${p.rule}" of ${p.network} forwards to ${p.guestIp}, which no VM there has: it leads nowhere`,
  'pf-bind-unknown': (p) =>
    `rule "${p.rule}" of ${p.owner} listens on ${p.bind}, which is not an address of the host: it cannot open, so use "" or one of the host's addresses`,
  'pf-host-service': (p) =>
    `rule "${p.rule}" of ${p.owner} wants host port ${p.port}, which a service of the host already uses: pick another host port`,
  'address-off-subnet': (p) =>
    `${p.machine}'s adapter ${p.adapter} has ${p.address}, outside ${p.network} (${p.subnet}): nothing there answers it — pick an address in ${p.subnet}`,
  'gateway-off-link': (p) =>
    `${p.machine}'s adapter ${p.adapter} uses gateway ${p.gateway}, which is not in its own subnet ${p.address}: Linux refuses such a default route`,
  'route-invalid-gateway': (p) =>
    `${p.vm}'s route to ${p.to} goes via ${p.via}, which none of its interfaces can reach: Linux refuses it ("Nexthop has invalid gateway")`,
  'share-unknown': (p) => `the host shares with "${p.name}", which is not ${p.what}: sharing does nothing`,
  'ics-readdress': (p) =>
    `Internet Connection Sharing moves the host's address on ${p.network} from ${p.from} to ${p.to} and runs its own DHCP server there: guests need ${p.to.replace(/\/\d+$/, '')} as gateway and DNS${p.dhcp === 'off' ? '' : icsDhcpOff(p.product, p.network)}`,
  'share-no-gateway': (p) =>
    `the host forwards and masquerades ${p.network} out of ${p.via} (${p.os === 'macos' ? 'net.inet.ip.forwarding and a pf nat rule' : 'ip_forward and MASQUERADE'}), but ${
      p.product === 'virtualbox'
        ? `VirtualBox's DHCP server on ${p.network} (HostInterfaceNetworking-${p.network} in VBoxManage list dhcpservers) hands out neither a gateway nor a DNS server`
        : `VMware's DHCP on ${p.network} (${vmwareDhcpdConf(p.os, p.network)}) hands out no gateway and names ${p.host} as DNS server, where nothing answers`
    }: guests with its leases have no way out — give them ${p.host} as default gateway and a DNS server they can reach (a static address, or ip route add default via ${p.host})`,
  'matrix-omitted': (p) =>
    `this lab has ${p.machines} machines: the room shows the reachability matrix for up to ${p.limit}, so probe the pairs you need one by one`,
  'broadcast-domain': (p) =>
    `${p.network} is one broadcast domain of ${p.size} interface${p.size === 1 ? '' : 's'}`,
  'invalid-lab': (p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`),
  'hostonly-range': (p) =>
    `VirtualBox refuses ${p.address} for host-only adapter ${p.network}: on Linux and macOS hosts it allows only ${p.allowed} (since 6.1.28), so the adapter has no IPv4 address — use an address there, or allow the range in /etc/vbox/networks.conf (host.networksConf)`,
  'default-switch-subnet': (p) =>
    `Hyper-V's Default Switch picks a new subnet at every boot of the host (here ${p.subnet}): rely on its DHCP and on names, never on fixed addresses`,
  'wifi-no-bridge': (p) =>
    p.macvtap === 'yes'
      ? `${p.vm}'s adapter ${p.adapter} is a macvtap device on Wi-Fi NIC ${p.nic}: the access point drops frames from any MAC but the host's, and nothing rewrites them, so the guest reaches no one — use a NAT network (nat) or a wired NIC`
      : `${p.vm} does not start: its adapter ${p.adapter} is on a host bridge over Wi-Fi NIC ${p.nic}, and Linux refuses a Wi-Fi NIC in a bridge ("Device does not allow enslaving to a bridge"), so the bridge does not exist — use a NAT network (nat), or bridge a wired NIC`,
  'macvtap-host': (p) =>
    `${p.vm} is on a macvtap device of the host's NIC ${p.nic}: its frames go straight to the wire, past the host's own stack, so the host and this guest cannot reach each other (LAN machines can) — use a host bridge (br0) instead`,
  'libvirt-rejects': (p) =>
    `the host's libvirt firewall rules (LIBVIRT_FWI) reject new connections into ${p.network} from outside it: ${p.by} answers ${p.address}'s ${p.kind === 'ping' ? 'echo request' : 'connection'} with "port unreachable", so the client is refused — use a host bridge (bridged) or a routed network to reach it, or add a DNAT rule on the host`,
  'routed-needs-route': (p) =>
    `libvirt network ${p.network} is routed, not NATed: LAN machines answer ${p.subnet} only if their router has a route to it via the host (${p.via}) — add it to the LAN's routes`,
  'vmware-promiscuous': (p) =>
    p.device === ''
      ? `${p.vm}'s adapter ${p.adapter}: VMware has no promiscuous-mode setting on an adapter (that is VirtualBox's; it is ignored here). The guest turns promiscuous mode on itself when a capture such as tcpdump runs, and a ${p.host} host allows it, so a capture in ${p.vm} sees every frame on ${p.network}`
      : `${p.vm}'s adapter ${p.adapter}: VMware has no promiscuous-mode setting on an adapter (that is VirtualBox's; it is ignored here). The guest turns promiscuous mode on itself when a capture such as tcpdump runs, and a Linux host allows it only to a user who may read and write ${p.device}; otherwise VMware says "The virtual machine's operating system has attempted to enable promiscuous mode on adapter Ethernet${p.adapter - 1}. This is not allowed for security reasons." and the capture sees only its own and broadcast frames — on the host run "sudo chmod a+rw ${p.device}" (in the lab: host.vmnetPromiscuous)`,
  'macos-hostonlynet': (p) =>
    `VirtualBox 7 on macOS has no host-only adapters: ${p.network} is a host-only network run by macOS (vmnet), the host is its lower IP ${p.host} and hands out the other addresses itself`,
};

/**
 * VMW-1: VMware's dialog calls an adapter on any VMnet but the mode's own (VMnet1 for
 * host-only, VMnet8 for NAT) "Custom: Specific virtual network" and lists it as VMnetN.
 * Returns that VMnet's name as the dialog writes it, or null for Bridged, NAT, Host-only.
 */
export function vmwareCustomVmnet(mode: string, network: string): string | null {
  // VMW-6: a bridged adapter on vmnet2–19 is "Custom" too; "Bridged" is VMnet0 (or a NIC named directly).
  const own =
    mode === 'hostonly' ? 'vmnet1' : mode === 'natnetwork' ? 'vmnet8' : mode === 'bridged' ? 'vmnet0' : null;
  if (own === null || network === own || !/^vmnet\d+$/.test(network)) return null;
  return network.replace(/^vmnet/, 'VMnet');
}

function vmwareAdapterChoice(p: WhyParams['missing-network']): string {
  const custom = vmwareCustomVmnet(p.mode, p.network);
  return custom === null
    ? `${p.vm}'s adapter ${p.adapter} (${mode(p.mode, p.product)}) names "${p.network}"`
    : `${p.vm}'s adapter ${p.adapter} is set to Custom (${custom})`;
}

/** What to turn off so Internet Connection Sharing's DHCP server is the only one, in the product's words. */
/** Where VMware's DHCP server for a VMnet reads its configuration on a Linux or macOS host. */
export function vmwareDhcpdConf(os: 'linux' | 'macos', network: string): string {
  return os === 'macos'
    ? `/Library/Preferences/VMware Fusion/${network}/dhcpd.conf`
    : `/etc/vmware/${network}/dhcpd/dhcpd.conf`;
}

function icsDhcpOff(product: Product | undefined, network: string): string {
  switch (product) {
    case 'vmware':
      return `, and VMware's DHCP service on ${network} should be turned off (Virtual Network Editor: clear "Use local DHCP service to distribute IP address to VMs")`;
    case 'libvirt':
      return `, and the network's own DHCP range should be removed (virsh net-edit ${network})`;
    case 'hyperv':
      // An Internal switch has no DHCP server of its own (HV-2).
      return '';
    default:
      return `, and VirtualBox's DHCP server for ${network} should be turned off`;
  }
}

/** How the host reaches a network only VMs are on, in the product's own kinds. */
function fromHost(product: Product | undefined): string {
  switch (product) {
    case 'libvirt':
      return 'give the network an IP on the host (an isolated or NAT network), or use a host bridge, to reach it from the host';
    case 'hyperv':
      return 'connect the adapter to an Internal or External switch to reach it from the host';
    case 'vmware':
      return 'use host-only or bridged (a VMnet) to reach it from the host';
    default:
      return 'use host-only or bridged to reach it from the host';
  }
}

function pfInactive(cause: PfInactiveCause): string {
  switch (cause.kind) {
    case 'vm-not-running':
      return `${cause.vm} is not running`;
    case 'no-guest-ip':
      return `a NAT network's rule must name its guest IP`;
    case 'host-service':
      return `the host's own service already listens on ${cause.proto}/${cause.port}`;
    case 'port-taken':
      return `host port ${cause.port} is already taken by rule "${cause.rule}" of ${cause.owner}`;
  }
}

/**
 * The English sentence a reason stored before its cause was structured carries instead
 * of `cause` (results kept in a room's document from an older server): shown as it is
 * until the room recomputes.
 */
export function storedDetail(params: object): string | undefined {
  const detail = (params as { detail?: unknown }).detail;
  return typeof detail === 'string' ? detail : undefined;
}

export function english(verdict: Why): string {
  return renderWith(ENGLISH, verdict);
}

export function renderWith(renderers: Renderers, verdict: Why): string {
  const render = renderers[verdict.code] as (params: Why['params']) => string;
  return render(verdict.params);
}
