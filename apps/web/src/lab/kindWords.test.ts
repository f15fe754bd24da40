import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/locale';
import { adapterTag, kindWord, legendKinds, nodeKindLine } from './kindWords';

afterEach(() => setLocale('en'));

const adapter = (mode: string, network = '', extra: { cable?: boolean; macvtap?: boolean } = {}) => ({
  mode,
  network,
  cable: extra.cable ?? true,
  macvtap: extra.macvtap,
});

describe("each product's words for a kind of link (legend, canvas, VM list)", () => {
  it('VirtualBox keeps its five kinds and its short tags', () => {
    expect(legendKinds('virtualbox').map((k) => kindWord('virtualbox', k))).toEqual([
      'NAT',
      'NAT Network',
      'Bridged',
      'Host-only',
      'Internal',
    ]);
    expect(adapterTag('virtualbox', adapter('natnetwork', 'NatNetwork'))).toBe('NAT Network');
    expect(adapterTag('virtualbox', adapter('none'))).toBe('Not attached');
    setLocale('zh-CN');
    expect(adapterTag('virtualbox', adapter('hostonly', 'vboxnet0'))).toBe('仅主机');
    expect(adapterTag('virtualbox', adapter('none'))).toBe('未连接');
  });

  it('[VMW-12] VMware: NAT, Custom (NAT), Bridged, Host-only, LAN segment; the VM list says what the dialog chose', () => {
    expect(legendKinds('vmware').map((k) => kindWord('vmware', k))).toEqual([
      'NAT',
      'Custom (NAT)',
      'Bridged',
      'Host-only',
      'LAN segment',
    ]);
    expect(adapterTag('vmware', adapter('nat', 'vmnet8'))).toBe('NAT');
    expect(adapterTag('vmware', adapter('natnetwork', 'vmnet9'))).toBe('Custom');
    expect(adapterTag('vmware', adapter('hostonly', 'vmnet1'))).toBe('Host-only');
    expect(adapterTag('vmware', adapter('hostonly', 'vmnet2'))).toBe('Custom');
    expect(adapterTag('vmware', adapter('internal', 'seg'))).toBe('LAN segment');
    expect(adapterTag('vmware', adapter('none'))).toBe('Not connected');
    setLocale('zh-CN');
    expect(adapterTag('vmware', adapter('bridged', 'eth0'))).toBe('桥接模式');
    expect(kindWord('vmware', 'internal')).toBe('LAN 区段');
  });

  it("[LV-7] libvirt: one NAT kind, virt-manager's isolated network, bridge and macvtap devices", () => {
    expect(legendKinds('libvirt').map((k) => kindWord('libvirt', k))).toEqual([
      'Virtual network (NAT)',
      'Bridge device',
      'Isolated network',
      'Virtual network (no IP)',
    ]);
    expect(adapterTag('libvirt', adapter('natnetwork', 'default'))).toBe('Virtual network (NAT)');
    expect(adapterTag('libvirt', adapter('bridged', 'eth0', { macvtap: true }))).toBe('Macvtap device');
    setLocale('zh-CN');
    expect(kindWord('libvirt', 'hostonly')).toBe('隔离的网络');
    expect(adapterTag('libvirt', adapter('bridged', 'eth0'))).toBe('桥接设备');
  });

  it('[HV-4] Hyper-V: its switches; an adapter without a link is "Not connected"', () => {
    expect(legendKinds('hyperv').map((k) => kindWord('hyperv', k))).toEqual([
      'Default Switch',
      'External switch',
      'Internal switch',
      'Private switch',
    ]);
    expect(adapterTag('hyperv', adapter('nat', 'Default Switch'))).toBe('Default Switch');
    expect(adapterTag('hyperv', adapter('nat', 'Default Switch', { cable: false }))).toBe('Not connected');
    expect(adapterTag('hyperv', adapter('internal', 'Private'))).toBe('Private switch');
  });

  it('[VMW-12] [LV-7] [HV-4] a network node on the canvas: its kind, short, before its name', () => {
    expect(nodeKindLine('virtualbox', 'natnetwork', 'NatNetwork')).toBe('NAT Network · NatNetwork');
    expect(nodeKindLine('vmware', 'natnetwork', 'vmnet8')).toBe('NAT · vmnet8');
    expect(nodeKindLine('vmware', 'internal', 'seg1')).toBe('LAN segment · seg1');
    expect(nodeKindLine('libvirt', 'natnetwork', 'default')).toBe('NAT · default');
    expect(nodeKindLine('libvirt', 'hostonly', 'isolated')).toBe('Isolated · isolated');
    expect(nodeKindLine('hyperv', 'natnetwork', 'Default Switch')).toBe('Default Switch');
    expect(nodeKindLine('hyperv', 'internal', 'Private')).toBe('Private · Private');
  });
});
