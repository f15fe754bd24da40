/**
 * Two students in one room, in real Chromium against the real server: A builds a lab
 * from "Empty lab" by the page's accessible names (DESIGN.md "The room page"), B sees
 * it and the matrix cell flip, B's undo leaves A's edits alone, a bad field shows the
 * schema's message at the field. Screenshots of the editor go to test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, type RunningServer, startServer } from './server';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
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

async function person(viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  contexts.push(context);
  return context.newPage();
}

const online = (page: Page) => page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
const vmButton = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
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
    await a.goto(server.origin);
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
});
