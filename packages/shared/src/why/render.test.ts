import { describe, expect, it } from 'vitest';
import { renderWhy } from './render';
import { why } from './why';

describe('renderWhy', () => {
  it('says one verdict in English and in Chinese', () => {
    const verdict = why('nat-private', { from: 'vm1', to: 'vm2', address: '10.0.2.15' });
    expect(renderWhy(verdict, 'en')).toContain('each VirtualBox NAT engine is private');
    expect(renderWhy(verdict, 'zh-CN')).toContain('VirtualBox 的每个 NAT 引擎都是私有的');
    expect(renderWhy(verdict, 'zh-CN')).toContain('10.0.2.15');
  });

  it('[VMW-1] a VMware adapter on a VMnet other than its mode\'s own is "Custom (VMnetN)", as the dialog calls it', () => {
    const custom = why('missing-network', {
      vm: 'ws1',
      adapter: 2,
      mode: 'hostonly',
      network: 'vmnet5',
      product: 'vmware',
    });
    expect(renderWhy(custom, 'en')).toMatch(
      /^ws1's adapter 2 is set to Custom \(VMnet5\), which does not exist: /,
    );
    expect(renderWhy(custom, 'en')).not.toContain('Host-only');
    expect(renderWhy(custom, 'zh-CN')).toMatch(/^ws1 的网络适配器 2 设为自定义（VMnet5），该网络不存在：/);
    const natVmnet = why('missing-network', {
      vm: 'ws1',
      adapter: 1,
      mode: 'natnetwork',
      network: 'vmnet3',
      product: 'vmware',
    });
    expect(renderWhy(natVmnet, 'en')).toContain('is set to Custom (VMnet3)');
    // VMnet1 itself is the dialog's "Host-only" choice.
    const hostOnly = why('missing-network', {
      vm: 'a',
      adapter: 1,
      mode: 'hostonly',
      network: 'vmnet1',
      product: 'vmware',
    });
    expect(renderWhy(hostOnly, 'en')).toMatch(
      /^a's adapter 1 \(Host-only\) names "vmnet1", which does not exist/,
    );
    expect(renderWhy(hostOnly, 'zh-CN')).toContain('指定的“vmnet1”不存在');
  });

  it('[VMW-6] an adapter bridged to a custom VMnet (vmnet2–19) is "Custom (VMnetN)"; VMnet0 and a NIC are "Bridged"', () => {
    const custom = why('missing-network', {
      vm: 'ws1',
      adapter: 2,
      mode: 'bridged',
      network: 'vmnet3',
      product: 'vmware',
    });
    expect(renderWhy(custom, 'en')).toMatch(
      /^ws1's adapter 2 is set to Custom \(VMnet3\), which does not exist: /,
    );
    expect(renderWhy(custom, 'en')).not.toContain('Bridged');
    expect(renderWhy(custom, 'zh-CN')).toMatch(/^ws1 的网络适配器 2 设为自定义（VMnet3），该网络不存在：/);
    for (const network of ['vmnet0', 'eth9']) {
      const bridged = why('missing-network', {
        vm: 'a',
        adapter: 1,
        mode: 'bridged',
        network,
        product: 'vmware',
      });
      expect(renderWhy(bridged, 'en')).toContain(`(Bridged) names "${network}"`);
      expect(renderWhy(bridged, 'zh-CN')).toContain(`（桥接模式）指定的“${network}”`);
    }
  });

  it("[VMW-12] VMware labs' Chinese reasons use VMware's words, not VirtualBox's", () => {
    const vmware = { product: 'vmware' as const };
    const said = [
      why('missing-network', { vm: 'a', adapter: 1, mode: 'hostonly', network: 'vmnet1', ...vmware }),
      why('cable-unplugged', { vm: 'a', adapter: 1, ...vmware }),
      why('no-lease', { node: 'a', adapter: 1, network: 'LAN segment seg1', ...vmware }),
      why('dhcp-no-server', { vm: 'a', adapter: 1, network: 'LAN segment seg1', ...vmware }),
      why('host-not-sharing', { network: 'vmnet1', address: '8.8.8.8', ...vmware }),
      why('isolated-network', {
        from: 'host',
        to: 'a',
        address: '10.1.1.5',
        network: 'LAN segment seg1',
        kind: 'internal',
        ...vmware,
      }),
      why('address-off-subnet', {
        machine: 'a',
        adapter: 1,
        address: '10.9.9.9/24',
        network: 'VMnet8 (NAT)',
        subnet: '192.168.200.0/24',
        ...vmware,
      }),
      why('share-unknown', { field: 'network', name: 'vmnet7', what: 'a host-only network', ...vmware }),
    ].map((verdict) => renderWhy(verdict, 'zh-CN'));
    for (const text of said) {
      // VirtualBox's Chinese: 网卡, 仅主机(Host-Only)网络, 网络地址转换(NAT), 桥接网卡, 接入网线, 内部网络.
      expect(text).not.toMatch(
        /的网卡|仅主机\(Host-Only\)网络|网络地址转换\(NAT\)|桥接网卡|接入网线|内部网络/,
      );
    }
    expect(said[0]).toContain('a 的网络适配器 1（仅主机模式）指定的“vmnet1”');
    expect(said[1]).toContain('勾选“已连接”');
    expect(said[2]).toContain('虚拟网络编辑器');
    expect(said[4]).toContain('仅主机模式的 vmnet1');
    expect(said[5]).toContain('LAN 区段 seg1');
    expect(said[5]).toContain('仅主机模式或桥接模式');
    expect(said[6]).toContain('VMnet8（NAT 模式）');
    expect(said[7]).toContain('仅主机模式的 VMnet');
    // VirtualBox keeps its own words.
    expect(renderWhy(why('cable-unplugged', { vm: 'a', adapter: 1 }), 'zh-CN')).toContain(
      '的网卡 1 没有接入网线',
    );
  });
});
