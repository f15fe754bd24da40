/**
 * The engine names networks and endpoints in English (compile/segmentLabel.ts, the
 * internet endpoint), and those labels arrive in a reason's parameters as plain text.
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
