import { describe, expect, it } from 'vitest';
import { describeChange, describeEntry } from './describeEntry';
import type { HistoryEntryView } from './timelineView';

const entry: HistoryEntryView = {
  id: '1',
  revision: 2,
  at: 0,
  by: ['Ana'],
  changes: [{ path: ['vms', 'vm2', 'adapters', 0, 'mode'], before: 'natnetwork', after: 'nat' }],
  flips: [{ from: 'vm2', to: 'vm1', probe: 'ping', reachable: false }],
};

describe('an entry in words', () => {
  it('says who switched what, and which cell stopped answering, in English and Chinese', () => {
    expect(describeEntry(entry, 'en')).toBe(
      'Ana switched vm2 (adapter 1) to NAT: vm2 → vm1 stopped answering',
    );
    expect(describeEntry(entry, 'zh-CN')).toBe('Ana把 vm2（网卡 1）改为 NAT：vm2 → vm1 不再连通');
  });

  it("[VMW-12] [LV-7] [HV-4] says a mode in the lab's product's words; an unknown mode as written", () => {
    const to = (after: string) => ({ path: ['vms', 'vm2', 'adapters', 1, 'mode'], before: 'nat', after });
    expect(describeChange(to('internal'), 'en', 'vmware')).toBe('switched vm2 (adapter 2) to LAN segment');
    expect(describeChange(to('internal'), 'en', 'hyperv')).toBe('switched vm2 (adapter 2) to Private switch');
    expect(describeChange(to('hostonly'), 'en', 'libvirt')).toBe(
      'switched vm2 (adapter 2) to Virtual network (isolated)',
    );
    expect(describeChange(to('bridged'), 'zh-CN', 'vmware')).toBe('把 vm2（网卡 2）改为 桥接模式');
    expect(describeChange(to('internal'), 'en')).toBe('switched vm2 (adapter 2) to Internal');
    expect(describeChange(to('bridge'), 'en', 'vmware')).toBe('switched vm2 (adapter 2) to bridge');
  });

  it("[VMW-12] [LV-7] [HV-4] says a link going down or up as the product's dialog does it", () => {
    const cable = (after: boolean) => ({
      path: ['vms', 'vm2', 'adapters', 0, 'cable'],
      before: !after,
      after,
    });
    expect(describeChange(cable(false), 'en')).toBe('unplugged the cable of vm2 (adapter 1)');
    expect(describeChange(cable(true), 'zh-CN')).toBe('接上了 vm2（网卡 1）的网线');
    expect(describeChange(cable(false), 'en', 'vmware')).toBe('unticked "Connected" of vm2 (adapter 1)');
    expect(describeChange(cable(false), 'zh-CN', 'vmware')).toBe('取消勾选了 vm2（网卡 1）的“已连接”');
    expect(describeChange(cable(true), 'en', 'libvirt')).toBe(
      'set the link state of vm2 (adapter 1) to active',
    );
    expect(describeChange(cable(false), 'zh-CN', 'libvirt')).toBe('把 vm2（网卡 1）的链接状态设为非活动');
    expect(describeChange(cable(false), 'en', 'hyperv')).toBe(
      'set the virtual switch of vm2 (adapter 1) to Not connected',
    );
    expect(describeChange(cable(true), 'zh-CN', 'hyperv')).toBe('把 vm2（网卡 1）连接到了虚拟交换机');
  });

  it('names added and removed VMs, other paths in the error syntax, and someone without a name', () => {
    const other: HistoryEntryView = {
      ...entry,
      by: [''],
      changes: [
        { path: ['vms', 'vm3'], before: undefined, after: { adapters: [] } },
        { path: ['natNetworks', 'n', 'cidr'], before: '10.0.2.0/24', after: '10.0.9.0/24' },
      ],
      flips: [{ from: 'host', to: 'vm1', probe: 'tcp/22', reachable: true }],
    };
    expect(describeEntry(other, 'en')).toBe(
      'Someone added VM vm3; changed natNetworks.n.cidr from 10.0.2.0/24 to 10.0.9.0/24: host → vm1 (tcp/22) now answers',
    );
  });
});
