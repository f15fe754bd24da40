/**
 * A 简体中文 page has no English left: the start page, a room (toolbar, canvas, a VM's
 * dialog, Networks, the matrix and its legend, console hints, history, packets, goals,
 * diagnostics) and a class's dashboard, read the way a student reads them — every
 * visible text and every accessible name. What may stay in Latin letters is small and
 * named below: the lab's own names and content, products, protocols and commands.
 * Real Chromium, the real server; screenshots at both sizes go to test/artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { showcaseLab } from './fixtures';
import { createRoom } from './server';

const suite = browserSuite();

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * Words a Chinese page writes in Latin letters, as VirtualBox's own Chinese interface
 * does: products, protocols and the names of things in the tools' own spelling.
 */
const PRODUCT_WORDS = [
  'VNet',
  'Lab',
  'VirtualBox',
  'VMware',
  'Workstation',
  'Hyper-V',
  'KVM',
  'libvirt',
  'Windows',
  'Linux',
  'macOS',
  'ICS',
  'CIDR',
  'NAT',
  'DHCP',
  'DNS',
  'MAC',
  'IP',
  'IPv4',
  'TCP',
  'UDP',
  'ICMP',
  'ARP',
  'LAN',
  'JSON',
  'CSV',
  'Ctrl',
  'Shift',
  'Host-Only',
  'VMnet',
  'EN',
  'natnet',
];

/** The console hint's commands, typed as they are typed. */
const COMMAND_WORDS = [
  'ping',
  'ip',
  'addr',
  'route',
  'traceroute',
  'curl',
  'nc',
  'zv',
  'arp',
  'cat',
  'etc',
  'resolv',
  'conf',
  'tcp',
  'udp',
];

/** The lab's own content and names (fixtures.ts showcaseLab): a student's words stay as written. */
const LAB_WORDS = [
  'web',
  'db',
  'router',
  'client',
  'home',
  'eth',
  'vboxnet',
  'intnet',
  'NatNetwork',
  'ssh',
  'Ana',
  // The LAN router's interface to the internet, by its name in the hops ("203.0.113.254 (wan)").
  'wan',
  // The lab's goal ids, in the Scenario panel's "删除目标 ID" buttons.
  'web-out',
  'db-out',
  'host-ssh',
  // A locked path's words (lab-format.md), in the Scenario panel's example "vms.web.adapters[0].mode".
  'vms',
  'adapters',
  'mode',
];

/**
 * Elements whose text is the lab's or the guest's, not the page's: the lab's title and
 * goals (a lab may carry its own Chinese, lab-format.md `i18n`), scenario titles, what a
 * guest printed and the prompt it was typed at (a person's name, a machine, a command).
 */
const CONTENT = [
  '.lab-title',
  '.goal-text',
  '.scenario h3',
  '.console-output',
  '.console-prompt',
  // The Scenario panel's goals and locked paths, as the lab has them.
  '.author-item-text',
];

const ALLOWED = new Set([...PRODUCT_WORDS, ...COMMAND_WORDS, ...LAB_WORDS].map((word) => word.toLowerCase()));

/** Every visible text and accessible name on the page with a Latin word that is not allowed. */
async function englishLeft(page: Page, extra: readonly string[] = []): Promise<string[]> {
  const found = await page.evaluate((content) => {
    const out: string[] = [];
    const skip = (element: Element) => content.some((selector) => element.closest(selector));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (text === '' || !parent || skip(parent) || !parent.checkVisibility()) continue;
      out.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (skip(element) || !element.checkVisibility()) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(attribute);
        if (value) out.push(value);
      }
    }
    return out;
  }, CONTENT);
  // `extra` are this test's random names (a room's code, a join code): taken out whole, as
  // a code like "RaQ_Czx…" or "CVH-EFR" may hold no digit and split into words.
  const withoutExtra = (text: string) => extra.reduce((rest, name) => rest.split(name).join(' '), text);
  return [
    ...new Set(
      found.filter((text) =>
        // A token with a digit is a name or an address (eth0, enp0s3, a room's code, 10.0.2.2);
        // a link is an address too.
        (
          withoutExtra(text)
            .replace(/\bhttps?:\/\/\S+/g, '')
            .match(/[A-Za-z0-9][A-Za-z0-9-]*/g) ?? []
        ).some((word) => word.length > 1 && !/\d/.test(word) && !ALLOWED.has(word.toLowerCase())),
      ),
    ),
  ];
}

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await suite.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(new URL(url, suite.server.origin).href);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

