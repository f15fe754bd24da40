/**
 * What the engine finds wrong with a field the schema takes, at that field: an adapter
 * whose network was removed (VirtualBox leaves the adapter on the old name, so the VM
 * will not start; VMware starts it with that adapter disconnected). And the read-only
 * toolbar leaks no native "Choose file" text. Real Chromium, the real server;
 * screenshots go to test/artifacts/.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { createRoom } from './server';

const suite = browserSuite();

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

async function open(url: string, viewport: { width: number; height: number } = SIZES[0]): Promise<Page> {
  const context = await suite.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(new URL(url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  return page;
}

const vmButton = (page: Page, name: string) =>
  page.locator('.vms-panel').getByRole('button', { name, exact: true });
const dialogOf = (page: Page, name: string) => page.getByRole('dialog', { name: new RegExp(name) });
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

/** The text of what the field's aria-describedby points at ('' when it points nowhere). */
async function description(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  if (ids === '') return '';
  return (await page.locator(`[id="${ids}"]`).textContent()) ?? '';
}

describe('a network that does not exist, at the Name field', () => {
  it('VirtualBox: removing the NAT Network marks the adapter’s Name (English, 简体中文); undo clears it', async () => {
    const room = await createRoom(suite.server.origin, {
      format: 'vnetlab/1',
      natNetworks: { NatNetwork: { cidr: '10.0.2.0/24', dhcp: true } },
      vms: { vm1: { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }] } },
    });
    const page = await open(room.url);
    await vmButton(page, 'vm1').click();
    const dialog = dialogOf(page, 'vm1');
    const name = dialog.getByRole('combobox', { name: 'Name', exact: true });
    expect(await name.inputValue()).toBe('NatNetwork');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Networks', exact: true }).click();
    const networks = page.getByRole('dialog', { name: 'Networks' });
    await networks.getByRole('button', { name: 'Remove NatNetwork', exact: true }).click();
    await page.keyboard.press('Escape');
    await vmButton(page, 'vm1').click();
    // The adapter keeps the name it had, as VirtualBox does: the engine says why it fails.
    expect(await name.inputValue()).toBe('NatNetwork');
    await expect.poll(() => name.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    const english = await description(page, name);
    expect(english).toContain('names "NatNetwork", which does not exist');
    expect(english).toContain('will not start');
    // The same words the diagnostics list uses.
    const listed = await page.locator('.diagnostics [data-code="missing-network"]').textContent();
    expect(listed).toContain(english);
    await shot(page, 'field-missing-network-1366');

    await page.keyboard.press('Escape');
    await page.locator('[data-locale="zh-CN"]').click();
    await vmButton(page, 'vm1').click();
    // Its name is Chinese now: the adapter panel's one field with a list of networks.
    const chinese = dialogOf(page, 'vm1').locator('.adapter-panel input[list]');
    await expect.poll(() => description(page, chinese)).toContain('不存在');
    expect(await description(page, chinese)).toContain('虚拟机将无法启动');
    await shot(page, 'field-missing-network-zh-1366');

    // Undoing the removal brings the network back, and the field is fine again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await vmButton(page, 'vm1').click();
    await expect.poll(() => chinese.getAttribute('aria-invalid'), { timeout: 15_000 }).toBeNull();
    expect(await chinese.getAttribute('aria-describedby')).toBeNull();
  }, 90_000);

  it('VMware: a Custom VMnet that does not exist is a warning, "will start disconnected"', async () => {
    const room = await createRoom(suite.server.origin, {
      format: 'vnetlab/1',
      hypervisor: 'vmware',
      hostOnlyNetworks: { vmnet1: {} },
      vms: { ws1: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', network: 'vmnet5' }] } },
    });
    for (const viewport of SIZES) {
      const page = await open(room.url, viewport);
      await vmButton(page, 'ws1').click();
      const dialog = dialogOf(page, 'ws1');
      const network = dialog.getByRole('combobox', { name: 'Specific virtual network (Name)', exact: true });
      expect(await network.getAttribute('aria-invalid')).toBeNull();
      await dialog.getByRole('tab', { name: 'Adapter 2', exact: true }).click();
      expect(await network.inputValue()).toBe('vmnet5');
      await expect.poll(() => network.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
      const said = await description(page, network);
      expect(said).toContain('is set to Custom (VMnet5), which does not exist');
      expect(said).toContain('will start disconnected');
      expect(await page.locator('.field-problem.severity-warning').count()).toBe(1);
      await shot(page, `field-missing-vmnet-${viewport.width}`);
    }
  }, 90_000);
});

describe('the read-only toolbar', () => {
  it('shows no native "Choose file" under a disabled "Import lab file" while viewing the past', async () => {
    const room = await createRoom(suite.server.origin, { format: 'vnetlab/1', vms: {} });
    for (const viewport of SIZES) {
      const page = await open(room.url, viewport);
      await page.getByRole('button', { name: 'Add VM', exact: true }).click();
      const history = page.getByRole('list', { name: 'History' });
      await history.locator('[data-history]').first().waitFor({ timeout: 15_000 });
      await history.locator('[data-history]').first().getByRole('button', { name: 'View' }).click();
      await page.getByRole('button', { name: 'Back to live' }).waitFor();
      const input = page.getByLabel('Import lab file', { exact: true });
      expect(await input.isDisabled()).toBe(true);
      // Kept for the keyboard and its name, but it takes no pixel, so none of its text shows.
      const box = await input.boundingBox();
      expect(box === null || (box.width <= 1 && box.height <= 1)).toBe(true);
      const toolbar = page.getByRole('toolbar');
      await toolbar.first().screenshot({ path: join(ARTIFACTS, `toolbar-read-only-${viewport.width}.png`) });
      await page.getByRole('button', { name: 'Back to live' }).click();
      expect(await input.isDisabled()).toBe(false);
      expect(await input.evaluate((element) => getComputedStyle(element).opacity)).toBe('0');
    }
  }, 90_000);
});
