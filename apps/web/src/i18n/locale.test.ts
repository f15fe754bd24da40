import { why } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { initialLocale, say, word } from './locale';

describe('locale', () => {
  it('follows a stored choice, else the browser languages', () => {
    expect(initialLocale('en', ['zh-CN'])).toBe('en');
    expect(initialLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLocale(null, ['fr-FR'])).toBe('en');
  });

  it('renders a verdict in Chinese, and falls back to the English text', () => {
    const verdict = why('refused', { node: 'web', service: 'tcp/22' });
    expect(say(verdict, 'nothing on web listens on tcp/22', 'zh-CN')).toBe(
      'web 上没有程序监听 tcp/22（连接被拒绝）',
    );
    expect(say(verdict, 'fallback', 'en')).toBe('nothing on web listens on tcp/22 (connection refused)');
    expect(say(null, 'fallback', 'zh-CN')).toBe('fallback');
    expect(say({ code: 'from-the-future', params: {} } as never, 'english', 'zh-CN')).toBe('english');
    expect(word('goals', 'zh-CN')).toBe('目标');
  });
});
