import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { browserSuite } from './browserSuite';
import { classroomLab, showcaseLab } from './fixtures';
import { connectLabClient } from './labClient';
import { createRoom, replaceLab } from './server';

const suite = browserSuite();

async function openRoom(lab: unknown, viewport = { width: 1366, height: 768 }) {
  const room = await createRoom(suite.server.origin, lab);
  const page = await suite.browser.newPage({ viewport });
  await page.goto(new URL(room.url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  return { ...room, page };
}

const goalState = (page: Page, id: string) => page.locator(`[data-goal="${id}"]`).getAttribute('data-state');

describe('the start page', () => {
  it('opens a scenario as a new room, with the addresses the engine leased', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(suite.server.origin);
      await page.locator('[data-scenario="seed-2-nat"] button').click();
      await page.waitForURL(/\/r\/[^/]+\?token=/);
      await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
      await expect
        .poll(() => page.locator('[data-vm="vm2"] tr.adapter').textContent())
        .toContain('10.0.2.15/24');
      await expect.poll(() => goalState(page, 'vm-vm')).toBe('met');
    } finally {
      await page.close();
    }
  });

  it('shows a refused lab file with the path of the bad field', async () => {
    const page = await suite.browser.newPage();
    try {
      await page.goto(suite.server.origin);
      await page.locator('input[type=file]').setInputFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({ format: 'vnetlab/1', vms: { web: { adapters: [{ mode: 'bridge' }] } } }),
        ),
      });
      await expect
        .poll(() => page.locator('.start-errors').textContent())
        .toContain('vms.web.adapters[0].mode');
    } finally {
      await page.close();
    }
  });
});

