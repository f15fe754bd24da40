/**
 * Two students in one room, in real Chromium against the real server: A builds a lab
 * from "Empty lab" by the page's accessible names (DESIGN.md "The room page"), B sees
 * it and the matrix cell flip, B's undo leaves A's edits alone, a bad field shows the
 * schema's message at the field. Screenshots of the editor go to test/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLab } from '@vnetlab/shared';
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { classroomLab } from './fixtures';
import { createRoom } from './server';

const suite = browserSuite();

async function person(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await suite.newContext({ viewport, locale: 'en-US' });
  return context.newPage();
}

const online = (page: Page) => page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
// "online" is the sockets' state, not the document's: a page cut off right after it may not
// have its lab yet (the sync reply still on its way under load), and would stay empty
// offline. Add VM is enabled once the page holds a lab.
const synced = async (page: Page) => {
  await online(page);
  await expect
    .poll(() => page.getByRole('button', { name: 'Add VM', exact: true }).isEnabled(), { timeout: 15_000 })
    .toBe(true);
};
// The VM list's button (the canvas draws each VM as a button of the same name too).
const vmButton = (page: Page, name: string) =>
  page.locator('.vms-panel').getByRole('button', { name, exact: true });
const dialogOf = (page: Page, name: string) => page.getByRole('dialog', { name: new RegExp(name) });
const cell = (page: Page, from: string, to: string) =>
  page.locator(`td[data-from="${from}"][data-to="${to}"]`);
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

async function attach(page: Page, vm: string, mode: string): Promise<void> {
  await vmButton(page, vm).click();
  const dialog = dialogOf(page, vm);
  await dialog.getByRole('tab', { name: 'Adapter 1', exact: true }).click();
  await dialog.getByRole('combobox', { name: 'Attached to', exact: true }).selectOption({ label: mode });
}

describe('two people build one lab in the editor', () => {
  it('A builds from "Empty lab", B sees it, B undoes only B’s edit, a bad field shows its error', async () => {
    const a = await person();
    await a.goto(suite.server.origin);
    await a.getByRole('button', { name: 'Empty lab' }).click();
    await a.waitForURL(/\/r\/[^/]+\?token=/);
    await online(a);
    const b = await person({ width: 1920, height: 1080 });
    await b.goto(a.url());
    await online(b);
    expect(await a.getByText('An empty lab.').count()).toBe(1);
    expect(await b.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
    await shot(a, 'editor-empty-1366');

    // A: two VMs, each with one NAT adapter (VirtualBox's wizard).
    await a.getByRole('button', { name: 'Add VM' }).click();
    await a.getByRole('button', { name: 'Add VM' }).click();
    await expect.poll(() => vmButton(b, 'vm2').count()).toBe(1);
    await expect
      .poll(() => cell(b, 'vm1', 'vm2').getAttribute('class'), { timeout: 15_000 })
      .toContain('cell-no');

    // A: one NAT Network, then both VMs' Adapter 1 on it.
    await a.getByRole('button', { name: 'Networks', exact: true }).click();
    const networks = a.getByRole('dialog', { name: 'Networks' });
    await networks.getByRole('button', { name: 'Add NAT Network' }).click();
    await expect.poll(() => networks.locator('[data-network="NatNetwork"]').count()).toBe(1);
    await shot(a, 'editor-networks-1366');
    await a.keyboard.press('Escape');
    await expect.poll(() => networks.isVisible()).toBe(false);

    await attach(a, 'vm1', 'NAT Network');
    const vm1 = dialogOf(a, 'vm1');
    expect(await vm1.getByRole('checkbox', { name: 'Enable Network Adapter', exact: true }).isChecked()).toBe(
      true,
    );
    await expect
      .poll(() => vm1.getByRole('combobox', { name: 'Name', exact: true }).inputValue())
      .toBe('NatNetwork');
    await shot(a, 'editor-vm-dialog-1366');
    await a.keyboard.press('Escape');
    await expect.poll(() => vm1.isVisible()).toBe(false);
    await attach(a, 'vm2', 'NAT Network');
    await a.keyboard.press('Escape');

    // B sees the cell flip: on one NAT Network the two VMs reach each other.
    await expect
      .poll(() => cell(b, 'vm1', 'vm2').getAttribute('class'), { timeout: 15_000 })
      .toContain('cell-yes');
    expect(await b.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);

    // B renames vm2 (typing is one undo step), then undoes: A's edits stay.
    await vmButton(b, 'vm2').click();
    const vm2 = dialogOf(b, 'vm2');
    await vm2.getByRole('textbox', { name: 'VM name', exact: true }).fill('');
    await vm2.getByRole('textbox', { name: 'VM name', exact: true }).pressSequentially('db');
    await expect.poll(() => vmButton(a, 'db').count()).toBe(1);
    await shot(b, 'editor-vm-dialog-1920');
    // Ctrl+Z in the field undoes the whole name, and the field shows the lab's value again.
    await b.keyboard.press('Control+Z');
    await expect
      .poll(() => vm2.getByRole('textbox', { name: 'VM name', exact: true }).inputValue())
      .toBe('vm2');
    await b.keyboard.press('Control+Y');
    await expect.poll(() => vmButton(a, 'db').count()).toBe(1);
    await b.keyboard.press('Escape');
    await b.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => vmButton(a, 'vm2').count()).toBe(1);
    expect(await b.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
    await vmButton(a, 'vm2').click();
    expect(
      await dialogOf(a, 'vm2').getByRole('combobox', { name: 'Attached to', exact: true }).inputValue(),
    ).toBe('natnetwork');
    await a.keyboard.press('Escape');
    expect(await cell(b, 'vm1', 'vm2').getAttribute('class')).toContain('cell-yes');

    // B redoes with the keyboard; A undoes A's last edit (vm2 back to NAT) with Ctrl+Z.
    await b.keyboard.press('Control+Shift+Z');
    await expect.poll(() => vmButton(a, 'db').count()).toBe(1);
    await a.keyboard.press('Control+Z');
    await expect
      .poll(() => cell(b, 'vm1', 'vm2').getAttribute('class'), { timeout: 15_000 })
      .toContain('cell-no');
    await a.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect
      .poll(() => cell(b, 'vm1', 'vm2').getAttribute('class'), { timeout: 15_000 })
      .toContain('cell-yes');

    // A bad static address: the schema's message at the field, the results kept and marked stale.
    await vmButton(a, 'vm1').click();
    const dialog = dialogOf(a, 'vm1');
    await dialog.getByRole('radio', { name: 'Static' }).check();
    const address = dialog.getByRole('textbox', { name: 'IPv4 address / prefix' });
    await address.fill('10.0.2.300/24');
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await address.getAttribute('aria-describedby')) ?? '';
    expect(await a.locator(`[id="${describedBy}"]`).textContent()).toContain(
      '"10.0.2.300/24" is not an IPv4 address with a prefix',
    );
    await expect.poll(() => b.locator('[data-stale="true"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await cell(b, 'vm1', 'vm2').count()).toBe(1);
    await a.keyboard.press('Tab');
    expect(await address.inputValue()).toBe('10.0.2.300/24');
    await shot(a, 'editor-bad-field-1366');
    await shot(b, 'editor-stale-1920');
    await address.fill('10.0.2.30/24');
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe(null);
    await expect.poll(() => b.locator('[data-stale="true"]').count(), { timeout: 15_000 }).toBe(0);
  }, 120_000);

  it('exports the lab as a file the schema accepts, and imports one that replaces it', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await person();
    await page.goto(new URL(room.url, suite.server.origin).href);
    await online(page);
    await expect.poll(() => vmButton(page, 'web').count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('NAT-or-NAT-Network.json');
    const exported = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
    expect(parseLab(exported).ok).toBe(true);
    expect(exported.vms.web.adapters[1].network).toBe('vboxnet0');

    const file = {
      ...exported,
      title: 'Imported',
      vms: { solo: { adapters: [{ mode: 'nat' }] } },
      goals: [],
    };
    await page.getByLabel('Import lab file').setInputFiles({
      name: 'lab.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect.poll(() => page.locator('h1.lab-title').textContent()).toBe('Imported');
    await expect.poll(() => vmButton(page, 'solo').count()).toBe(1);
    // Clone (new MACs: unit-tested in labEdits), then Delete after the confirmation.
    await page.getByRole('button', { name: 'Clone', exact: true }).click();
    await expect.poll(() => vmButton(page, 'solo Clone').count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Selected VM' }).inputValue()).toBe('solo-clone');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => vmButton(page, 'solo Clone').count()).toBe(0);
    expect(await vmButton(page, 'solo').count()).toBe(1);
    await page.getByLabel('Import lab file').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ format: 'vnetlab/1', vms: { x: { adapters: [{ mode: 'bridge' }] } } }),
      ),
    });
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('vms.x.adapters[0].mode');
    expect(await page.locator('h1.lab-title').textContent()).toBe('Imported');
    // Undo takes back the delete, the clone, then the whole import, one step each.
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.click();
    await expect.poll(() => vmButton(page, 'solo Clone').count()).toBe(1);
    await undo.click();
    await expect.poll(() => vmButton(page, 'solo Clone').count()).toBe(0);
    expect(await page.locator('h1.lab-title').textContent()).toBe('Imported');
    await undo.click();
    await expect.poll(() => page.locator('h1.lab-title').textContent()).toBe('NAT or NAT Network?');
  }, 60_000);

  it('edits made offline merge with a partner’s on reconnect; the badge says offline meanwhile', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const url = new URL(room.url, suite.server.origin).href;
    const a = await person();
    const b = await person();
    // B's sockets go through a switch the test can open: "offline" closes them and refuses new ones.
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    await b.routeWebSocket(/\/sync/, (ws) => {
      if (offline) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await a.goto(url);
    await b.goto(url);
    await online(a);
    await synced(b);
    offline = true;
    for (const ws of sockets.splice(0)) await ws.close();
    await b.locator('[data-status="offline"]').waitFor({ timeout: 15_000 });
    await shot(b, 'editor-offline-1366');

    await vmButton(b, 'web').click();
    await dialogOf(b, 'web').getByRole('textbox', { name: 'VM name', exact: true }).fill('web-b');
    await b.keyboard.press('Escape');
    await vmButton(a, 'db').click();
    await dialogOf(a, 'db').getByRole('textbox', { name: 'VM name', exact: true }).fill('db-a');
    await a.keyboard.press('Escape');
    await expect.poll(() => vmButton(a, 'db-a').count()).toBe(1);
    expect(await vmButton(a, 'web-b').count()).toBe(0);

    offline = false;
    await b.locator('[data-status="online"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => vmButton(a, 'web-b').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => vmButton(b, 'db-a').count(), { timeout: 15_000 }).toBe(1);
  }, 90_000);

  it('two people adding a VM at the same moment both keep theirs after the merge', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const url = new URL(room.url, suite.server.origin).href;
    const a = await person();
    const b = await person();
    // B adds while its sockets are closed: both pages pick the same free name, `vm1`.
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    await b.routeWebSocket(/\/sync/, (ws) => {
      if (offline) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await a.goto(url);
    await b.goto(url);
    await online(a);
    await synced(b);
    offline = true;
    for (const ws of sockets.splice(0)) await ws.close();
    await b.locator('[data-status="offline"]').waitFor({ timeout: 15_000 });
    await a.getByRole('button', { name: 'Add VM', exact: true }).click();
    await b.getByRole('button', { name: 'Add VM', exact: true }).click();
    await expect.poll(() => vmButton(a, 'vm1').count()).toBe(1);
    await expect.poll(() => vmButton(b, 'vm1').count()).toBe(1);

    offline = false;
    await b.locator('[data-status="online"]').waitFor({ timeout: 30_000 });
    for (const page of [a, b]) {
      await expect.poll(() => vmButton(page, 'vm2').count(), { timeout: 15_000 }).toBe(1);
      expect(await vmButton(page, 'vm1').count()).toBe(1);
    }
    await shot(a, 'editor-concurrent-add-1366');
  }, 90_000);

  it('speaks VMware’s words in a VMware lab, and 简体中文 at a click', async () => {
    const room = await createRoom(suite.server.origin, {
      format: 'vnetlab/1',
      title: 'VMware lab',
      hypervisor: 'vmware',
      hostOnlyNetworks: { vmnet1: {}, vmnet2: { hostIp: '192.168.101.1/24' } },
      vms: { ws1: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', network: 'vmnet2' }] } },
    });
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await person(viewport);
      await page.goto(new URL(room.url, suite.server.origin).href);
      await online(page);
      await vmButton(page, 'ws1').click();
      const dialog = dialogOf(page, 'ws1');
      // Workstation's "Network connection"; the contract's `Attached to` rides along, hidden.
      const attached = dialog.getByRole('combobox', {
        name: 'Network connection (Attached to)',
        exact: true,
      });
      expect(await attached.locator('option').allTextContents()).toEqual([
        'Bridged',
        'NAT',
        'Host-only',
        'Custom',
        'LAN segment',
      ]);
      const network = dialog.getByRole('combobox', { name: 'Specific virtual network (Name)', exact: true });
      expect(await network.inputValue()).toBe('vmnet8');
      await dialog.getByRole('tab', { name: 'Adapter 2', exact: true }).click();
      expect(await attached.inputValue()).toBe('custom');
      expect(await network.inputValue()).toBe('vmnet2');
      await dialog.getByRole('button', { name: /More adapters/ }).click();
      expect(await dialog.getByRole('tab').count()).toBe(10);
      await shot(page, `editor-vmware-${viewport.width}`);
      await dialog.getByRole('button', { name: 'Add route' }).click();
      await dialog.getByRole('table', { name: 'Static routes' }).scrollIntoViewIfNeeded();
      await shot(page, `editor-guest-${viewport.width}`);
      await page.keyboard.press('Escape');
      await page.locator('[data-locale="zh-CN"]').click();
      await vmButton(page, 'ws1').click();
      expect(await dialogOf(page, 'ws1').getByRole('checkbox', { name: '启用网络连接' }).isChecked()).toBe(
        true,
      );
      await shot(page, `editor-zh-${viewport.width}`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '网络', exact: true }).click();
      // vmnet1 has VMware's DHCP server by default (VMW-3): shown on, its range as placeholders.
      const vmnet1 = page.locator('.networks-dialog [data-network="vmnet1"]');
      expect(await vmnet1.getByRole('checkbox', { name: '启用 DHCP 服务器' }).isChecked()).toBe(true);
      expect(await vmnet1.getByRole('textbox', { name: '服务器地址' }).getAttribute('placeholder')).toBe(
        '192.168.100.254',
      );
      await shot(page, `editor-networks-zh-${viewport.width}`);
      await page.keyboard.press('Escape');
      await page.locator('[data-locale="en"]').click();
    }
  }, 90_000);
});
