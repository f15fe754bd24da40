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
});
