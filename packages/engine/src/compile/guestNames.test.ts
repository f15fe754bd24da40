/**
 * The guest NIC names come from one table (`@vnetlab/shared` guestNics.ts) that the VM
 * dialog reads too: what the consoles print is that table (LV-1, HV-5).
 */
import { guestIfaceName, type Hypervisor, windowsEthernetName } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';

describe("a guest's NIC names", () => {
  it.each<[Hypervisor, string, string]>([
    ['virtualbox', 'enp0s3', 'enp0s8'],
    ['vmware', 'ens33', 'ens37'],
    ['libvirt', 'enp1s0', 'enp2s0'],
    ['hyperv', 'eth0', 'eth1'],
  ])('[LV-1] %s: ip -br link prints %s and %s, as the dialog says', (hypervisor, first, second) => {
    expect([guestIfaceName(hypervisor, 0), guestIfaceName(hypervisor, 1)]).toEqual([first, second]);
    const t = testLab({
      hypervisor,
      vms: { a: { adapters: [{ mode: 'nat' }, { mode: 'none', cable: true }] } },
    });
    const said = t.exec('a', 'ip -br link');
    expect(said).toMatch(new RegExp(`^${first}\\s`, 'm'));
    expect(said).toMatch(new RegExp(`^${second}\\s`, 'm'));
  });

  it('[HV-5] a Windows guest numbers its Ethernet adapters by slot: Ethernet, Ethernet 2', () => {
    const t = testLab({
      hypervisor: 'hyperv',
      vms: { w: { os: 'windows', adapters: [{ mode: 'nat' }, { mode: 'none', cable: true }] } },
    });
    const said = t.exec('w', 'ipconfig');
    expect(said).toContain(`Ethernet adapter ${windowsEthernetName(1)}:`);
    expect(said).toContain(`Ethernet adapter ${windowsEthernetName(2)}:`);
    expect(windowsEthernetName(2)).toBe('Ethernet 2');
  });
});
