import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/locale';
import { adapterWord, attachedToAlias, hasCableBox, hasPromiscuousMode, unpluggedWord } from './adapterWords';
import { attachChoices } from './modes';

afterEach(() => setLocale('en'));

describe("the adapter page's words, each product's own", () => {
  it('[VMW-12] VMware: "Connected" (device status), the .vmx virtualDev of that adapter, no promiscuous menu', () => {
    setLocale('en');
    expect(adapterWord('vmware', 'cable')).toBe('Connected');
    expect(adapterWord('vmware', 'adapterType', 0)).toBe('ethernet0.virtualDev (.vmx)');
    expect(adapterWord('vmware', 'adapterType', 2)).toBe('ethernet2.virtualDev (.vmx)');
    expect(adapterWord('vmware', 'attachedTo')).toBe('Attached to');
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
    expect(attachedToAlias('vmware')).toBeUndefined();
    expect(unpluggedWord('virtualbox')).toBeUndefined();
    setLocale('zh-CN');
    expect(attachedToAlias('libvirt')).toBeUndefined();
  });
});
