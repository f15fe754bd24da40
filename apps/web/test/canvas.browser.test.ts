/**
 * The canvas, the packets and the matrix in a real Chromium against the real server:
 * a packet plays hop by hop, a matrix cell plays its packet, a drag in one page moves
 * the node in another, 100 VMs fit the panel, the matrix answers the keyboard; and
 * screenshots of every screen at 1366×768 and 1920×1080 under test/artifacts/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { bigLab } from './bigLab';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { classroomLab } from './fixtures';
import { connectLabClient } from './labClient';
import { createRoom, repoRoot } from './server';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const suite = browserSuite();

async function open(url: string, viewport: { width: number; height: number } = SIZES[0]): Promise<Page> {
  const page = await suite.browser.newPage({ viewport });
  await page.goto(new URL(url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  await page.locator('svg.topology g.node').first().waitFor({ timeout: 15_000 });
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'Fit' }).click();
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`) });
  }
}

describe('packets on the canvas', () => {
  it('plays a packet hop by hop: the hop list fills, the reason comes at the end', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await open(room.url);
    try {
      await page.getByLabel('From', { exact: true }).selectOption('web');
      await page.getByLabel('To', { exact: true }).selectOption('db');
      await page.getByRole('button', { name: 'Send packet' }).click();
      const hops = page.getByRole('list', { name: 'Hops' }).getByRole('listitem');
      await expect.poll(() => hops.count()).toBeGreaterThan(3);
      await expect.poll(() => page.locator('.hop[data-action="translate"]').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.packet-reason').textContent()).toContain('intnet');
      expect(await page.locator('.packet-reason').textContent()).toContain('Not delivered');
      // the dot stopped where the packet was dropped, that node marked
      expect(await page.locator('svg .packet-dot.action-drop').count()).toBe(1);
      expect(await page.locator('svg g.node.packet-at').getAttribute('data-id')).toBe('internet');
      await page.locator('.hop').last().scrollIntoViewIfNeeded();
      await shoot(page, 'packet-web-to-db');
    } finally {
      await page.close();
    }
  });

  it('replays along the new path when a partner unplugs the cable it used', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await open(room.url);
    const partner = await connectLabClient(suite.server.origin, room.room, room.token);
    try {
      await page.getByLabel('From', { exact: true }).selectOption('host');
      await page.getByLabel('To', { exact: true }).selectOption('web');
      await page.getByRole('button', { name: 'Send packet' }).click();
      await expect.poll(() => page.locator('.packet-reason').textContent()).toContain('Delivered');
      const vms = partner.lab.get('vms') as Y.Map<Y.Map<unknown>>;
      const adapters = vms.get('web')?.get('adapters') as Y.Array<Y.Map<unknown>>;
      partner.doc.transact(() => adapters.get(1).set('cable', false), {
        kind: 'person',
        clientID: partner.doc.clientID,
      });
      await expect
        .poll(() => page.locator('.packet-reason').textContent(), { timeout: 15_000 })
        .toContain('Not delivered');
    } finally {
      partner.destroy();
      await page.close();
    }
  });

  it('a click on a matrix cell shows its reason and plays its packet', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await open(room.url);
    try {
      await page.locator('.matrix td[data-from="web"][data-to="internet"]').click();
      await expect
        .poll(() => page.locator('.cell-reason').textContent())
        .toContain('web reaches the internet');
      await expect.poll(() => page.locator('.packet-title').textContent()).toContain('web → the internet');
      await expect.poll(() => page.locator('.packet-reason').textContent()).toContain('Delivered');
      expect(await page.locator('.hop[data-node="nat:web/0"]').count()).toBeGreaterThan(0);
      await shoot(page, 'matrix-cell-packet');
    } finally {
      await page.close();
    }
  });
});

describe('the canvas', () => {
  it('every VM is one button named by its display name; its canvas node opens the same settings', async () => {
    const room = await createRoom(suite.server.origin, {
      ...classroomLab,
      vms: { ...classroomLab.vms, db: { ...classroomLab.vms.db, name: 'Database' } },
    });
    const page = await open(room.url);
    try {
      await page.locator('[data-vm-node="db"]').waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Database' }).count()).toBe(1);
      await page.locator('[data-vm-node="db"]').click();
      await page.getByRole('dialog', { name: /Database/ }).waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog', { name: /Database/ }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('a node dragged in one page moves in the other, through the room document', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const a = await open(room.url);
    const b = await open(room.url);
    const watcher = await connectLabClient(suite.server.origin, room.room, room.token);
    try {
      const where = (page: Page) => page.locator('svg g.node[data-id="vm:db"]').getAttribute('transform');
      const before = await where(b);
      const box = await a.locator('svg g.node[data-id="vm:db"]').boundingBox();
      if (!box) throw new Error('no db node');
      await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await a.mouse.down();
      for (let i = 1; i <= 5; i++)
        await a.mouse.move(box.x + box.width / 2 + i * 20, box.y + box.height / 2 - i * 10);
      await a.mouse.up();
      await expect.poll(() => where(b)).not.toBe(before);
      expect(await where(b)).toBe(await where(a));
      await expect.poll(() => watcher.doc.getMap('layout').get('vm:db')).toBeTruthy();
    } finally {
      watcher.destroy();
      await a.close();
      await b.close();
    }
  });

  it('fits 100 VMs in the panel, not a 19,000-pixel strip', async () => {
    const room = await createRoom(suite.server.origin, bigLab(100));
    const page = await open(room.url);
    try {
      await expect.poll(() => page.locator('svg g.node.kind-vm').count()).toBe(100);
      const frame = await page.locator('.topology-frame').boundingBox();
      const svg = await page.locator('svg.topology').boundingBox();
      const drawn = await page.locator('svg.topology g.nodes').boundingBox();
      if (!frame || !svg || !drawn) throw new Error('no canvas');
      expect(svg.width).toBeLessThanOrEqual(frame.width + 1);
      expect(drawn.x).toBeGreaterThanOrEqual(svg.x - 1);
      expect(drawn.x + drawn.width).toBeLessThanOrEqual(svg.x + svg.width + 1);
      expect(drawn.y + drawn.height).toBeLessThanOrEqual(svg.y + svg.height + 1);
      // and not shrunk to a line either: the picture uses the panel
      expect(drawn.width).toBeGreaterThan(svg.width / 3);
      expect(drawn.height).toBeGreaterThan(svg.height / 2);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
      await shoot(page, 'topology-100-vms');
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await page.screenshot({ path: join(ARTIFACTS, 'topology-100-vms-zoomed-1920x1080.png') });
      // the matrix of picked machines, above the room limit
      await page.getByRole('checkbox', { name: 'vm1', exact: true }).check();
      await page.getByRole('checkbox', { name: 'vm2', exact: true }).check();
      await page.getByRole('checkbox', { name: 'vm3', exact: true }).check();
      await page.getByRole('button', { name: 'Show matrix' }).click();
      // 3 × (2 others + the internet) probes; the diagonal stays empty
      await expect.poll(() => page.locator('.matrix td.cell:not(.cell-none)').count()).toBe(9);
      expect(
        await page.locator('.matrix td[data-from="vm1"][data-to="vm2"]').getAttribute('class'),
      ).toContain('cell-no');
      await page.locator('.matrix td[data-from="vm1"][data-to="internet"]').click();
      await expect.poll(() => page.locator('.packet-reason').textContent()).toContain('Delivered');
      await shoot(page, 'matrix-picked-100-vms');
    } finally {
      await page.close();
    }
  });
});

describe('the matrix by keyboard', () => {
  it('arrow keys move between cells (one in the tab order), Enter plays the packet, a skip link passes it', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await open(room.url);
    try {
      const grid = page.getByRole('grid');
      // the grid is drawn when the first results arrive, after the canvas
      await expect.poll(() => grid.locator('[tabindex="0"]').count(), { timeout: 15_000 }).toBe(1);
      await grid.locator('[tabindex="0"]').focus();
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return `${el?.dataset.from}>${el?.dataset.to}`;
        });
      expect(await focused()).toBe('host>host');
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe('host>web');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('web>web');
      await page.keyboard.press('End');
      expect(await focused()).toBe('web>internet');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.packet-title').textContent()).toContain('web → the internet');
      expect(await grid.locator('[tabindex="0"]').getAttribute('data-to')).toBe('internet');
      const skip = page.getByRole('link', { name: 'Skip the matrix' });
      await skip.focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('after-matrix');
    } finally {
      await page.close();
    }
  });

  it('a cell flashes when a partner’s edit flips it', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await open(room.url);
    const partner = await connectLabClient(suite.server.origin, room.room, room.token);
    try {
      const cell = page.locator('.matrix td[data-from="web"][data-to="internet"]');
      await expect.poll(() => cell.getAttribute('class')).toContain('cell-yes');
      const vms = partner.lab.get('vms') as Y.Map<Y.Map<unknown>>;
      const adapters = vms.get('web')?.get('adapters') as Y.Array<Y.Map<unknown>>;
      partner.doc.transact(() => adapters.get(0).set('cable', false), { kind: 'person', clientID: 1 });
      await expect.poll(() => cell.getAttribute('class'), { timeout: 15_000 }).toContain('cell-no');
      expect(await cell.getAttribute('class')).toContain('flash');
      // It says so in its glyph too, not only in its colour.
      expect(await cell.textContent()).toBe('✗');
    } finally {
      partner.destroy();
      await page.close();
    }
  });
});

describe('screenshots', () => {
  const scenarios = readdirSync(join(repoRoot, 'scenarios')).filter((f) => f.startsWith('seed-'));
  it.each(scenarios)('%s', async (file) => {
    const lab = JSON.parse(readFileSync(join(repoRoot, 'scenarios', file), 'utf8'));
    const room = await createRoom(suite.server.origin, lab);
    const page = await open(room.url);
    try {
      await shoot(page, file.replace(/\.json$/, ''));
    } finally {
      await page.close();
    }
  });

  it('the classroom lab in 简体中文', async () => {
    const room = await createRoom(suite.server.origin, classroomLab);
    const page = await open(room.url);
    try {
      await page.getByRole('button', { name: '中文' }).click();
      await page.locator('.matrix td[data-from="web"][data-to="db"]').click();
      await expect.poll(() => page.locator('.packet-reason').textContent()).toContain('未送达');
      // The engine's English network label is worded in Chinese too (why/chineseLabels.ts).
      const reason = await page.locator('.packet-reason').textContent();
      expect(reason).toContain('内部网络');
      expect(reason).not.toContain('internal network');
      // The canvas repaints its nodes in the new language (makeTopology's paint cache).
      await expect
        .poll(() => page.locator('svg.topology g.node text.label').allTextContents())
        .toContain('互联网');
      expect(await page.locator('svg.topology g.node text.label').allTextContents()).not.toContain(
        'Internet',
      );
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await page.screenshot({ path: join(ARTIFACTS, `classroom-zh-${size.width}x${size.height}.png`) });
      }
    } finally {
      await page.close();
    }
  });
});
