import { describe, expect, it } from 'vitest';
import { renderLabError } from '../why/render';
import { chineseLabMessage } from './chineseLabErrors';
import { checkLabLimits, LAB_LIMITS } from './limits';
import { parseLab, parseLabJson } from './parseLab';

/** Labs the schema refuses, one or more messages each: together most shapes it says. */
const BAD_LABS: readonly unknown[] = [
  { format: 'vnetlab/2' },
  { format: 'vnetlab/1', vms: { a: { adapters: [{ mode: 'bridge' }] } } },
  {
    format: 'vnetlab/1',
    vms: {
      a: {
        name: 7,
        adapters: [
          {
            mode: 'nat',
            cable: 'yes',
            ip: 'static',
            mac: 'zz',
            portForwards: [{ name: 'x', proto: 'tcp', hostPort: 0, guestPort: 99999 }],
          },
          { mode: 'hostonly', network: 'vboxnet0', ip: { address: '1.2.3' } },
        ],
        listen: ['tcp/x'],
        bogus: 1,
      },
    },
  },
  { format: 'vnetlab/1', vms: { a: { adapters: Array(9).fill({ mode: 'nat' }) } } },
  { format: 'vnetlab/1', vms: { host: { adapters: [] } } },
  { format: 'vnetlab/1', natNetworks: { n: { cidr: '10.0.0.0/31' } } },
  {
    format: 'vnetlab/1',
    vms: { a: { adapters: [{ mode: 'hostonly', network: 'vboxnet0', portForwards: [] }] } },
  },
  {
    format: 'vnetlab/1',
    vms: { a: { adapters: [{ mode: 'nat' }] } },
    goals: [
      { id: 'g', text: 'x', probe: { from: 'b', to: 'c', kind: 'tcp' }, expect: true },
      { id: 'g', text: 'y', probe: { from: 'a', to: 'internet', kind: 'ping' }, expect: true },
    ],
  },
  { format: 'vnetlab/1', hypervisor: 'hyperv', natNetworks: { Other: { cidr: '10.0.0.0/24' } } },
  { format: 'vnetlab/1', vms: { a: { adapters: [{ mode: 'bridged', network: 'eth9', macvtap: true }] } } },
];

function messagesOf(lab: unknown): string[] {
  const parsed = parseLab(lab);
  return parsed.ok ? [] : parsed.errors.map((error) => error.message);
}

describe('the schema’s messages in Chinese', () => {
  const messages = [...new Set(BAD_LABS.flatMap(messagesOf))];

  it('the bad labs give many messages', () => {
    expect(messages.length).toBeGreaterThan(15);
  });

  it.each(messages)('says “%s” in Chinese', (message) => {
    const chinese = chineseLabMessage(message);
    expect(chinese).not.toBe(message);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    // English words left over would be a sentence half translated (values, paths and names may stay).
    expect(chinese.replace(/"[^"]*"|“[^”]*”|\S*[./_\d]\S*/g, '')).not.toMatch(/\b[a-z]{3,} [a-z]{3,}\b/);
  });

  it('says a file that is not JSON, and the limits, in Chinese', () => {
    const notJson = parseLabJson('{ nope');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(chineseLabMessage(notJson.errors[0]!.message)).toMatch(/^不是有效的 JSON（第 /);
    expect(
      chineseLabMessage(
        `not valid JSON: Expected property name or '}' in JSON at position 2 (line 1 column 3)`,
      ),
    ).toBe('不是有效的 JSON（第 1 行第 3 列）');
    expect(chineseLabMessage('not valid JSON: Unexpected end of JSON input')).toBe('不是有效的 JSON');
    const big = checkLabLimits({ format: 'vnetlab/1', title: 'x'.repeat(LAB_LIMITS.maxStringLength + 1) });
    expect(big.length).toBeGreaterThan(0);
    for (const error of big) expect(chineseLabMessage(error.message)).toMatch(/个字符，最多/);
  });

  it('keeps a message of no known shape as it is', () => {
    expect(chineseLabMessage('something new')).toBe('something new');
  });

  it('words a whole error per language, the English byte for byte', () => {
    const error = { path: 'vms.a.adapters[0].cable', message: 'expected boolean, got "yes"' };
    expect(renderLabError(error, 'en')).toBe('vms.a.adapters[0].cable: expected boolean, got "yes"');
    expect(renderLabError(error, 'zh-CN')).toBe(
      'vms.a.adapters[0].cable：应为布尔值（true 或 false），实际是 "yes"',
    );
  });
});
