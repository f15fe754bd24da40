import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { createRoom } from './server';

const pairLab = {
  format: 'vnetlab/1',
  title: 'Pair: pass the wheel',
  hypervisor: 'virtualbox',
  natNetworks: { NatNetwork: { cidr: '10.0.2.0/24', dhcp: true } },
  vms: {
    vm1: { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }] },
    vm2: { adapters: [{ mode: 'natnetwork', network: 'NatNetwork' }] },
  },
};

const suite = browserSuite();
const WAIT = { timeout: 15_000 };

async function person(url: string, name: string) {
  const context = await suite.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  const page = await context.newPage();
  const href = new URL(url, suite.server.origin);
  href.searchParams.set('name', name);
  await page.goto(href.href);
  await page.locator('[data-status="online"]').waitFor(WAIT);
  return page;
}

const bar = (page: Page) => page.getByRole('region', { name: 'Driving' });
const status = (page: Page) => bar(page).getByRole('status');
const people = (page: Page) => page.getByRole('list', { name: 'People in this room' });
/** Whom a page's People list marks as driving. */
const driving = (page: Page) =>
  people(page)
    .locator('li:has([data-driving])')
    .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
const following = (page: Page) => page.getByRole('status').filter({ hasText: 'Following' });

/** Two pages in one room, Ana driving (she took the free wheel), Ben following her. */
async function anaDrives() {
  const room = await createRoom(suite.server.origin, pairLab);
  const ana = await person(room.url, 'Ana');
  const ben = await person(room.url, 'Ben');
  await people(ana).getByRole('listitem', { name: 'Ben' }).waitFor(WAIT);
  await people(ben).getByRole('listitem', { name: 'Ana' }).waitFor(WAIT);
  await expect.poll(() => status(ana).textContent(), WAIT).toContain('Nobody is driving');
  await bar(ana).getByRole('button', { name: 'Drive' }).click();
  await expect.poll(() => status(ana).textContent(), WAIT).toContain('You are driving');
  await expect.poll(() => status(ben).textContent(), WAIT).toContain('Ana is driving');
  await expect.poll(() => driving(ben), WAIT).toEqual(['Ana']);
  await expect.poll(() => driving(ana), WAIT).toEqual(['Ana']);
  // Ben follows the driver without asking to.
  await expect.poll(() => following(ben).textContent(), WAIT).toContain('Ana');
  return { ana, ben };
}

describe('passing the wheel', () => {
  it('hands over on a yes: Ben drives, and Ana follows his view', { timeout: 120_000 }, async () => {
    const { ana, ben } = await anaDrives();
    // Ben asks, with the keyboard.
    await bar(ben).getByRole('button', { name: 'Take over' }).focus();
    await ben.keyboard.press('Enter');
    await expect.poll(() => bar(ben).textContent(), WAIT).toContain('Waiting for Ana to answer');
    const ask = bar(ana).getByRole('group', { name: 'Ben asks to drive' });
    await ask.waitFor(WAIT);
    await ana.screenshot({ path: join(ARTIFACTS, 'drive-ask-1366x768.png') });
    await ask.getByRole('button', { name: 'Let them drive' }).click();

    await expect.poll(() => status(ben).textContent(), WAIT).toContain('You are driving');
    await expect.poll(() => status(ana).textContent(), WAIT).toContain('Ben is driving');
    await expect.poll(() => driving(ana), WAIT).toEqual(['Ben']);
    await expect.poll(() => driving(ben), WAIT).toEqual(['Ben']);
    await expect.poll(() => following(ana).textContent(), WAIT).toContain('Ben');
    expect(await following(ben).count()).toBe(0);

    // Ana sees what Ben does: he opens vm2's settings, and so does her page.
    await ben.locator('[data-vm="vm2"] button.vm-open').click();
    await ana.getByRole('dialog', { name: /vm2/ }).waitFor(WAIT);
    await ana.screenshot({ path: join(ARTIFACTS, 'drive-following-1366x768.png') });
    // She can stop following; Ben still drives.
    await ana.getByRole('button', { name: 'Stop following' }).click();
    await expect.poll(() => following(ana).count(), WAIT).toBe(0);
    expect(await status(ana).textContent()).toContain('Ben is driving');
  });

  it('keeps the wheel on a no, and Ben may ask again', { timeout: 120_000 }, async () => {
    const { ana, ben } = await anaDrives();
    await bar(ben).getByRole('button', { name: 'Take over' }).click();
    const ask = bar(ana).getByRole('group', { name: 'Ben asks to drive' });
    await ask.getByRole('button', { name: 'Keep driving' }).click(WAIT);
    await expect.poll(() => bar(ben).textContent(), WAIT).toContain('Ana keeps driving');
    await expect.poll(() => ask.count(), WAIT).toBe(0);
    await bar(ben).getByRole('button', { name: 'Take over' }).waitFor(WAIT);
    expect(await status(ana).textContent()).toContain('You are driving');
    expect(await driving(ben)).toEqual(['Ana']);
    await ben.screenshot({ path: join(ARTIFACTS, 'drive-refused-1366x768.png') });

    // A second request is a new question.
    await bar(ben).getByRole('button', { name: 'Take over' }).click();
    await ask.waitFor(WAIT);
    await ben.locator('[data-locale="zh-CN"]').click();
    const zhBar = ben.getByRole('region', { name: '驾驶' });
    await expect.poll(() => zhBar.textContent(), WAIT).toContain('等待 Ana 回应');
    await ben.screenshot({ path: join(ARTIFACTS, 'drive-asking-zh-1366x768.png') });
    await zhBar.getByRole('button', { name: '取消请求' }).click();
    await expect.poll(() => ask.count(), WAIT).toBe(0);
    expect(await status(ana).textContent()).toContain('You are driving');

    // Ben's last answer was a no; once Ana stops driving, it no longer says she keeps driving.
    await ben.locator('[data-locale="en"]').click();
    await bar(ben).getByRole('button', { name: 'Take over' }).click();
    await ask.getByRole('button', { name: 'Keep driving' }).click(WAIT);
    await expect.poll(() => bar(ben).textContent(), WAIT).toContain('Ana keeps driving');
    await bar(ana).getByRole('button', { name: 'Stop driving' }).click();
    await expect.poll(() => status(ben).textContent(), WAIT).toContain('Nobody is driving');
    await expect.poll(() => bar(ben).textContent(), WAIT).not.toContain('keeps driving');
  });
});
