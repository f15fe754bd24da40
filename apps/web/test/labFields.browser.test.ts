/**
 * Issue 9's lab fields as the page edits them: a guest's firewall turned off (WIN-7), a
 * Windows host NIC's network profile (WIN-8), DHCP options 3 and 6 (DHCP-3), and an adapter
 * bridged to a custom VMnet shown as "Custom" (VMW-6).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { createRoom } from './server';

const suite = browserSuite();

interface Opened {
  readonly page: Page;
  /** The lab as the room holds it now (GET /api/labs/:room). */
  lab(): Promise<Record<string, Record<string, unknown>>>;
}

async function openRoom(
  lab: Record<string, unknown>,
  viewport = { width: 1366, height: 768 },
  locale = 'en-US',
): Promise<Opened> {
  const room = await createRoom(suite.server.origin, { format: 'vnetlab/1', ...lab });
  const context = await suite.newContext({ viewport, locale });
  const page = await context.newPage();
  await page.goto(new URL(room.url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  return {
    page,
    lab: async () => {
      const response = await fetch(`${suite.server.origin}/api/labs/${room.room}`, {
        headers: { authorization: `Bearer ${room.token}` },
      });
      return (await response.json()) as Record<string, Record<string, unknown>>;
    },
  };
}

const vmOf = async (opened: Opened, id: string) =>
  ((await opened.lab()).vms as Record<string, Record<string, unknown>>)[id];

describe('issue 9 lab fields in the editor', () => {
  it('[WIN-7] a Windows guest: "Firewall on" unticked writes enabled: false and greys out its rules; Answers ping reads WIN-1', async () => {
    const opened = await openRoom({
      vms: { win: { os: 'windows', adapters: [{ mode: 'hostonly' }] } },
    });
    const { page } = opened;
    await page.locator('.vms-panel').getByRole('button', { name: 'win', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /win/ });
    const on = dialog.getByRole('checkbox', { name: 'Firewall on', exact: true });
    const ping = dialog.getByRole('checkbox', { name: 'Answers ping', exact: true });
    expect(await on.isChecked()).toBe(true);
    // WIN-1: a Windows guest drops echo requests until its rule is enabled.
    expect(await ping.isChecked()).toBe(false);
    await ping.check();
    await expect
      .poll(async () => (await vmOf(opened, 'win'))?.firewall, { timeout: 10_000 })
      .toEqual({ icmp: true });
    await on.uncheck();
    await expect
      .poll(async () => (await vmOf(opened, 'win'))?.firewall, { timeout: 10_000 })
      .toEqual({ icmp: true, enabled: false });
    expect(await ping.isDisabled()).toBe(true);
    expect(await ping.isChecked()).toBe(true);
    await on.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'firewall-off-1366.png') });
  }, 90_000);

  it('[WIN-8] [DHCP-3] the Networks dialog: a Windows host NIC’s profile, a host-only DHCP server’s router and DNS (1920×1080, 简体中文 too)', async () => {
    const opened = await openRoom(
      {
        host: { os: 'windows', nics: { Ethernet: { lan: 'home' } } },
        lans: { home: {} },
        hostOnlyNetworks: { vboxnet0: {} },
      },
      { width: 1920, height: 1080 },
    );
    const { page } = opened;
    await page.getByRole('button', { name: 'Networks', exact: true }).click();
    const networks = page.getByRole('dialog', { name: 'Networks' });
    const profile = networks.getByRole('combobox', { name: 'Network profile (Ethernet)', exact: true });
    expect(await profile.inputValue()).toBe('private');
    await profile.selectOption('public');
    await expect
      .poll(async () => ((await opened.lab()).host?.nics as Record<string, unknown>)?.Ethernet, {
        timeout: 10_000,
      })
      .toEqual({ lan: 'home', profile: 'public' });
    const router = networks.getByRole('textbox', { name: 'Router (option 3)', exact: true });
    await router.fill('192.168.56.1');
    await router.press('Enter');
    const dns = networks.getByRole('textbox', { name: 'DNS servers (option 6)', exact: true });
    await dns.fill('8.8.8.8, 1.1.1.1');
    await dns.press('Enter');
    await expect
      .poll(
        async () =>
          ((await opened.lab()).hostOnlyNetworks?.vboxnet0 as { dhcp?: { options?: unknown } })?.dhcp
            ?.options,
        { timeout: 10_000 },
      )
      .toEqual({ router: '192.168.56.1', dns: ['8.8.8.8', '1.1.1.1'] });
    await router.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'networks-profile-dhcp-1920.png') });
    const zh = await openRoom(
      {
        host: { os: 'windows', nics: { Ethernet: { lan: 'home', profile: 'public' } } },
        lans: { home: {} },
        hostOnlyNetworks: { vboxnet0: {} },
      },
      { width: 1366, height: 768 },
      'zh-CN',
    );
    await zh.page.getByRole('button', { name: '网络', exact: true }).click();
    const zhNetworks = zh.page.getByRole('dialog', { name: '网络' });
    expect(
      await zhNetworks.getByRole('combobox', { name: '网络配置文件 (Ethernet)', exact: true }).count(),
    ).toBe(1);
    expect(await zhNetworks.getByRole('textbox', { name: '路由器（选项 3）', exact: true }).count()).toBe(1);
    await zhNetworks.getByRole('textbox', { name: '路由器（选项 3）', exact: true }).scrollIntoViewIfNeeded();
    await zh.page.screenshot({ path: join(ARTIFACTS, 'networks-profile-dhcp-zh-1366.png') });
  }, 120_000);

  it('[VMW-6] an adapter bridged to a custom VMnet is "Custom" with its VMnet, in the dialog and the VM list', async () => {
    const opened = await openRoom({
      hypervisor: 'vmware',
      host: { nics: { eth0: { lan: 'home' }, wlan0: { kind: 'wifi', lan: 'home' } } },
      lans: { home: {} },
      bridgedNetworks: { vmnet3: { nic: 'wlan0' } },
      vms: { ws1: { adapters: [{ mode: 'bridged', network: 'vmnet3' }] } },
    });
    const { page } = opened;
    await expect
      .poll(() => page.locator('.vms-panel').textContent(), { timeout: 15_000 })
      .toContain('Custom');
    expect(await page.locator('.vms-panel').textContent()).not.toContain('Bridged');
    await page.locator('.vms-panel').getByRole('button', { name: 'ws1', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /ws1/ });
    const menu = dialog.getByRole('combobox', { name: 'Network connection (Attached to)', exact: true });
    expect(await menu.inputValue()).toBe('custom');
    expect(await dialog.getByRole('combobox', { name: /Name/ }).first().inputValue()).toBe('vmnet3');
    await page.screenshot({ path: join(ARTIFACTS, 'vmware-custom-bridged-1366.png') });
  }, 90_000);
});
