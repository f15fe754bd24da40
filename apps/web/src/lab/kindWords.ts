/**
 * What each product calls a kind of link: the canvas legend and its network nodes, and
 * the VM list's tag of an adapter (VMW-12, LV-7, HV-4). The VM list says what the VM's
 * dialog chose, in the menu's own words (modes.ts), so "Custom" and "vmnet2" read the
 * same in both places; the legend and the canvas keep short words.
 *
 * Sources: VirtualBox's dialog; VMware Workstation's Network connection choices
 * (Bridged, NAT, Host-only, Custom, LAN segment) and Virtual Network Editor types ("NAT"
 * for a custom NAT VMnet, which the Network connection reaches as "Custom");
 * virt-manager's `netlist.py`/`hostnets.ui` ("Virtual network", "NAT", "Isolated
 * network", "Bridge device…"; po/zh_CN.po 虚拟网络, 隔离的网络, 桥接设备); Hyper-V Manager's
 * switch types (Default Switch, External, Internal, Private).
 */
import type { Hypervisor, Locale } from '@vnetlab/shared';
import { attachChoiceOf, choiceLabel } from '../editor/modes';
import { locale } from '../i18n/locale';

export type LinkKindWord = 'nat' | 'natnetwork' | 'bridged' | 'hostonly' | 'internal';

type Words = Record<Locale, string>;

const KINDS: Record<Hypervisor, Record<LinkKindWord, Words>> = {
  virtualbox: {
    nat: { en: 'NAT', 'zh-CN': 'NAT' },
    natnetwork: { en: 'NAT Network', 'zh-CN': 'NAT 网络' },
    bridged: { en: 'Bridged', 'zh-CN': '桥接' },
    hostonly: { en: 'Host-only', 'zh-CN': '仅主机' },
    internal: { en: 'Internal', 'zh-CN': '内部网络' },
  },
  vmware: {
    nat: { en: 'NAT', 'zh-CN': 'NAT 模式' },
    natnetwork: { en: 'Custom (NAT)', 'zh-CN': '自定义（NAT）' },
    bridged: { en: 'Bridged', 'zh-CN': '桥接模式' },
    hostonly: { en: 'Host-only', 'zh-CN': '仅主机模式' },
    internal: { en: 'LAN segment', 'zh-CN': 'LAN 区段' },
  },
  // libvirt has one NAT kind: both lab modes are a NAT virtual network.
  libvirt: {
    nat: { en: 'Virtual network (NAT)', 'zh-CN': '虚拟网络（NAT）' },
    natnetwork: { en: 'Virtual network (NAT)', 'zh-CN': '虚拟网络（NAT）' },
    bridged: { en: 'Bridge device', 'zh-CN': '桥接设备' },
    hostonly: { en: 'Isolated network', 'zh-CN': '隔离的网络' },
    internal: { en: 'Virtual network (no IP)', 'zh-CN': '虚拟网络（无 IP）' },
  },
  hyperv: {
    nat: { en: 'Default Switch', 'zh-CN': '默认交换机' },
    natnetwork: { en: 'Default Switch', 'zh-CN': '默认交换机' },
    bridged: { en: 'External switch', 'zh-CN': '外部交换机' },
    hostonly: { en: 'Internal switch', 'zh-CN': '内部交换机' },
    internal: { en: 'Private switch', 'zh-CN': '专用交换机' },
  },
};

/**
 * A network node's kind on the canvas, short enough to sit before its name: VMware's
 * Virtual Network Editor types every NAT VMnet "NAT"; virt-manager's forward modes ("NAT",
 * "Isolated"); Hyper-V's Virtual Switch Manager types ("External", "Internal", "Private"),
 * the Default Switch saying itself by its name ('').
 */
const NODE_KINDS: Partial<Record<Hypervisor, Partial<Record<LinkKindWord, Words>>>> = {
  vmware: { natnetwork: { en: 'NAT', 'zh-CN': 'NAT' } },
  libvirt: {
    nat: { en: 'NAT', 'zh-CN': 'NAT' },
    natnetwork: { en: 'NAT', 'zh-CN': 'NAT' },
    bridged: { en: 'Bridge', 'zh-CN': '桥接' },
    hostonly: { en: 'Isolated', 'zh-CN': '隔离' },
    internal: { en: 'No IP', 'zh-CN': '无 IP' },
  },
  hyperv: {
    nat: { en: '', 'zh-CN': '' },
    natnetwork: { en: '', 'zh-CN': '' },
    bridged: { en: 'External', 'zh-CN': '外部' },
    hostonly: { en: 'Internal', 'zh-CN': '内部' },
    internal: { en: 'Private', 'zh-CN': '专用' },
  },
};

/** A network node's first line on the canvas: its kind, short, then its name. */
export function nodeKindLine(hypervisor: Hypervisor, kind: LinkKindWord, name: string): string {
  const short = (NODE_KINDS[hypervisor]?.[kind] ?? KINDS[hypervisor][kind])[locale()];
  return short === '' ? name : `${short} · ${name}`;
}

/** A kind of link in the product's words, in the page's language. */
export function kindWord(hypervisor: Hypervisor, kind: LinkKindWord): string {
  return KINDS[hypervisor][kind][locale()];
}

/** The kinds the product has, each once, for the canvas legend. */
export function legendKinds(hypervisor: Hypervisor): LinkKindWord[] {
  const seen = new Set<string>();
  return (Object.keys(KINDS[hypervisor]) as LinkKindWord[]).filter((kind) => {
    const word = KINDS[hypervisor][kind].en;
    if (seen.has(word)) return false;
    seen.add(word);
    return true;
  });
}

/** The VM list's tag of an adapter: what its dialog's menu shows; VirtualBox's kinds in short words. */
export function adapterTag(
  hypervisor: Hypervisor,
  adapter: { mode: string; network: string; cable: boolean; macvtap?: boolean },
  fallback: string = adapter.mode,
  lang: Locale = locale(),
): string {
  const short = Object.hasOwn(KINDS.virtualbox, adapter.mode)
    ? KINDS.virtualbox[adapter.mode as LinkKindWord]
    : undefined;
  if (hypervisor === 'virtualbox' && short) return short[lang];
  return choiceLabel(hypervisor, attachChoiceOf(adapter, hypervisor), lang) ?? fallback;
}
