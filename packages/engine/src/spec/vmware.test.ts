/** Each VMware Workstation rule of reference/network-modes.md, by id. */
import { parseLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { addressOf, testLab, twoVms } from '../testing/labs';

const vmware = (file: Record<string, unknown>) => testLab({ hypervisor: 'vmware', ...file });

describe('VMware Workstation', () => {
  it('[VMW-1] VMnet0 bridges, VMnet1 is host-only, VMnet8 NAT; 10 adapters at most; MACs 00:0C:29', () => {
    const t = vmware({
      vms: {
        a: { adapters: [{ mode: 'bridged', network: 'vmnet0' }, { mode: 'hostonly' }, { mode: 'nat' }] },
      },
    });
    expect(t.network.nodes.get('a')!.ifaces.map((iface) => iface.segment?.id)).toEqual([
      'lan:home',
      'hostonly:vmnet1',
      'natnetwork:vmnet8',
    ]);
    expect(t.lab.vms[0]!.adapters[0]!.mac).toMatch(/^000c29/);
    const ten = Array.from({ length: 10 }, () => ({ mode: 'nat' }));
    expect(parseLab({ format: 'vnetlab/1', hypervisor: 'vmware', vms: { a: { adapters: ten } } }).ok).toBe(
      true,
    );
    const eleven = parseLab({
      format: 'vnetlab/1',
      hypervisor: 'vmware',
      vms: { a: { adapters: [...ten, {}] } },
    });
    expect(eleven.ok).toBe(false);
  });

  it('[VMW-2] NAT: one switch, NAT device .2, host adapter .1, leases from .128; the host reaches the VMs directly', () => {
    const t = vmware(twoVms({ mode: 'nat' }));
    expect(addressOf(t.network, 'vm1')).toBe('192.168.200.128');
    expect(addressOf(t.network, 'vm2')).toBe('192.168.200.129');
    expect(t.exec('vm1', 'ip route')).toContain('default via 192.168.200.2');
    expect(t.exec('vm1', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.200.2');
    expect(t.ping('vm1', 'vm2').reachable).toBe(true);
    const fromHost = t.tcp('host', 'vm1', 22);
    expect(fromHost.reachable).toBe(true);
    expect(fromHost.via).toBe('192.168.200.128:22');
    expect(t.ping('vm1', 'internet').reachable).toBe(true);
    expect(t.tcp('laptop', 'vm1', 22).reachable).toBe(false);
    const rule = {
      name: 'ssh',
      proto: 'tcp',
      hostIp: '',
      hostPort: 2222,
      guestIp: '192.168.200.128',
      guestPort: 22,
    };
    const forwarded = vmware(
      twoVms(
        { mode: 'nat' },
        { natNetworks: { vmnet8: { cidr: '192.168.200.0/24', portForwards: [rule] } } },
      ),
    );
    const fromLan = forwarded.tcp('laptop', 'vm1', 22);
    expect(fromLan.reachable).toBe(true);
    expect(fromLan.via).toBe('192.168.1.100:2222');
  });

  it('[VMW-3] host-only VMnet1: host adapter .1, leases from .128, no way out', () => {
    const t = vmware(twoVms({ mode: 'hostonly' }));
    expect(addressOf(t.network, 'vm1')).toBe('192.168.100.128');
    expect(t.ping('host', 'vm2').reachable).toBe(true);
    expect(t.ping('vm1', '192.168.100.1').reachable).toBe(true);
    expect(t.ping('vm1', 'internet').reachable).toBe(false);
  });

  it('[VMW-4] LAN segments are internal networks: VMs only, no DHCP', () => {
    const ip = (address: string) => ({ address });
    const t = vmware({
      vms: {
        a: { adapters: [{ mode: 'lansegment', network: 'seg1', ip: ip('172.16.0.1/24') }] },
        b: { adapters: [{ mode: 'lansegment', network: 'seg1', ip: ip('172.16.0.2/24') }] },
        c: { adapters: [{ mode: 'lansegment', network: 'seg1' }] },
      },
    });
    expect(t.lab.vms[0]!.adapters[0]!.mode).toBe('internal');
    expect(t.ping('a', 'b').reachable).toBe(true);
    expect(t.ping('host', 'a').reachable).toBe(false);
    expect(addressOf(t.network, 'c')).toBeNull();
    expect(diagnose(t.lab, t.network).map((d) => d.code)).toContain('dhcp-no-server');
  });

  it('[VMW-5] default subnets: VMnet1 192.168.100.0/24, VMnet8 192.168.200.0/24', () => {
    const t = vmware({});
    expect(t.lab.hostOnlyNetworks[0]).toMatchObject({ name: 'vmnet1', hostIp: '192.168.100.1/24' });
    expect(t.lab.natNetworks[0]).toMatchObject({
      name: 'vmnet8',
      cidr: '192.168.200.0/24',
      hostAdapter: '192.168.200.1/24',
    });
    expect(t.exec('host', 'ip addr')).toContain('inet 192.168.200.1/24');
  });
});
