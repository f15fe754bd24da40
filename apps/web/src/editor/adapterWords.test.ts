import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/locale';
import {
  adapterWord,
  attachedToAlias,
  hasCableBox,
  hasDynamicMac,
  hasPromiscuousMode,
  linkChangeWords,
  modeColumnWord,
  nameAlias,
  nameWord,
  newMacWord,
  unpluggedWord,
} from './adapterWords';
import { attachChoices } from './modes';

afterEach(() => setLocale('en'));

describe("the VM list's column and the history's link words, each product's own", () => {
  it('[VMW-12] [LV-7] [HV-4] the column says the product\'s menu; VirtualBox keeps "Mode"', () => {
    expect(modeColumnWord('vmware', 'en')).toBe('Network connection');
    expect(modeColumnWord('libvirt', 'en')).toBe('Network source');
    expect(modeColumnWord('hyperv', 'en')).toBe('Virtual switch');
    expect(modeColumnWord('virtualbox', 'en')).toBeUndefined();
    expect(modeColumnWord('vmware', 'zh-CN')).toBe('网络连接');
    expect(modeColumnWord('libvirt', 'zh-CN')).toBe('网络源');
    expect(modeColumnWord('hyperv', 'zh-CN')).toBe('虚拟交换机');
  });

  it("[VMW-12] [LV-7] [HV-4] a link going down or up is what the product's dialog does, in each language", () => {
    expect(linkChangeWords('virtualbox', false, 'en')).toBe('unplugged the cable of {vm} (adapter {n})');
    expect(linkChangeWords('vmware', false, 'en')).toBe('unticked "Connected" of {vm} (adapter {n})');
    expect(linkChangeWords('vmware', true, 'zh-CN')).toBe('勾选了 {vm}（网卡 {n}）的“已连接”');
    expect(linkChangeWords('libvirt', false, 'en')).toBe(
      'set the link state of {vm} (adapter {n}) to not active',
    );
    expect(linkChangeWords('libvirt', true, 'zh-CN')).toBe('把 {vm}（网卡 {n}）的链接状态设为活动');
    expect(linkChangeWords('hyperv', false, 'en')).toBe(
      'set the virtual switch of {vm} (adapter {n}) to Not connected',
    );
    // No product but VirtualBox speaks of a cable.
    for (const product of ['vmware', 'libvirt', 'hyperv'] as const)
      for (const up of [true, false]) {
        expect(linkChangeWords(product, up, 'en')).not.toMatch(/cable/);
        expect(linkChangeWords(product, up, 'zh-CN')).not.toMatch(/网线/);
      }
  });
});

