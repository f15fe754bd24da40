import { describe, expect, it } from 'vitest';
import { chineseLabel } from './chineseLabels';
import { renderWhy } from './render';
import { type Why, why } from './why';

/** Every label shape compile/segmentLabel.ts makes, per product, and the internet endpoint. */
const LABELS: readonly (readonly [english: string, chinese: string])[] = [
  ['the internet', '互联网'],
  ['internet', '互联网'],
  // VirtualBox
  ['LAN home', '局域网 home'],
  ["web's private NAT network (adapter 1)", 'web 的私有 NAT 网络（网卡 1）'],
  ['NAT network NatNetwork', 'NAT 网络 NatNetwork'],
  ['host-only network vboxnet0', '仅主机(Host-Only)网络 vboxnet0'],
  ['internal network intnet', '内部网络 intnet'],
  // VMware
  // The Virtual Network Editor's types: NAT 模式, 仅主机模式 (VMW-12).
  ['VMnet8 (NAT)', 'VMnet8（NAT 模式）'],
  ['VMnet1 (host-only)', 'VMnet1（仅主机模式）'],
  ['LAN segment seg1', 'LAN 区段 seg1'],
  // libvirt
  ['libvirt network default', 'libvirt 网络 default'],
  ['isolated network lab', '隔离网络 lab'],
  ['libvirt network quiet (no IP)', 'libvirt 网络 quiet（没有 IP）'],
  // Hyper-V
  ['the Default Switch', '默认交换机（Default Switch）'],
  ['virtual switch My NAT', '虚拟交换机 My NAT'],
  ['Internal switch Lab Switch', '内部交换机 Lab Switch'],
  ['Private switch Back End', '专用交换机 Back End'],
  // The host and the machines the engine adds
  ['host', '主机'],
  ["web's NAT engine (adapter 1)", 'web 的 NAT 引擎（网卡 1）'],
  ["web's NAT engine", 'web 的 NAT 引擎'],
  ['the NAT service of NatNetwork', 'NatNetwork 的 NAT 服务'],
  ['the NAT device of VMnet8', 'VMnet8 的 NAT 设备'],
  ['the router of home', 'home 的路由器'],
  ['the DHCP server of vboxnet0', 'vboxnet0 的 DHCP 服务器'],
  ["macOS's vmnet DHCP for vmnet1", 'macOS 为 vmnet1 提供的 vmnet DHCP'],
  ['Windows Internet Connection Sharing', 'Windows Internet 连接共享'],
  ["Hyper-V's vEthernet (Lab) (ICS)", 'Hyper-V 的 vEthernet (Lab)（ICS）'],
  ["libvirt's dnsmasq on virbr0", 'virbr0 上 libvirt 的 dnsmasq'],
  ["web's adapter 2", 'web 的网卡 2'],
  ['rule "ssh" of NAT network NatNetwork', 'NAT 网络 NatNetwork 的规则“ssh”'],
];

describe('chineseLabel', () => {
  it.each(LABELS)('says %s in Chinese', (english, chinese) => {
    expect(chineseLabel(english)).toBe(chinese);
  });

  it('leaves a machine name alone', () => {
    expect(chineseLabel('web')).toBe('web');
    expect(chineseLabel('hostname')).toBe('hostname');
  });
});

describe('a Chinese reason names things in Chinese', () => {
  it('says the internet', () => {
    const reached = why('reached', { from: 'web', to: 'the internet', address: '93.184.215.14' });
    expect(renderWhy(reached, 'zh-CN')).toBe('web 可以通过 93.184.215.14 访问 互联网');
    expect(renderWhy(reached, 'en')).toBe('web reaches the internet at 93.184.215.14');
  });

  it('says an internal network', () => {
    const isolated = why('isolated-network', {
      kind: 'internal',
      from: 'web',
      to: 'db',
      address: '10.10.0.2',
      network: 'internal network intnet',
    });
    const chinese = renderWhy(isolated, 'zh-CN');
    expect(chinese).toContain('db 的地址 10.10.0.2 在 内部网络 intnet 上，只有接入它的虚拟机能访问');
    expect(chinese).not.toContain('internal network');
    expect(renderWhy(isolated, 'en')).toContain('internal network intnet');
  });

  it('keeps a rule name as written and words its cause in Chinese', () => {
    const inactive = why('pf-inactive', { rule: 'LAN ssh', cause: { kind: 'vm-not-running', vm: 'web' } });
    expect(renderWhy(inactive, 'zh-CN')).toBe('端口转发规则“LAN ssh”没有生效：web 没有运行');
    expect(renderWhy(inactive, 'en')).toBe('port-forward rule "LAN ssh" is not active: web is not running');
  });

  it('names the owner of the rule that holds a port in Chinese', () => {
    const cause = { kind: 'port-taken', port: 2222, rule: 'ssh', owner: "web's adapter 1" } as const;
    const taken = why('pf-inactive', { rule: 'ssh2', cause });
    expect(renderWhy(taken, 'zh-CN')).toBe(
      '端口转发规则“ssh2”没有生效：主机端口 2222 已被 web 的网卡 1 的规则“ssh”占用',
    );
    expect(renderWhy(taken, 'en')).toBe(
      `port-forward rule "ssh2" is not active: host port 2222 is already taken by rule "ssh" of web's adapter 1`,
    );
  });

  it('words a nested cause in the same language', () => {
    const cause = why('network-unreachable', { node: 'web', address: '10.0.2.2' });
    const reset = why('no-reply-route', { node: 'web', address: '192.168.56.1', cause });
    const chinese = renderWhy(reset, 'zh-CN');
    expect(chinese).toContain(renderWhy(cause, 'zh-CN'));
    expect(chinese).not.toMatch(/[a-z]{3,} [a-z]{3,}/);
    expect(renderWhy(reset, 'en')).toContain(renderWhy(cause, 'en'));
  });

  it('shows the English detail a result stored by an older server carries', () => {
    const stored = {
      code: 'pf-inactive',
      params: { rule: 'ssh', detail: 'web is not running' },
    } as unknown as Why;
    expect(renderWhy(stored, 'en')).toBe('port-forward rule "ssh" is not active: web is not running');
    expect(renderWhy(stored, 'zh-CN')).toBe('端口转发规则“ssh”没有生效：web is not running');
  });

  it('says the host and the machines the engine adds in Chinese', () => {
    const reached = why('reached', { from: 'host', to: 'the router of home', address: '192.168.1.1' });
    expect(renderWhy(reached, 'zh-CN')).toBe('主机 可以通过 192.168.1.1 访问 home 的路由器');
    const isolated = why('isolated-network', {
      kind: 'internal',
      from: 'host',
      to: 'db',
      address: '10.10.0.2',
      network: 'internal network intnet',
    });
    expect(renderWhy(isolated, 'zh-CN')).toContain('主机永远访问不到');
  });

  it('says what the host shares with in Chinese', () => {
    const share = why('share-unknown', { field: 'via', name: 'eth9', what: 'a NIC of the host' });
    expect(renderWhy(share, 'zh-CN')).toBe('主机共享给了“eth9”，但它不是主机的网卡：共享不起作用');
  });
});
