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
    expect(renderWhy(custom, 'zh-CN')).toMatch(/^ws1 的网卡 2 设为自定义（VMnet5），该网络不存在：/);
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
});
