import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { connectLabClient } from './labClient';
import { createRoom } from './server';

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

const suite = browserSuite();

/** A person: a browser context of their own (own localStorage), on the room's page. */
async function person(url: string, name: string | null, viewport = { width: 1366, height: 768 }) {
  const context = await suite.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const href = new URL(url, suite.server.origin);
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
    const room = await createRoom(suite.server.origin, pairLab);
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
    const cleo = await connectLabClient(suite.server.origin, room.room, room.token);
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
    // The topology draws that state too: vm2's adapter 1 goes to its own NAT engine again.
    const vm2Link = (page: Page) => page.locator('svg.topology path.link[data-id="vm:vm2#0"]');
    await expect
      .poll(() => vm2Link(ben).getAttribute('class'), { timeout: 15_000 })
      .toMatch(/\bkind-nat(\s|$)/);
    await expect
      .poll(() => vm2Link(ana).getAttribute('class'), { timeout: 15_000 })
      .toMatch(/\bkind-natnetwork\b/);

    for (const [page, size] of [
      [ana, '1366x768'],
      [ben, '1366x768-viewing'],
    ] as const) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(ARTIFACTS, `presence-${size}.png`), fullPage: false });
    }
    // Nothing on the page edits the past: the toolbar's controls are disabled, and Ctrl+Z
    // takes nothing back (Ben's own edit stays).
    expect(await ben.getByRole('button', { name: 'Add VM' }).isDisabled()).toBe(true);
    expect(await ben.getByRole('button', { name: 'Networks' }).isDisabled()).toBe(true);
    // A VM's settings opened meanwhile (Ben follows Cleo into vm2) show that earlier
    // state, every field disabled, with a way back inside the dialog.
    cleo.awareness.setLocalStateField('openVm', 'vm2');
    await people(ben).getByRole('listitem', { name: 'Cleo' }).getByRole('button').click();
    const settings = ben.getByRole('dialog', { name: /vm2/ });
    await settings.waitFor();
    const attached = settings.getByRole('combobox', { name: 'Attached to' });
    expect(await attached.inputValue()).toBe('nat');
    expect(await attached.isDisabled()).toBe(true);
    expect(await settings.getByRole('textbox', { name: 'VM name' }).isDisabled()).toBe(true);
    // Every control that would write is disabled — MAC regenerate, Port Forwarding's
    // "+ Add rule", the guest's tables — only moving around the dialog and leading back stay.
    const usable = await settings.evaluate((dialog) =>
      [...dialog.querySelectorAll<HTMLElement>('button, input, select, textarea')]
        .filter((control) => !control.matches(':disabled') && control.checkVisibility())
        .map(
          (control) => control.getAttribute('aria-label') || control.textContent?.trim() || control.tagName,
        ),
    );
    expect(usable).toEqual([
      'Close',
      // Who drives is awareness, not the lab: the wheel stays reachable while viewing the past.
      'Drive',
      'Stop following',
      'Back to live',
      ...['Adapter 1', 'Adapter 2', 'Adapter 3', 'Adapter 4', 'More adapters (5–8)'],
    ]);
    expect(await settings.getByRole('button', { name: /new MAC address/ }).isDisabled()).toBe(true);
    expect(await settings.getByRole('button', { name: 'Add rule', exact: true }).isDisabled()).toBe(true);
    await ben.keyboard.press('Control+z');
    await ben.screenshot({ path: join(ARTIFACTS, 'history-read-only-dialog-1366x768.png') });
    await settings.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => attached.inputValue()).toBe('natnetwork');
    expect(await attached.isDisabled()).toBe(false);
    expect(await ben.getByRole('button', { name: 'Add VM' }).isDisabled()).toBe(false);
    await ben.getByRole('button', { name: 'Stop following' }).click();
    await settings.getByRole('button', { name: 'Close' }).click();
    cleo.awareness.setLocalStateField('openVm', null);
    await expect
      .poll(() => ben.locator('[data-vm="vm2"] .mode-tag').first().textContent())
      .toBe('NAT Network');
    await expect
      .poll(() => vm2Link(ben).getAttribute('class'), { timeout: 15_000 })
      .toMatch(/\bkind-natnetwork\b/);
    expect(adapter(cleo.lab, 'vm2').get('mode')).toBe('natnetwork');
    cleo.destroy();
  });

  it("puts a partner's cursor on the same VM whatever each one's zoom, and following follows the view", async () => {
    const room = await createRoom(suite.server.origin, pairLab);
    const ana = await person(room.url, 'Ana', { width: 1366, height: 768 });
    const ben = await person(room.url, 'Ben', { width: 1920, height: 1080 });
    await people(ben).getByRole('listitem', { name: 'Ana' }).waitFor();
    // Ben's picture is zoomed out and of another size than Ana's (both VMs stay in view).
    await ben.getByRole('button', { name: 'Zoom out' }).click();
    const [anaK, benK] = [(await view(ana)).k, (await view(ben)).k];
    await expect.poll(() => view(ben).then((v) => Math.abs(v.k - anaK) / anaK)).toBeGreaterThan(0.05);
    expect(benK).toBeGreaterThan(0);
    // Ana points at the middle of vm1: on Ben's screen her cursor is on his vm1.
    const target = await centreOf(ana, 'vm1');
    await ana.mouse.move(target.x - 40, target.y - 30);
    await ana.mouse.move(target.x, target.y, { steps: 4 });
    const cursor = ben.locator('[data-cursor="Ana"]');
    await cursor.waitFor({ timeout: 10_000 });
    const onBen = await centreOf(ben, 'vm1');
    await expect
      .poll(() => tipOf(ben, 'Ana').then((tip) => Math.hypot(tip.x - onBen.x, tip.y - onBen.y)))
      .toBeLessThan(4);
    // Ben zooms out again: the cursor stays on vm1, which moved on his screen.
    await ben.getByRole('button', { name: 'Zoom out' }).click();
    await new Promise((r) => setTimeout(r, 400));
    const moved = await centreOf(ben, 'vm1');
    expect(Math.hypot(moved.x - onBen.x, moved.y - onBen.y)).toBeGreaterThan(10);
    await expect
      .poll(() => tipOf(ben, 'Ana').then((tip) => Math.hypot(tip.x - moved.x, tip.y - moved.y)))
      .toBeLessThan(4);
    await ben.screenshot({ path: join(ARTIFACTS, 'presence-cursor-world-1920x1080.png') });

    // Ben follows Ana: his canvas shows what hers shows (same zoom, same centre), and
    // keeps doing so as she zooms.
    await people(ben).getByRole('listitem', { name: 'Ana' }).getByRole('button').click();
    await ana.getByRole('button', { name: 'Zoom in' }).click();
    await ana.getByRole('button', { name: 'Zoom in' }).click();
    const followed = async () => {
      const [a, b] = [await view(ana), await view(ben)];
      return Math.abs(a.k - b.k) < 0.01 && Math.hypot(a.x - b.x, a.y - b.y) < 2;
    };
    await expect.poll(followed, { timeout: 10_000 }).toBe(true);
    // vm1 sits at the same place relative to the centre of both canvases, scaled alike.
    await ben.screenshot({ path: join(ARTIFACTS, 'presence-following-view-1920x1080.png') });
    await ana.screenshot({ path: join(ARTIFACTS, 'presence-followed-view-1366x768.png') });

    // Ben pans by hand: that takes his view back (following ends).
    const frame = (await ben.locator('svg.topology').boundingBox())!;
    await ben.mouse.move(frame.x + 20, frame.y + frame.height - 20);
    await ben.mouse.down();
    await ben.mouse.move(frame.x + 140, frame.y + frame.height - 60, { steps: 5 });
    await ben.mouse.up();
    await expect.poll(() => ben.getByRole('status').filter({ hasText: 'Following' }).count()).toBe(0);
    await ana.getByRole('button', { name: 'Zoom out' }).click();
    await new Promise((r) => setTimeout(r, 500));
    expect(await followed()).toBe(false);
  });

  it('asks once for a name when the link has none, and remembers it', async () => {
    const room = await createRoom(suite.server.origin, pairLab);
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
    const room = await createRoom(suite.server.origin, pairLab);
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

/** What a page's canvas shows: the world point at its centre, and its zoom. */
async function view(page: Page): Promise<{ x: number; y: number; k: number }> {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.topology') as SVGSVGElement;
    const world = svg.querySelector('g.world')!.getAttribute('transform') ?? '';
    const [, tx, ty, k] = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(world) ?? [];
    const box = svg.getBoundingClientRect();
    const [x, y, scale] = [Number(tx), Number(ty), Number(k)];
    return { x: (box.width / 2 - x) / scale, y: (box.height / 2 - y) / scale, k: scale };
  });
}

/** The middle of a VM's node on a page's screen. */
async function centreOf(page: Page, vm: string): Promise<{ x: number; y: number }> {
  const box = (await page
    .locator(`svg.topology [data-vm-node="${vm}"] rect.box`)
    .boundingBox({ timeout: 5000 }))!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where a partner's cursor points: the tip of its arrow; far away while none is drawn. */
async function tipOf(page: Page, name: string): Promise<{ x: number; y: number }> {
  return page.evaluate((who) => {
    const arrow = document.querySelector(`[data-cursor="${who}"] svg`);
    if (!arrow) return { x: Number.POSITIVE_INFINITY, y: Number.POSITIVE_INFINITY };
    const box = arrow.getBoundingClientRect();
    return { x: box.x + 1, y: box.y + 1 };
  }, name);
}

function adapter(lab: Y.Map<unknown>, vm: string): Y.Map<unknown> {
  const vms = lab.get('vms') as Y.Map<unknown>;
  const adapters = (vms.get(vm) as Y.Map<unknown>).get('adapters') as Y.Array<Y.Map<unknown>>;
  return adapters.get(0);
}