describe('a 简体中文 page has no English left', () => {
  it.each(SIZES)(
    'the start page, at $width×$height',
    async (viewport) => {
      const page = await open('/', viewport);
      await page.locator('.scenario').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await englishLeft(page, ['ABC-DEF'])).toEqual([]);
      await shot(page, `zh-start-${viewport.width}`);
      // A file that is not JSON, said in Chinese.
      await page.locator('.start-actions input[type="file"]').setInputFiles({
        name: 'lab.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{ nope'),
      });
      await expect.poll(() => page.locator('.start-errors').textContent()).toMatch(/^不是有效的 JSON/);
      expect(await englishLeft(page, ['ABC-DEF'])).toEqual([]);
    },
    60_000,
  );

  it.each(SIZES)(
    'a room, at $width×$height',
    async (viewport) => {
      const room = await createRoom(suite.server.origin, showcaseLab);
      const page = await open(`${room.url}&name=Ana`, viewport);
      await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
      await page.locator('[data-goal="db-out"][data-state="unmet"]').waitFor({ timeout: 15_000 });
      // The room's code is letters too: it is the room's name, not a word.
      const code = [room.room];
      expect(await englishLeft(page, code)).toEqual([]);
      await shot(page, `zh-room-${viewport.width}`);

      // A VM's dialog, its adapter and what the guest sets inside.
      await page.locator('.vms-panel').getByRole('button', { name: 'web', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: /web/ });
      await dialog.waitFor();
      expect(await englishLeft(page, code)).toEqual([]);
      await shot(page, `zh-vm-dialog-${viewport.width}`);
      await page.keyboard.press('Escape');

      // Networks.
      await page.getByRole('button', { name: '网络', exact: true }).click();
      await page.locator('.networks-dialog').waitFor();
      expect(await englishLeft(page, code)).toEqual([]);
      await shot(page, `zh-networks-${viewport.width}`);
      await page.keyboard.press('Escape');

      // The console: a command the engine runs, and one it does not know.
      const command = page.getByRole('textbox', { name: '命令' });
      await command.fill('ping -c 1 10.10.0.2');
      await command.press('Enter');
      await command.fill('ls');
      await command.press('Enter');
      await expect
        .poll(() => page.getByRole('log', { name: '终端输出' }).textContent())
        .toContain('ls: command not found');

      // A packet, hop by hop.
      await page.locator('.packet-panel button[type="submit"]').click();
      await page.locator('.hop-list li').first().waitFor({ timeout: 15_000 });

      // An edit: the history says it in words.
      await page.locator('.vms-panel').getByRole('button', { name: 'db', exact: true }).click();
      await page.getByRole('dialog', { name: /db/ }).getByRole('checkbox', { name: '接入网线' }).uncheck();
      await page.keyboard.press('Escape');
      await page.locator('.history-entry').first().waitFor({ timeout: 15_000 });
      expect(await englishLeft(page, code)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `zh-room-full-${viewport.width}.png`), fullPage: true });
    },
    120_000,
  );

  it('a class’s dashboard', async () => {
    const opened = (await (
      await fetch(`${suite.server.origin}/api/classes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: '网络课' }),
      })
    ).json()) as { url: string; joinCode: string };
    const page = await open(opened.url, SIZES[1]);
    await page.locator('.dashboard').waitFor({ timeout: 15_000 });
    expect(await englishLeft(page, [opened.joinCode])).toEqual([]);
    await shot(page, 'zh-dashboard-1920');
  }, 60_000);
});
