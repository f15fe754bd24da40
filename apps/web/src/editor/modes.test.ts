import { parseLab, readLab, setFields, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  attachChanges,
  attachChoiceOf,
  attachChoices,
  choiceLabel,
  customMode,
  nameEditable,
  nameOptions,
  networkNames,
  networkShown,
} from './modes';

const vmwareLab = {
  format: 'vnetlab/1',
  hypervisor: 'vmware',
  natNetworks: { vmnet8: {}, vmnet9: { cidr: '192.168.201.0/24' } },
  hostOnlyNetworks: { vmnet1: {}, vmnet2: { hostIp: '192.168.101.1/24' } },
  vms: { a: { adapters: [{ mode: 'nat' }] } },
};

describe('Attached to, in each product’s words', () => {
  it('offers VirtualBox’s six choices and VMware’s five, in their order', () => {
    expect(attachChoices('virtualbox', 'en').map((c) => c.label)).toEqual([
      'Not attached',
      'NAT',
      'NAT Network',
      'Bridged Adapter',
      'Internal Network',
      'Host-only Adapter',
    ]);
    expect(attachChoices('vmware', 'en').map((c) => c.label)).toEqual([
      'Bridged',
      'NAT',
      'Host-only',
      'Custom',
      'LAN segment',
    ]);
    expect(attachChoices('vmware', 'zh-CN').every((c) => c.label !== '')).toBe(true);
  });

  it("[LV-7] [HV-4] offers libvirt's network sources and Hyper-V's virtual switches, in their words", () => {
    expect(attachChoices('libvirt', 'en').map((c) => c.label)).toEqual([
      'Not attached',
      'Virtual network (NAT)',
      'Virtual network (isolated)',
      'Virtual network (no IP)',
      'Bridge device',
      'Macvtap device',
    ]);
    expect(attachChoices('hyperv', 'en').map((c) => c.label)).toEqual([
      'Not connected',
      'Default Switch',
      'External switch',
      'Internal switch',
      'Private switch',
    ]);
    expect(attachChoices('hyperv', 'zh-CN').find((c) => c.value === 'nat')?.label).toBe('默认交换机');
    expect(attachChoices('libvirt', 'zh-CN').every((c) => c.label !== '')).toBe(true);
    // A macvtap adapter is a bridged one with macvtap (LV-4); libvirt's NAT adapter names its network.
    expect(attachChoiceOf({ mode: 'bridged', macvtap: true }, 'libvirt')).toBe('macvtap');
    expect(attachChoiceOf({ mode: 'natnetwork', network: 'default' }, 'libvirt')).toBe('nat');
    expect(networkShown({ mode: 'nat' }, 'libvirt', networkNames({ hypervisor: 'libvirt' }))).toBe('default');
    expect(nameEditable('nat', 'libvirt')).toBe(true);
    expect(networkShown({ mode: 'nat' }, 'hyperv', networkNames({ hypervisor: 'hyperv' }))).toBe(
      'Default Switch',
    );
    expect(nameEditable('nat', 'hyperv')).toBe(false);
    expect(networkNames({ hypervisor: 'hyperv' }).hostonly).toEqual(['Internal']);
    // VMW-10: `hostOnlyNetworks: {}` removes VMnet1, so the page no longer offers it.
    expect(networkNames({ hypervisor: 'vmware', natNetworks: { vmnet9: {} } }).hostonly).toEqual(['vmnet1']);
    expect(networkNames({ hypervisor: 'vmware', hostOnlyNetworks: {} }).hostonly).toEqual([]);
  });

  it('reads VMware VMnets as NAT, Host-only or Custom (VMW-1) and LAN segments (VMW-4)', () => {
    expect(attachChoiceOf({ mode: 'natnetwork', network: 'vmnet8' }, 'vmware')).toBe('nat');
    expect(attachChoiceOf({ mode: 'hostonly' }, 'vmware')).toBe('hostonly');
    expect(attachChoiceOf({ mode: 'hostonly', network: 'vmnet2' }, 'vmware')).toBe('custom');
    expect(attachChoiceOf({ mode: 'natnetwork', network: 'vmnet9' }, 'vmware')).toBe('custom');
    expect(attachChoiceOf({ mode: 'lansegment' }, 'vmware')).toBe('lansegment');
    expect(attachChoiceOf({}, 'virtualbox')).toBe('nat');
    expect(attachChoiceOf({ mode: 'lansegment' }, 'virtualbox')).toBe('internal');
  });

  it('[VMW-6] an adapter bridged to a custom VMnet is "Custom", offered beside the custom host-only and NAT VMnets', () => {
    const lab = {
      hypervisor: 'vmware',
      bridgedNetworks: { vmnet0: { nic: 'eth0' }, vmnet3: { nic: 'wlan0' } },
      natNetworks: { vmnet8: {}, vmnet9: {} },
    };
    expect(attachChoiceOf({ mode: 'bridged', network: 'vmnet3' }, 'vmware')).toBe('custom');
    expect(attachChoiceOf({ mode: 'bridged', network: 'vmnet0' }, 'vmware')).toBe('bridged');
    expect(attachChoiceOf({ mode: 'bridged', network: 'eth0' }, 'vmware')).toBe('bridged');
    expect(attachChoiceOf({ mode: 'bridged' }, 'vmware')).toBe('bridged');
    // VirtualBox has no VMnets: a bridged adapter is Bridged whatever it names.
    expect(attachChoiceOf({ mode: 'bridged', network: 'vmnet3' }, 'virtualbox')).toBe('bridged');
    const names = networkNames(lab);
    expect(names.bridgedVmnets).toEqual(['vmnet3']);
    expect(nameOptions('custom', names, 'vmware')).toEqual(['vmnet9', 'vmnet3']);
    expect(customMode('vmnet3', names)).toBe('bridged');
    expect(customMode('vmnet9', names)).toBe('natnetwork');
    expect(customMode('vmnet5', names)).toBe('hostonly');
    expect(networkShown({ mode: 'bridged', network: 'vmnet3' }, 'vmware', names)).toBe('vmnet3');
    // The VM list's tag says what the dialog shows.
    expect(
      choiceLabel('vmware', attachChoiceOf({ mode: 'bridged', network: 'vmnet3' }, 'vmware'), 'en'),
    ).toBe('Custom');
    expect(
      choiceLabel('vmware', attachChoiceOf({ mode: 'bridged', network: 'vmnet3' }, 'vmware'), 'zh-CN'),
    ).toBe('自定义');
  });

  it('shows the network each adapter is on, defaults applied; Name is fixed for VirtualBox NAT', () => {
    const names = networkNames(vmwareLab);
    expect(networkShown({ mode: 'nat' }, 'vmware', names)).toBe('vmnet8');
    expect(networkShown({ mode: 'nat' }, 'virtualbox', names)).toBe('');
    expect(networkShown({ mode: 'internal' }, 'virtualbox', networkNames({}))).toBe('intnet');
    expect(nameEditable('nat', 'virtualbox')).toBe(false);
    expect(nameEditable('internal', 'virtualbox')).toBe(true);
    expect(nameEditable('custom', 'vmware')).toBe(true);
  });

  it('[HV-4] a Hyper-V adapter without a link is "Not connected"; choosing a switch plugs it in', () => {
    const lab = {
      format: 'vnetlab/1',
      hypervisor: 'hyperv',
      vms: { a: { adapters: [{ mode: 'nat', cable: false }] } },
    };
    expect(attachChoiceOf(lab.vms.a.adapters[0] ?? {}, 'hyperv')).toBe('none');
    // Elsewhere the cable is its own check box: the menu still shows the mode.
    expect(attachChoiceOf({ mode: 'nat', cable: false }, 'libvirt')).toBe('nat');
    const doc = new Y.Doc();
    writeLab(doc, lab, 'test');
    const path = ['vms', 'a', 'adapters', 0];
    setFields(doc, attachChanges(path, 'bridged', 'hyperv', networkNames(lab)), 'test');
    const adapter = () =>
      (readLab(doc).vms as Record<string, { adapters: Record<string, unknown>[] }>).a?.adapters[0];
    expect(adapter()).toEqual({ mode: 'bridged', network: 'eth0' });
    setFields(doc, attachChanges(path, 'none', 'hyperv', networkNames(lab)), 'test');
    expect(adapter()).toEqual({ mode: 'none', cable: true });
    expect(parseLab(readLab(doc)).ok).toBe(true);
  });

  it('choosing a mode writes a lab the schema accepts, attached to a network that exists', () => {
    for (const [lab, hypervisor] of [
      [vmwareLab, 'vmware'],
      [
        {
          format: 'vnetlab/1',
          hypervisor: 'libvirt',
          natNetworks: { default: {} },
          vms: { a: { adapters: [{ mode: 'bridged', macvtap: true }] } },
        },
        'libvirt',
      ],
      [{ format: 'vnetlab/1', hypervisor: 'hyperv', vms: { a: { adapters: [{ mode: 'nat' }] } } }, 'hyperv'],
      [
        {
          ...vmwareLab,
          hypervisor: 'virtualbox',
          natNetworks: { NatNetwork: {} },
          hostOnlyNetworks: { vboxnet0: {} },
        },
        'virtualbox',
      ],
    ] as const) {
      for (const { value } of attachChoices(hypervisor, 'en')) {
        const doc = new Y.Doc();
        writeLab(doc, lab, 'test');
        const names = networkNames(lab);
        setFields(doc, attachChanges(['vms', 'a', 'adapters', 0], value, hypervisor, names), 'test');
        expect(parseLab(readLab(doc)).ok).toBe(true);
        const vms = readLab(doc).vms as Record<string, { adapters: Record<string, unknown>[] }>;
        const adapter = vms.a?.adapters[0] ?? {};
        expect(attachChoiceOf(adapter, hypervisor)).toBe(value);
      }
    }
  });
});
