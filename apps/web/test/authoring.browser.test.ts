/**
 * Authoring a scenario in the room page (issue 7, CLASS-15), real Chromium against the
 * real server: goals added with the probe picker are judged in the goal list, a locked
 * path that matches nothing is flagged (the CLI's check), undo takes it back, and "Save
 * as scenario" downloads a file `pnpm vnetlab check` passes. Screenshots at 1366×768 and
 * 1920×1080, English and 简体中文, go to test/artifacts/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { createRoom, repoRoot } from './server';

const suite = browserSuite();

const lab = {
  format: 'vnetlab/1',
  title: 'Reach out',
  vms: { web: { adapters: [{ mode: 'nat' }], listen: ['tcp/22'] } },
};

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await suite.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(new URL(url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  await expect
    .poll(() => page.locator('.vms-panel').getByRole('button', { name: 'web', exact: true }).count(), {
      timeout: 15_000,
    })
    .toBe(1);
  return page;
}

const goalState = (page: Page, id: string) =>
  page.locator(`.goals-panel [data-goal="${id}"]`).getAttribute('data-state', { timeout: 15_000 });

describe('saving a room as a scenario', () => {
  it('adds goals that the goal list judges, flags a locked path that matches nothing, downloads a file that passes the check', async () => {
    const room = await createRoom(suite.server.origin, lab);
    const page = await open(room.url, { width: 1366, height: 768 });
    const panel = page.getByRole('region', { name: 'Scenario', exact: true });
    const form = panel.getByRole('region', { name: 'Goals to reach' });

    // web → the internet by ping, expected to succeed: met (NAT goes out).
    await form.getByRole('combobox', { name: 'Goal from' }).selectOption('web');
    await form.getByRole('combobox', { name: 'Goal to' }).selectOption('internet');
    await form.getByRole('textbox', { name: 'Goal text' }).fill('web reaches the internet');
    await form.getByRole('button', { name: 'Add goal' }).click();
    await expect.poll(() => goalState(page, 'goal1'), { timeout: 15_000 }).toBe('met');
    expect(await page.locator('.goals-panel [data-goal="goal1"] .goal-text').textContent()).toBe(
      'web reaches the internet',
    );

    // The host → web:80 by TCP, by keyboard: nothing listens there and NAT forwards nothing: not met.
    await form.getByRole('combobox', { name: 'Goal from' }).selectOption('host');
    await form.getByRole('combobox', { name: 'Goal to' }).selectOption('web');
    await form.getByRole('combobox', { name: 'Goal kind' }).selectOption('tcp');
    await form.getByRole('spinbutton', { name: 'Goal port' }).fill('80');
    await form.getByRole('textbox', { name: 'Goal text' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => goalState(page, 'goal2'), { timeout: 15_000 }).toBe('unmet');

    // Locked paths: one that names a field, one that names nothing (flagged as the CLI would).
    const locks = panel.getByRole('region', { name: 'Locked paths' });
    const lockField = locks.getByRole('textbox', { name: 'Locked path' });
    await lockField.fill('vms.web.adapters[0].mode');
    await locks.getByRole('button', { name: 'Lock path' }).click();
    await lockField.fill('vms.db.name');
    await lockField.press('Enter');
    const bad = locks.locator('[data-locked="vms.db.name"]');
    await expect.poll(() => bad.getAttribute('data-problem'), { timeout: 15_000 }).toBe('matchesNothing');
    expect(await bad.getByRole('alert').textContent()).toContain('matches nothing in this lab');
    expect(await locks.locator('[data-locked="vms.web.adapters[0].mode"]').getAttribute('data-problem')).toBe(
      'none',
    );
    // A path that does not parse is refused at the field (it would make the whole lab invalid).
    await lockField.fill('vms..name');
    await lockField.press('Enter');
    await expect.poll(() => lockField.getAttribute('aria-invalid')).toBe('true');
    expect(await locks.locator('#locked-refused').textContent()).toContain('is not a path like');
    expect(await locks.locator('[data-locked="vms..name"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'authoring-1366.png'), fullPage: true });
    await lockField.fill('');

    // The bad path is this person's last edit: Undo takes it back.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => bad.count()).toBe(0);
    // The unmet goal goes by its own button.
    await form.getByRole('button', { name: 'Remove goal goal2' }).click();
    await expect.poll(() => page.locator('.goals-panel [data-goal="goal2"]').count()).toBe(0);

    const save = panel.getByRole('region', { name: 'Save as scenario' });
    await save.getByRole('textbox', { name: 'Title', exact: true }).fill('Reach the internet');
    await save.getByRole('textbox', { name: 'Title (简体中文)' }).fill('连接互联网');
    await expect.poll(() => page.locator('h1.lab-title').textContent()).toBe('Reach the internet');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      save.getByRole('button', { name: 'Save as scenario' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Reach-the-internet.json');
    const path = (await download.path()) ?? '';
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file.title).toBe('Reach the internet');
    expect(file.i18n['zh-CN'].title).toBe('连接互联网');
    expect(file.locked).toEqual(['vms.web.adapters[0].mode']);
    expect(file.goals).toEqual([
      {
        id: 'goal1',
        text: 'web reaches the internet',
        probe: { from: 'web', to: 'internet', kind: 'ping' },
        expect: true,
      },
    ]);
    // The server's check (the CLI's) says so on the page too.
    await expect
      .poll(() => save.locator('[data-check]').getAttribute('data-check'), { timeout: 15_000 })
      .toBe('ok');
    // And the command line passes the downloaded file.
    const cli = spawnSync(
      join(repoRoot, 'node_modules/.bin/tsx'),
      [join(repoRoot, 'apps/cli/src/main.ts'), 'check', path],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);

    // 简体中文 at 1920×1080: the same panel in Chinese, the title in Chinese.
    const wide = await open(room.url, { width: 1920, height: 1080 });
    await wide.locator('[data-locale="zh-CN"]').click();
    await expect.poll(() => wide.locator('h1.lab-title').textContent()).toBe('连接互联网');
    const zhPanel = wide.getByRole('region', { name: '场景', exact: true });
    await expect.poll(() => zhPanel.getByRole('button', { name: '另存为场景' }).count()).toBe(1);
    await zhPanel.scrollIntoViewIfNeeded();
    await wide.screenshot({ path: join(ARTIFACTS, 'authoring-zh-1920.png'), fullPage: true });
  }, 180_000);
});
