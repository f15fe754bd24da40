/**
 * "Attached to" in libvirt's and Hyper-V's own words (REFERENCE.md LV-7, HV-4), in real
 * Chromium against the real server: the menu lists each product's kinds, and choosing
 * libvirt's macvtap device writes a lab the engine accepts. Screenshots go to test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, ensureWebBuild, type RunningServer, startServer } from './server';

const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-quic'];
const ARTIFACTS = join(import.meta.dirname, 'artifacts');

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function openVm(lab: Record<string, unknown>, vm: string): Promise<Page> {
  const room = await createRoom(server.origin, { format: 'vnetlab/1', ...lab });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(new URL(room.url, server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  await page.locator('.vms-panel').getByRole('button', { name: vm, exact: true }).click();
  return page;
}

const attachedTo = (page: Page, vm: string) =>
  page
    .getByRole('dialog', { name: new RegExp(vm) })
    .getByRole('combobox', { name: 'Attached to', exact: true });

describe("each product's adapter menu", () => {
  it("[LV-7] a libvirt lab offers virt-manager's network sources; macvtap is a bridged adapter with macvtap", async () => {
    const page = await openVm(
      { hypervisor: 'libvirt', vms: { kvm1: { adapters: [{ mode: 'nat' }] } } },
      'kvm1',
    );
    const menu = attachedTo(page, 'kvm1');
    expect(await menu.locator('option').allTextContents()).toEqual([
      'Not attached',
      'Virtual network (NAT)',
      'Virtual network (isolated)',
      'Virtual network (no IP)',
      'Bridge device',
      'Macvtap device',
    ]);
    const name = page
      .getByRole('dialog', { name: /kvm1/ })
      .getByRole('combobox', { name: 'Name', exact: true });
    expect(await name.inputValue()).toBe('default');
    await menu.selectOption({ label: 'Macvtap device' });
    await expect.poll(() => menu.inputValue(), { timeout: 10_000 }).toBe('macvtap');
    expect(await name.inputValue()).toBe('eth0');
    await page.screenshot({ path: join(ARTIFACTS, 'menus-libvirt.png') });
    // Back to NAT: macvtap goes with it, or the lab would be refused (LV-3).
    await menu.selectOption({ label: 'Virtual network (NAT)' });
    await expect.poll(() => menu.inputValue(), { timeout: 10_000 }).toBe('nat');
    expect(await page.locator('.field-error').count()).toBe(0);
  }, 90_000);

  it("[HV-4] a Hyper-V lab offers its virtual switches; the Default Switch's name is fixed", async () => {
    const page = await openVm({ hypervisor: 'hyperv', vms: { hv1: { adapters: [{ mode: 'nat' }] } } }, 'hv1');
    const menu = attachedTo(page, 'hv1');
    expect(await menu.locator('option').allTextContents()).toEqual([
      'Not connected',
      'Default Switch',
      'External switch',
      'Internal switch',
      'Private switch',
    ]);
    const name = page
      .getByRole('dialog', { name: /hv1/ })
      .getByRole('combobox', { name: 'Name', exact: true });
    expect(await name.inputValue()).toBe('Default Switch');
    expect(await name.isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'menus-hyperv.png') });
  }, 90_000);
});
