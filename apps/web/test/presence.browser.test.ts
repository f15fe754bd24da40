/**
 * Two people in one room, as a pair of students meets it: Ana and Ben see each other,
 * share one console that survives a reload, see each other's cursor, follow each other,
 * and read, step back through and revert the room's history.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectLabClient } from './labClient';
import { createRoom, ensureWebBuild, type RunningServer, startServer } from './server';

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

/** Two VMs on one NAT Network: they reach each other until one is switched to NAT. */
const pairLab = {
  format: 'vnetlab/1',
  title: 'Pair: NAT Network',
  hypervisor: 'virtualbox',
  natNetworks: { NatNetwork: { cidr: '10.0.2.0/24', dhcp: true } },
  vms: {
    vm1: { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }], listen: ['tcp/22'] },
    vm2: { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }], listen: ['tcp/22'] },
  },
};

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

/** A person: a browser context of their own (own localStorage), on the room's page. */
async function person(url: string, name: string | null, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const href = new URL(url, server.origin);
  if (name) href.searchParams.set('name', name);
  await page.goto(href.href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  return page;
}

const people = (page: Page) => page.getByRole('list', { name: 'People in this room' });
const consoleLog = (page: Page) => page.getByRole('log', { name: 'Console output' });
/** The console's entries, without its hint (which names commands too). */
const consoleText = (page: Page) =>
  consoleLog(page)
    .locator('.console-entry')
    .allTextContents()
    .then((t) => t.join('\n'));

async function runCommand(page: Page, machine: string, command: string) {
  await page.getByRole('combobox', { name: 'Machine' }).selectOption(machine);
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(command);
  await input.press('Enter');
}

describe('two people in one room', () => {
  it('see each other, share the console, see cursors, follow, and use the history', async () => {
    const room = await createRoom(server.origin, pairLab);
    const ana = await person(room.url, 'Ana');
    const ben = await person(room.url, 'Ben');

    // Each sees the other in the People list, and themselves marked "you".
    await people(ana).getByRole('listitem', { name: 'Ben' }).waitFor();
    await people(ben).getByRole('listitem', { name: 'Ana' }).waitFor();
    expect(await people(ana).getByRole('listitem', { name: 'Ana' }).textContent()).toContain('(you)');

    // Ana's console line appears for Ben, with her name; her input keeps focus.
    await runCommand(ana, 'vm1', 'ip addr');
    await expect.poll(() => consoleText(ben)).toContain('ip addr');
    expect(await consoleText(ben)).toContain('Ana');
    expect(await consoleText(ben)).toContain('inet 10.0.2.');
    expect(await ana.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Command');

    // A failed probe shows the engine's reason under it.
    await runCommand(ana, 'vm1', 'ping -c 1 10.0.2.99');
    await expect.poll(() => ben.locator('.console-why').count()).toBeGreaterThan(0);

    // It survives Ben's reload, and ↑ recalls the room's commands.
    await ben.reload();
    await ben.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => consoleText(ben)).toContain('ip addr');
    const benInput = ben.getByRole('textbox', { name: 'Command' });
    await benInput.focus();
    await benInput.press('ArrowUp');
    expect(await benInput.inputValue()).toBe('ping -c 1 10.0.2.99');
    await benInput.press('ArrowUp');
    expect(await benInput.inputValue()).toBe('ip addr');
    await benInput.press('ArrowDown');
    await benInput.press('ArrowDown');
    expect(await benInput.inputValue()).toBe('');

    // Ben sees Ana's cursor on the canvas.
    const frame = ana.locator('.cursor-layer');
    const box = (await frame.boundingBox())!;
    await ana.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await ana.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await ben.locator('[data-cursor="Ana"]').waitFor({ timeout: 10_000 });

    // Ben follows Ana, and stops.
    await people(ben).getByRole('listitem', { name: 'Ana' }).getByRole('button').click();
    await expect
      .poll(() => ben.getByRole('status').filter({ hasText: 'Following' }).textContent())
      .toContain('Ana');
    await ben.getByRole('button', { name: 'Stop following' }).click();
    await expect.poll(() => ben.getByRole('status').filter({ hasText: 'Following' }).count()).toBe(0);

    // Cleo (a script with a name in the room's awareness) switches vm2 to NAT: the
    // history names her and the cell that flipped, on both pages.
    const cleo = await connectLabClient(server.origin, room.room, room.token);
    cleo.awareness.setLocalStateField('user', { name: 'Cleo' });
    await people(ana).getByRole('listitem', { name: 'Cleo' }).waitFor();

    // Cleo opens vm2's settings: a badge with her initial on vm2 for both, and Ben,
    // following her, has vm2 open too.
    cleo.awareness.setLocalStateField('openVm', 'vm2');
    await ana.getByRole('img', { name: 'Cleo has open vm2' }).waitFor();
    expect(await ana.locator('[data-vm="vm1"] .presence-badges').count()).toBe(0);
    await ana.screenshot({ path: join(ARTIFACTS, 'presence-badge-1366x768.png') });
    await people(ben).getByRole('listitem', { name: 'Cleo' }).getByRole('button').click();
    await expect
      .poll(() => ben.getByRole('status').filter({ hasText: 'Following' }).textContent())
      .toContain('vm2');
    await ben.getByRole('button', { name: 'Stop following' }).click();
    // Ben stays where following took him (vm2's settings) until he closes them himself.
    await ben.getByRole('dialog', { name: /vm2/ }).getByRole('button', { name: 'Close' }).click();
    cleo.awareness.setLocalStateField('openVm', null);
    cleo.doc.transact(() => adapter(cleo.lab, 'vm2').set('mode', 'nat'), 'cleo');
    const history = (page: Page) => page.getByRole('list', { name: 'History' });
    await expect.poll(() => history(ben).textContent(), { timeout: 15_000 }).toContain('Cleo');
    expect(await history(ben).textContent()).toContain('switched vm2 (adapter 1) to NAT');
    expect(await history(ben).textContent()).toContain('vm2 → vm1 stopped answering');

    // Ana reverts it: her own edit, named after her, and the cell answers again.
    await history(ana).locator('[data-history]').first().getByRole('button', { name: 'Revert' }).click();
    await expect.poll(() => history(ben).locator('[data-history]').count(), { timeout: 15_000 }).toBe(2);
    const newest = await history(ben).locator('[data-history]').first().textContent();
    expect(newest).toContain('Ana');
    expect(newest).toContain('switched vm2 (adapter 1) to NAT Network');
    expect(newest).toContain('vm2 → vm1 now answers');
    expect(adapter(cleo.lab, 'vm2').get('mode')).toBe('natnetwork');

    // Ben steps back to the state after Cleo's edit: read-only, with a way back.
    await history(ben).locator('[data-history]').nth(1).getByRole('button', { name: 'View' }).click();
    await ben.getByRole('button', { name: 'Back to live' }).waitFor();
    expect(await ben.locator('[data-vm="vm2"] .mode-tag').first().textContent()).toBe('NAT');
    expect(await ben.locator('.vms-panel').getAttribute('inert')).not.toBeNull();

    for (const [page, size] of [
      [ana, '1366x768'],
      [ben, '1366x768-viewing'],
    ] as const) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(ARTIFACTS, `presence-${size}.png`), fullPage: false });
    }
    await ben.getByRole('button', { name: 'Back to live' }).click();
    await expect
      .poll(() => ben.locator('[data-vm="vm2"] .mode-tag').first().textContent())
      .toBe('NAT Network');
    cleo.destroy();
  });

  it('asks once for a name when the link has none, and remembers it', async () => {
    const room = await createRoom(server.origin, pairLab);
    const page = await person(room.url, null, { width: 1920, height: 1080 });
    const dialog = page.getByRole('dialog', { name: 'Join this room' });
    await dialog.waitFor();
    // It does not stand in the way: the page works meanwhile.
    await page.locator('[data-locale="zh-CN"]').click();
    await page.getByRole('dialog', { name: '加入这个房间' }).waitFor();
    await page.locator('[data-locale="en"]').click();
    await page.screenshot({ path: join(ARTIFACTS, 'presence-name-1920x1080.png') });
    await dialog.getByRole('textbox', { name: 'Display name' }).fill('Dana');
    await dialog.getByRole('button', { name: 'Join' }).click();
    await people(page).getByRole('listitem', { name: 'Dana' }).waitFor();
    await page.reload();
    await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
    await people(page).getByRole('listitem', { name: 'Dana' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Join this room' }).count()).toBe(0);
  });

  it('reads well at 1920×1080 with two people and a shared console', async () => {
    const room = await createRoom(server.origin, pairLab);
    const ana = await person(room.url, 'Ana', { width: 1920, height: 1080 });
    const ben = await person(room.url, '王小明', { width: 1920, height: 1080 });
    await people(ana).getByRole('listitem', { name: '王小明' }).waitFor();
    await runCommand(ben, 'vm2', 'ping -c 1 10.0.2.1');
    await runCommand(ana, 'vm1', 'ip route');
    await expect.poll(() => consoleText(ana)).toContain('ip route');
    await expect.poll(() => consoleText(ana)).toContain('ping -c 1');
    const box = (await ben.locator('.cursor-layer').boundingBox())!;
    await ben.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3, { steps: 3 });
    await ana.locator('[data-cursor="王小明"]').waitFor({ timeout: 10_000 });
    await ana.screenshot({ path: join(ARTIFACTS, 'presence-1920x1080.png') });
    await ana.locator('[data-locale="zh-CN"]').click();
    await ana.screenshot({ path: join(ARTIFACTS, 'presence-1920x1080-zh.png') });
  });
});

function adapter(lab: Y.Map<unknown>, vm: string): Y.Map<unknown> {
  const vms = lab.get('vms') as Y.Map<unknown>;
  const adapters = (vms.get(vm) as Y.Map<unknown>).get('adapters') as Y.Array<Y.Map<unknown>>;
  return adapters.get(0);
}
