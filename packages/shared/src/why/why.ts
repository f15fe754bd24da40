/**
 * Every verdict, hop and diagnostic as data: a stable code and its parameters.
 * The English sentence is rendered from them (`english.ts`), never the other way
 * round, so an interface can say the same thing in another language and point at
 * the field to change.
 */
type Text = string;
/**
 * The product whose words a reason uses (a lab's `hypervisor`): a sentence names its
 * kinds of network and suggests only fixes that product has. Absent: VirtualBox's words
 * (results stored before reasons knew the product).
 */
export type Product = 'virtualbox' | 'vmware' | 'libvirt' | 'hyperv';

/**
 * Why a port-forward rule is not active: the engine names the case and its values, each
 * language words it (english.ts, chinese.ts).
 */
export type PfInactiveCause =
  | { readonly kind: 'vm-not-running'; readonly vm: Text }
  | { readonly kind: 'no-guest-ip' }
  | { readonly kind: 'host-service'; readonly proto: Text; readonly port: number }
  /** `owner`: whose the rule that holds the port is, an engine label ("web's adapter 1"). */
  | { readonly kind: 'port-taken'; readonly port: number; readonly rule: Text; readonly owner: Text };

export interface WhyParams {
  // Probe verdicts: success
  reached: { from: Text; to: Text; address: Text };
  forwarded: { from: Text; rule: Text; vm: Text; via: Text; to: Text };
  self: { from: Text; address: Text };
  // The source cannot send at all
  'unknown-endpoint': { name: Text };
  'not-a-source': { name: Text };
  'not-started': { vm: Text; adapter: number; mode: Text; network: Text; product?: Product };
  'not-started-port': { vm: Text; adapter: number; rule: Text; port: number };
  'no-adapters': { vm: Text };
  'not-attached': { vm: Text };
  'cable-unplugged': { vm: Text; adapter: number; product?: Product };
  'no-lease': { node: Text; adapter: number; network: Text; product?: Product };
  'dhcp-pool-empty': { node: Text; adapter: number; network: Text; owner: Text; product?: Product };
  'no-address': { node: Text; address: Text };
  // On the way
  'network-unreachable': { node: Text; address: Text };
  'no-arp': { node: Text; address: Text; network: Text };
  'gateway-silent': { node: Text; gateway: Text; network: Text };
  'not-forwarding': { node: Text; address: Text };
  'host-not-sharing': { network: Text; address: Text; product?: Product };
  'no-internet': { lan: Text };
  'private-on-internet': { address: Text };
  'routing-loop': { node: Text; address: Text };
  'behind-nat': {
    from: Text;
    vm: Text;
    address: Text;
    mode: Text;
    network: Text;
    kind: Text;
    product?: Product;
  };
  'isolated-network': { from: Text; to: Text; address: Text; network: Text; kind: Text; product?: Product };
  'nat-private': { from: Text; to: Text; address: Text };
  'reached-other': { from: Text; to: Text; address: Text; other: Text };
  'nat-alias-dropped': { vm: Text; address: Text; proto: Text };
  /** `cause`: why the NAT engine cannot reach the guest, a reason of its own. */
  'pf-reset': { rule: Text; nat: Text; to: Text; cause: Why };
  /** `cause`: why the reply's walk back failed, a reason of its own. */
  'no-reply-route': { node: Text; address: Text; cause: Why };
  'reply-through-nat': { node: Text; address: Text };
  'needs-masquerade': { nat: Text; address: Text; router: Text };
  'pf-bound-elsewhere': { rule: Text; vm: Text; bind: Text; from: Text };
  'pf-inactive': { rule: Text; cause: PfInactiveCause };
  'no-target-address': { to: Text };
  // At the far end
  'firewall-icmp': { node: Text };
  'firewall-port': { node: Text; service: Text };
  /** WIN-8: a Windows host drops echo requests that arrive on a connection of the Public profile. */
  'firewall-public': { node: Text; nic: Text };
  /** WIN-5: a Windows machine's firewall answers a port nothing listens on with silence. */
  'windows-stealth': { node: Text; service: Text };
  refused: { node: Text; service: Text };
  // Hops
  'hop-send': { node: Text; src: Text; dst: Text; via: Text };
  'hop-arp': { node: Text; address: Text; mac: Text; owner: Text; network: Text };
  'hop-forward': { node: Text; dst: Text; via: Text };
  'hop-snat': { node: Text; from: Text; to: Text };
  'hop-dnat': { node: Text; rule: Text; from: Text; to: Text };
  'hop-proxy': { node: Text; as: Text };
  'hop-deliver': { node: Text; address: Text };
  // Diagnostics
  'dup-mac': { mac: Text; a: Text; b: Text };
  'dup-address': { address: Text; network: Text; a: Text; b: Text };
  'missing-network': { vm: Text; adapter: number; mode: Text; network: Text; product?: Product };
  'two-dhcp-servers': { network: Text; a: Text; b: Text };
  'dhcp-no-server': { vm: Text; adapter: number; network: Text; product?: Product };
  'wifi-bridge': { vm: Text; adapter: number; nic: Text; product: Text };
  'pf-conflict': { a: Text; b: Text; port: number; bind: Text };
  'pf-privileged': { vm: Text; rule: Text; port: number; os: Text };
  'pf-no-guest': { network: Text; rule: Text; guestIp: Text };
  'pf-bind-unknown': { rule: Text; owner: Text; bind: Text };
  'pf-host-service': { rule: Text; owner: Text; port: number };
  'address-off-subnet': {
    machine: Text;
    adapter: number;
    address: Text;
    network: Text;
    subnet: Text;
    /** A VM's adapter: the product whose word for it the sentence uses. */
    product?: Product;
  };
  'gateway-off-link': { machine: Text; adapter: number; gateway: Text; address: Text; product?: Product };
  'route-invalid-gateway': { vm: Text; to: Text; via: Text };
  'broadcast-domain': { network: Text; size: number };
  'matrix-omitted': { machines: number; limit: number };
  'share-unknown': { field: Text; name: Text; what: Text; product?: Product };
  /** `dhcp` 'off': the product's own DHCP server there is already off (nothing to turn off). */
  'ics-readdress': { network: Text; from: Text; to: Text; product?: Product; dhcp?: 'on' | 'off' };
  /**
   * VMW-14 / VB-HO-3 on a Linux or macOS host: forwarding works, the product's host-only
   * DHCP gives no gateway (VMware names the host as DNS, VirtualBox names none).
   */
  'share-no-gateway': {
    network: Text;
    via: Text;
    host: Text;
    os: 'linux' | 'macos';
    product: 'virtualbox' | 'vmware';
  };
  'invalid-lab': { path: Text; message: Text };
  'hostonly-range': { network: Text; address: Text; allowed: Text };
  'macos-hostonlynet': { network: Text; host: Text };
  /** VMW-13: a VMware adapter set to VirtualBox's promiscuous mode; `device` '' when the host allows it. */
  'vmware-promiscuous': { vm: Text; adapter: number; network: Text; device: Text; host: Text };
  'macvtap-host': { vm: Text; nic: Text };
  'wifi-no-bridge': { vm: Text; adapter: number; nic: Text; macvtap: Text };
  'default-switch-subnet': { subnet: Text };
  'routed-needs-route': { network: Text; subnet: Text; via: Text };
  /** LV-6: libvirt's LIBVIRT_FWI chain rejects a new connection into a NAT network (icmp port unreachable). */
  'libvirt-rejects': { network: Text; address: Text; by: Text; kind: Text };
}

export type WhyCode = keyof WhyParams;

export type Why = { [C in WhyCode]: { readonly code: C; readonly params: WhyParams[C] } }[WhyCode];

export function why<C extends WhyCode>(code: C, params: WhyParams[C]): Why {
  return { code, params } as Why;
}
