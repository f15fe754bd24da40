import { describe, expect, it } from 'vitest';
import { chineseLabel } from './chineseLabels';
import { renderWhy } from './render';
import { why } from './why';

/** Every label shape compile/segmentLabel.ts makes, per product, and the internet endpoint. */
const LABELS: readonly (readonly [english: string, chinese: string])[] = [
  ['the internet', '互联网'],
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
];

describe('chineseLabel', () => {
  it.each(LABELS)('says %s in Chinese', (english, chinese) => {
    expect(chineseLabel(english)).toBe(chinese);
  });

  it('leaves a machine name alone', () => {
    expect(chineseLabel('web')).toBe('web');
    expect(chineseLabel('host')).toBe('host');
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

  it('keeps an English detail and a rule name as they are', () => {
    const inactive = why('pf-inactive', { rule: 'LAN ssh', detail: 'web is not running' });
    expect(renderWhy(inactive, 'zh-CN')).toBe('端口转发规则“LAN ssh”没有生效：web is not running');
  });

  it('says what the host shares with in Chinese', () => {
    const share = why('share-unknown', { field: 'via', name: 'eth9', what: 'a NIC of the host' });
    expect(renderWhy(share, 'zh-CN')).toBe('主机共享给了“eth9”，但它不是主机的网卡：共享不起作用');
  });
});