describe('the live room page', () => {
  it('runs a command on any machine and shows what the guest prints, and why a probe fails', async () => {
    const { page } = await openRoom(classroomLab);
    try {
      await expect.poll(() => page.locator('.console-line option').count()).toBeGreaterThan(1);
      await page.locator('.console-line select').selectOption('web');
      await page.locator('.console-line input').fill('ip addr');
      await page.locator('.console-line input').press('Enter');
      await expect
        .poll(() => page.locator('.console-output').last().textContent())
        .toContain('inet 10.0.2.15/24');
      await page.locator('.console-line select').selectOption('db');
      await page.locator('.console-line input').fill('ping -c 1 93.184.215.14');
      await page.locator('.console-line input').press('Enter');
      await expect
        .poll(() => page.locator('.console-output').last().textContent())
        .toContain('Network is unreachable');
      expect(await page.locator('.console-why').last().textContent()).toContain('db has no route');
    } finally {
      await page.close();
    }
  });

  it('says the reasons in 简体中文 at a click, and remembers the choice', async () => {
    const { page } = await openRoom(classroomLab);
    try {
      await expect.poll(() => goalState(page, 'db-out')).toBe('unmet');
      await page.locator('[data-locale="zh-CN"]').click();
      await expect
        .poll(() => page.locator('[data-goal="db-out"] .goal-reason').textContent())
        .toContain('没有到');
      expect(await page.locator('#h-goals').textContent()).toBe('目标');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.reload();
      await expect.poll(() => page.locator('#h-goals').textContent()).toBe('目标');
      await page.locator('[data-locale="en"]').click();
      await expect
        .poll(() => page.locator('[data-goal="db-out"] .goal-reason').textContent())
        .toContain('has no route');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await page.close();
    }
  });

  it('shows the lab title, every machine with its adapters, and the goals', async () => {
    const { page } = await openRoom(classroomLab);
    try {
      await expect.poll(() => page.locator('h1.lab-title').textContent()).toBe('NAT or NAT Network?');
      await expect.poll(() => page.locator('[data-vm]').count()).toBe(2);
      const web = page.locator('[data-vm="web"] tr.adapter');
      expect(await web.count()).toBe(2);
      expect(await web.nth(1).textContent()).toContain('vboxnet0');
      expect(await page.locator('[data-vm="db"] tr.adapter').textContent()).toContain('10.10.0.2/24');
      await expect.poll(() => page.locator('.topology .node').count()).toBeGreaterThanOrEqual(5);
      await expect.poll(() => goalState(page, 'web-out')).toBe('met');
      await expect.poll(() => goalState(page, 'db-out')).toBe('unmet');
    } finally {
      await page.close();
    }
  });

  it('caps a long list of diagnostics and counts the rest (120 machines without an address)', async () => {
    const vms: Record<string, unknown> = {};
    for (let i = 1; i <= 120; i++) vms[`vm${i}`] = { adapters: [{ mode: 'internal', network: 'lab' }] };
    const { page } = await openRoom({ format: 'vnetlab/1', vms });
    try {
      const items = page.locator('ul.diagnostics > li');
      await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(51);
      const rest = items.last();
      expect(await rest.getAttribute('data-code')).toBe('diagnostics-hidden');
      expect(await rest.textContent()).toMatch(/^\d+ more not shown$/);
    } finally {
      await page.close();
    }
  });

  it("shows a second client's edit live, and its goal turns from red to green", async () => {
    const { page, room, token } = await openRoom(classroomLab);
    const client = await connectLabClient(suite.server.origin, room, token);
    try {
      await expect.poll(() => goalState(page, 'db-out')).toBe('unmet');
      client.doc.transact(
        () => {
          const db = (client.lab.get('vms') as Y.Map<unknown>).get('db') as Y.Map<unknown>;
          const adapter = (db.get('adapters') as Y.Array<Y.Map<unknown>>).get(0);
          adapter.set('mode', 'nat');
          adapter.delete('ip');
        },
        { kind: 'test-client' },
      );
      const dbAdapter = page.locator('[data-vm="db"] tr.adapter').first();
      await expect.poll(() => dbAdapter.getAttribute('class')).toContain('mode-nat');
      await expect.poll(() => goalState(page, 'db-out'), { timeout: 15_000 }).toBe('met');
      expect(await page.locator('[data-goal="db-out"] .goal-reason').textContent()).not.toBe('');
    } finally {
      client.destroy();
      await page.close();
    }
  });

  it('shows a lab replaced through the API live', async () => {
    const { page, room, token } = await openRoom(classroomLab);
    try {
      await replaceLab(suite.server.origin, room, token, { ...showcaseLab, title: 'Replaced by the API' });
      await expect.poll(() => page.locator('h1.lab-title').textContent()).toBe('Replaced by the API');
      await expect.poll(() => page.locator('[data-vm]').count()).toBe(4);
      await expect.poll(() => page.locator('[data-goal]').count()).toBe(3);
    } finally {
      await page.close();
    }
  });

  it('says clearly when the token is refused', async () => {
    const { room } = await createRoom(suite.server.origin, classroomLab);
    const page = await suite.browser.newPage();
    try {
      await page.goto(`${suite.server.origin}/r/${room}?token=not-the-token`);
      await page.locator('[data-status="refused"]').waitFor({ timeout: 15_000 });
      expect(await page.locator('.banner-refused').textContent()).toMatch(/token|may not open/);
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.locator('.banner-refused').textContent()).toMatch(/令牌/);
    } finally {
      await page.close();
    }
  });

  it('reads well on a laptop (1366×768) and a projector (1920×1080)', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const { page } = await openRoom(showcaseLab, viewport);
      try {
        await expect.poll(() => goalState(page, 'web-out')).toBe('met');
        await expect.poll(() => page.locator('.matrix .cell').count()).toBeGreaterThan(0);
        await page.locator('.matrix td.cell-no').first().click();
        expect(await page.locator('.cell-reason').textContent()).toMatch(/→.+:/);
        await page.waitForTimeout(400); // let the topology transitions settle
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow).toBe(false);
        await page.screenshot({ path: `/tmp/vnetlab-web-${viewport.width}x${viewport.height}.png` });
      } finally {
        await page.close();
      }
    }
  });

  // Last: it stops the suite.server.
  it.skipIf(process.env.VNETLAB_TEST_ORIGIN)('shows offline when the server goes away', async () => {
    const { page } = await openRoom(classroomLab);
    try {
      await suite.server.stop();
      await page.locator('[data-status="offline"]').waitFor({ timeout: 15_000 });
      expect(await page.locator('h1.lab-title').textContent()).toBe('NAT or NAT Network?');
    } finally {
      await page.close();
    }
  });
});