describe("the adapter page's words, each product's own", () => {
  it('[VMW-12] VMware: "Connected" (device status), the .vmx virtualDev of that adapter, no promiscuous menu', () => {
    setLocale('en');
    expect(adapterWord('vmware', 'cable')).toBe('Connected');
    expect(adapterWord('vmware', 'adapterType', 0)).toBe('ethernet0.virtualDev (.vmx)');
    expect(adapterWord('vmware', 'adapterType', 2)).toBe('ethernet2.virtualDev (.vmx)');
    expect(adapterWord('vmware', 'attachedTo')).toBe('Network connection');
    expect(hasPromiscuousMode('vmware')).toBe(false);
    expect(hasCableBox('vmware')).toBe(true);
    expect(unpluggedWord('vmware')).toBe('Not connected');
    setLocale('zh-CN');
    expect(adapterWord('vmware', 'cable')).toBe('已连接');
  });

  it('[HV-4] Hyper-V: the adapter is a kind of hardware, an unplugged link is "Not connected"', () => {
    setLocale('en');
    expect(adapterWord('hyperv', 'adapterType')).toBe('Hardware');
    expect(unpluggedWord('hyperv')).toBe('Not connected');
    expect(hasCableBox('hyperv')).toBe(false);
  });

  it("[LV-7] libvirt in virt-manager's own zh_CN words: 网络源, 设备型号, 链接状态：活动, 桥接设备", () => {
    setLocale('zh-CN');
    expect(adapterWord('libvirt', 'attachedTo')).toBe('网络源');
    expect(adapterWord('libvirt', 'adapterType')).toBe('设备型号');
    expect(adapterWord('libvirt', 'cable')).toBe('链接状态：活动');
    expect(attachChoices('libvirt', 'zh-CN').find((c) => c.value === 'bridged')?.label).toBe('桥接设备');
    setLocale('en');
    expect(unpluggedWord('libvirt')).toBe('Link state: not active');
  });

  it("[LV-7] [HV-4] the menu's accessible name keeps the contract's `Attached to` in English; VirtualBox needs no alias", () => {
    setLocale('en');
    expect(attachedToAlias('libvirt')).toBe(' (Attached to)');
    expect(attachedToAlias('hyperv')).toBe(' (Attached to)');
    expect(attachedToAlias('virtualbox')).toBeUndefined();
    expect(attachedToAlias('vmware')).toBe(' (Attached to)');
    expect(unpluggedWord('virtualbox')).toBeUndefined();
    setLocale('zh-CN');
    expect(attachedToAlias('libvirt')).toBeUndefined();
  });

  it('[VMW-12] VMware: the network is a "Specific virtual network", a "LAN segment" or what a VMnet is "Bridged to"; Advanced holds "MAC Address" and "Generate"', () => {
    setLocale('en');
    expect(nameWord('vmware', 'custom')).toBe('Specific virtual network');
    expect(nameWord('vmware', 'nat')).toBe('Specific virtual network');
    expect(nameWord('vmware', 'lansegment')).toBe('LAN segment');
    expect(nameWord('vmware', 'bridged')).toBe('Bridged to');
    expect(nameAlias('vmware', 'custom')).toBe(' (Name)');
    expect(adapterWord('vmware', 'advanced')).toBe('Advanced');
    expect(adapterWord('vmware', 'mac')).toBe('MAC Address');
    expect(newMacWord('vmware')).toBe('Generate');
    expect(hasDynamicMac('vmware')).toBe(false);
    setLocale('zh-CN');
    expect(adapterWord('vmware', 'attachedTo')).toBe('网络连接');
    expect(nameWord('vmware', 'custom')).toBe('特定虚拟网络');
    expect(newMacWord('vmware')).toBe('生成');
    expect(nameAlias('vmware', 'custom')).toBeUndefined();
  });

  it("[LV-7] libvirt: virt-manager's Virtual Network Interface, a bridge's Device name, MAC address and no button for a new one", () => {
    setLocale('en');
    expect(nameWord('libvirt', 'bridged')).toBe('Device name');
    expect(nameWord('libvirt', 'macvtap')).toBe('Device name');
    expect(nameAlias('libvirt', 'bridged')).toBe(' (Name)');
    expect(nameWord('libvirt', 'nat')).toBe('Name');
    expect(nameAlias('libvirt', 'nat')).toBeUndefined();
    expect(adapterWord('libvirt', 'advanced')).toBe('Virtual Network Interface');
    expect(adapterWord('libvirt', 'mac')).toBe('MAC address');
    expect(newMacWord('libvirt')).toBeNull();
    setLocale('zh-CN');
    expect(adapterWord('libvirt', 'advanced')).toBe('虚拟网络接口');
    expect(nameWord('libvirt', 'bridged')).toBe('设备名称');
    expect(nameWord('libvirt', 'hostonly')).toBe('名称');
  });

  it('[HV-4] Hyper-V: Advanced Features, a MAC address Dynamic or Static, the switch by its Name', () => {
    setLocale('en');
    expect(adapterWord('hyperv', 'advanced')).toBe('Advanced Features');
    expect(adapterWord('hyperv', 'mac')).toBe('MAC address');
    expect(hasDynamicMac('hyperv')).toBe(true);
    expect(newMacWord('hyperv')).toBeNull();
    expect(nameWord('hyperv', 'nat')).toBe('Name');
  });

  it('VirtualBox keeps its own dialog words', () => {
    setLocale('en');
    expect(nameWord('virtualbox', 'natnetwork')).toBe('Name');
    expect(nameAlias('virtualbox', 'natnetwork')).toBeUndefined();
    expect(adapterWord('virtualbox', 'advanced')).toBe('Advanced');
    expect(adapterWord('virtualbox', 'mac')).toBe('MAC Address');
    expect(newMacWord('virtualbox')).toBe('Generate a new MAC address');
    setLocale('zh-CN');
    expect(nameWord('virtualbox', 'natnetwork')).toBe('界面名称');
  });
});
