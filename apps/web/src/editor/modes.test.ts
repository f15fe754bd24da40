import { parseLab, readLab, setFields, writeLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  attachChanges,
  attachChoiceOf,
  attachChoices,
  nameEditable,
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

  it('reads VMware VMnets as NAT, Host-only or Custom (VMW-1) and LAN segments (VMW-4)', () => {
    expect(attachChoiceOf({ mode: 'natnetwork', network: 'vmnet8' }, 'vmware')).toBe('nat');
    expect(attachChoiceOf({ mode: 'hostonly' }, 'vmware')).toBe('hostonly');
    expect(attachChoiceOf({ mode: 'hostonly', network: 'vmnet2' }, 'vmware')).toBe('custom');
    expect(attachChoiceOf({ mode: 'natnetwork', network: 'vmnet9' }, 'vmware')).toBe('custom');
    expect(attachChoiceOf({ mode: 'lansegment' }, 'vmware')).toBe('lansegment');
    expect(attachChoiceOf({}, 'virtualbox')).toBe('nat');
    expect(attachChoiceOf({ mode: 'lansegment' }, 'virtualbox')).toBe('internal');
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

  it('choosing a mode writes a lab the schema accepts, attached to a network that exists', () => {
    for (const [lab, hypervisor] of [
      [vmwareLab, 'vmware'],
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
