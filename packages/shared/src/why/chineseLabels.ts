/**
 * The engine names networks, endpoints and the machines it adds in English
 * (compile/segmentLabel.ts, the internet and the host, the LAN's router, NAT engines and
 * services, DHCP servers, the owner of a port-forward rule), and those labels arrive in
 * a reason's parameters as plain text.
 * A Chinese sentence must not carry them untranslated, so each label shape the engine
 * makes is reworded here in the product's own Chinese words (the same words as
 * chinese.ts's PRODUCT_MODE_NAMES). The English output never passes through here, so
 * it stays byte-identical. The student's own names (X in "internal network X") stay
 * as written.
 */

type Shape = readonly [pattern: RegExp, chinese: (name: string, extra: string) => string];

/** Most specific first: "libvirt network X (no IP)" before "libvirt network X". */
const SHAPES: readonly Shape[] = [
  [/^the internet$/, () => '互联网'],
  // The internet's own segment (compile/infrastructure.ts names it so; labelSegment 'wan').
  [/^internet$/, () => '互联网'],
  // The lab file's reserved name for the host (parseLab.ts): no machine can be called so.
  [/^host$/, () => '主机'],
  // A port-forward rule and whose it is (nat/portForwards.ts, diagnostics' pf-conflict).
  [/^rule "(.*)" of (.+)$/, (rule, owner) => `${chineseLabel(owner)} 的规则“${rule}”`],
  [/^(.+)'s adapter (\d+)$/, (vm, slot) => `${vm} 的网卡 ${slot}`],
  // The machines the engine adds: NAT engines and services, routers, DHCP servers.
  [/^(.+)'s NAT engine \(adapter (\d+)\)$/, (vm, slot) => `${vm} 的 NAT 引擎（网卡 ${slot}）`],
  [/^(.+)'s NAT engine$/, (vm) => `${vm} 的 NAT 引擎`],
  [/^the NAT service of (.+)$/, (n) => `${n} 的 NAT 服务`],
  [/^the NAT device of (.+)$/, (n) => `${n} 的 NAT 设备`],
  [/^the router of (.+)$/, (n) => `${n} 的路由器`],
  [/^the DHCP server of (.+)$/, (n) => `${n} 的 DHCP 服务器`],
  [/^macOS's vmnet DHCP for (.+)$/, (n) => `macOS 为 ${n} 提供的 vmnet DHCP`],
  [/^Windows Internet Connection Sharing$/, () => 'Windows Internet 连接共享'],
  [/^Hyper-V's (.+) \(ICS\)$/, (n) => `Hyper-V 的 ${n}（ICS）`],
  [/^libvirt's dnsmasq on (.+)$/, (n) => `${n} 上 libvirt 的 dnsmasq`],
  [/^the Default Switch$/, () => '默认交换机（Default Switch）'],
  // VirtualBox NAT mode: one private NAT engine per adapter.
  [/^(.+)'s private NAT network \(adapter (\d+)\)$/, (vm, slot) => `${vm} 的私有 NAT 网络（网卡 ${slot}）`],
  // libvirt (virt-manager)
  [/^libvirt network (.+) \(no IP\)$/, (n) => `libvirt 网络 ${n}（没有 IP）`],
  [/^libvirt network (.+)$/, (n) => `libvirt 网络 ${n}`],
  [/^isolated network (.+)$/, (n) => `隔离网络 ${n}`],
  // Hyper-V Manager
  [/^virtual switch (.+)$/, (n) => `虚拟交换机 ${n}`],
  [/^Internal switch (.+)$/, (n) => `内部交换机 ${n}`],
  [/^Private switch (.+)$/, (n) => `专用交换机 ${n}`],
  // VMware (Virtual Network Editor)
  [/^LAN segment (.+)$/, (n) => `LAN 区段 ${n}`],
  [/^(.+) \(NAT\)$/, (n) => `${n}（NAT 模式）`],
  [/^(.+) \(host-only\)$/, (n) => `${n}（仅主机模式）`],
  // VirtualBox
  [/^NAT network (.+)$/, (n) => `NAT 网络 ${n}`],
  [/^host-only network (.+)$/, (n) => `仅主机(Host-Only)网络 ${n}`],
  [/^internal network (.+)$/, (n) => `内部网络 ${n}`],
  // The lab's physical LAN
  [/^LAN (.+)$/, (n) => `局域网 ${n}`],
];

/** A label the engine made, in Chinese; any other text (a machine's name) unchanged. */
export function chineseLabel(text: string): string {
  for (const [pattern, chinese] of SHAPES) {
    const match = pattern.exec(text);
    if (match) return chinese(match[1] ?? '', match[2] ?? '');
  }
  return text;
}

/**
 * Parameters that are English sentences or the student's own text, not labels: a
 * sentence is worded whole elsewhere, and a rule or lab path must read as written.
 */
const NOT_LABELS = new Set(['detail', 'message', 'path', 'rule']);

/** Every label among a reason's parameters, in Chinese. */
export function chineseParams<P extends object>(params: P): P {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = typeof value === 'string' && !NOT_LABELS.has(key) ? chineseLabel(value) : value;
  }
  return out as P;
}
