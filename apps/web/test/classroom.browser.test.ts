/**
 * A lesson in three browser contexts (an instructor, two students) against the real
 * server: open a class, join by code, broadcast a scenario, watch the dashboard as a
 * student breaks and fixes the lab, raise a hand, pause, time the lesson, export CSV.
 * Screenshots of the projected dashboard and of a student's room go to test/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { connectLabClient, type LabClient } from './labClient';

const SCENARIO = 'seed-3-natnetwork';
const LIVE = { timeout: 20_000 };

const suite = browserSuite();

/** Answers of the class API that a page logs as a console error (a poll of a round that is not there was one). */
const refusedPolls: string[] = [];

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await suite.newContext({ viewport, acceptDownloads: true });
  context.on('response', (response) => {
    if (response.url().includes('/api/classes/') && response.status() >= 400)
      refusedPolls.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return context.newPage();
}

/** A student who joins through the start page, typing the code as a person would. */
async function joinInBrowser(code: string, name: string): Promise<Page> {
  const page = await newPage({ width: 1366, height: 768 });
  await page.goto(suite.server.origin);
  await page.getByLabel('Join code').fill(` ${code.toLowerCase().replace('-', ' ')} `);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.waitForURL(/\/r\/[^/]+\?token=/);
  await page.locator('[data-status="online"]').waitFor(LIVE);
  return page;
}

/** More of the class, joined through the API (not online: no page open). */
async function joinByApi(code: string, name: string): Promise<{ room: string; token: string }> {
  const response = await fetch(`${suite.server.origin}/api/classes/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { room: string; token: string };
}

/** A student's edit of vm2's first adapter, through the Yjs document with their own token. */
function setVm2Mode(client: LabClient, mode: string, network: string | null) {
  client.doc.transact(
    () => {
      const vm2 = (client.lab.get('vms') as Y.Map<unknown>).get('vm2') as Y.Map<unknown>;
      const adapter = (vm2.get('adapters') as Y.Array<Y.Map<unknown>>).get(0);
      adapter.set('mode', mode);
      if (network === null) adapter.delete('network');
      else adapter.set('network', network);
    },
    { kind: 'test-student' },
  );
}

const card = (dashboard: Page, group: number) => dashboard.locator(`.group-card[data-group="${group}"]`);
const goalOn = (dashboard: Page, group: number, goal: string) =>
  card(dashboard, group).locator(`[data-goal="${goal}"]`).getAttribute('data-state');

describe('a lesson', () => {
  it('runs from opening the class to the CSV export', async () => {
    // The instructor opens a class from the start page and lands on its dashboard.
    const dashboard = await newPage({ width: 1920, height: 1080 });
    await dashboard.goto(suite.server.origin);
    await dashboard.getByLabel('Class title').fill('Networks 101');
    await dashboard.getByLabel('Group size').fill('2');
    await dashboard.getByRole('button', { name: 'Open the class' }).click();
    await dashboard.waitForURL(/\/c\/[^/]+\?token=/);
    await dashboard.locator('[data-status="online"]').waitFor(LIVE);
    const code = (await dashboard.locator('[data-join-code]').getAttribute('data-join-code')) ?? '';
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);

    // Two students join in their own browsers (code typed in lower case, with spaces): group 1.
    const ann = await joinInBrowser(code, 'Ann');
    const bo = await joinInBrowser(code, 'Bo');
    expect(new URL(ann.url()).pathname).toBe(new URL(bo.url()).pathname);
    await expect.poll(() => card(dashboard, 1).locator('[data-online="yes"]').count(), LIVE).toBe(2);
    expect(await card(dashboard, 1).locator('[data-member]').allTextContents()).toEqual(['Ann', 'Bo']);

    // The rest of the class: 28 more students, 15 groups in all.
    const others = [];
    for (let index = 0; index < 28; index++) others.push(await joinByApi(code, `Student ${index + 3}`));
    await expect.poll(() => dashboard.locator('.group-card').count(), LIVE).toBe(15);

    // Broadcast a scenario from the picker: it arrives in both students' rooms.
    await dashboard.getByLabel('Scenario').selectOption(SCENARIO);
    await dashboard.getByRole('button', { name: 'Broadcast to all' }).click();
    const title = JSON.parse(
      readFileSync(join(import.meta.dirname, `../../../scenarios/${SCENARIO}.json`), 'utf8'),
    ).title as string;
    for (const page of [ann, bo])
      await expect.poll(() => page.locator('h1.lab-title').textContent(), LIVE).toBe(title);
    await expect.poll(() => goalOn(dashboard, 1, 'vm-vm'), LIVE).toBe('met');
    await expect.poll(() => card(dashboard, 1).locator('[data-online="yes"]').count(), LIVE).toBe(2);

    // Ann breaks the lab: the dashboard shows the goal red with its reason, and the heat-map counts it.
    const annDoc = await connectLabClient(suite.server.origin, roomOf(ann), tokenOf(ann));
    suite.keep(annDoc);
    setVm2Mode(annDoc, 'nat', null);
    await expect.poll(() => goalOn(dashboard, 1, 'vm-vm'), LIVE).toBe('unmet');
    expect(await card(dashboard, 1).locator('[data-goal="vm-vm"] .dash-goal-reason').textContent()).not.toBe(
      '',
    );
    await expect.poll(() => dashboard.locator('[data-heat="vm-vm"]').count(), LIVE).toBe(1);
    // Two more groups break theirs, so the projected screen has red on it.
    for (const other of [others[3], others[8]]) {
      if (!other) continue;
      const client = await connectLabClient(suite.server.origin, other.room, other.token);
      suite.keep(client);
      setVm2Mode(client, 'internal', 'intnet');
    }

    // Ann fixes it: green again, live, with the time since it turned green.
    setVm2Mode(annDoc, 'natnetwork', 'NatNetwork');
    await expect.poll(() => goalOn(dashboard, 1, 'vm-vm'), LIVE).toBe('met');
    await expect
      .poll(() => card(dashboard, 1).locator('.since').textContent(), LIVE)
      .toContain('last goal met');

    // Ann runs a line in the room's console: Bo sees it under her name.
    await ann.getByLabel('Command').fill('ip -br addr');
    await ann.getByLabel('Command').press('Enter');
    await expect.poll(() => bo.locator('.console-by').last().textContent(), LIVE).toBe('Ann');
    // Her room's history names her too (the server signs by key, the class names the key).
    await expect.poll(() => bo.locator('.history-panel').textContent(), LIVE).toContain('Ann');

    // Bo raises a hand; the instructor sees it, opens the room (Bo sees the instructor watching).
    await bo.getByRole('button', { name: 'Raise hand' }).click();
    await expect.poll(() => card(dashboard, 1).locator('.hand-flag').count(), LIVE).toBe(1);
    const [watch] = await Promise.all([
      dashboard.context().waitForEvent('page'),
      card(dashboard, 1).getByRole('link', { name: /Open/ }).click(),
    ]);
    await watch.locator('[data-status="online"]').waitFor(LIVE);
    await expect.poll(() => bo.getByText('The instructor is watching').count(), LIVE).toBe(1);
    await dashboard.getByRole('button', { name: 'Lower hand: Bo' }).click();
    await expect.poll(() => card(dashboard, 1).locator('.hand-flag').count(), LIVE).toBe(0);
    await expect.poll(() => bo.getByRole('button', { name: 'Raise hand' }).count(), LIVE).toBe(1);

    // A lesson timer and a pause reach the students' rooms.
    await dashboard.getByLabel('Minutes').fill('12');
    await dashboard.getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => ann.getByRole('timer').textContent(), LIVE).toMatch(/1[12]:\d\d left/);
    expect(await ann.getByRole('link', { name: 'Watch the stage' }).getAttribute('href')).toMatch(
      /^\/r\/[^/?]+\?token=/,
    );
    await dashboard.getByRole('button', { name: 'Pause the class' }).click();
    await expect.poll(() => ann.getByText('Class paused').count(), LIVE).toBe(1);
    // While paused her editor is read-only, and says why: the toolbar and the settings dialog.
    await expect.poll(() => ann.locator('.page > [data-read-only="paused"]').count(), LIVE).toBe(1);
    expect(await ann.getByRole('button', { name: 'Add VM' }).isDisabled()).toBe(true);
    await ann.getByRole('button', { name: 'vm2', exact: true }).first().click();
    const pausedDialog = ann.getByRole('dialog', { name: /vm2/ });
    expect(await pausedDialog.locator('[data-read-only="paused"]').textContent()).toContain('paused');
    expect(await pausedDialog.getByLabel('Attached to').isDisabled()).toBe(true);
    await pausedDialog.getByRole('tab', { name: 'Adapter 2' }).click(); // reading stays possible
    await ann.screenshot({ path: join(ARTIFACTS, 'student-paused-1366x768.png') });
    await ann.keyboard.press('Escape');

    // Spotlight group 1 on the stage.
    await card(dashboard, 1)
      .getByRole('button', { name: /Spotlight/ })
      .click();
    await expect.poll(() => card(dashboard, 1).locator('[aria-pressed="true"]').count(), LIVE).toBe(1);
    // With names hidden, the projector (the stage, then the spotlit room as its view) shows aliases.
    await dashboard.getByLabel('Hide names on the stage').check();
    const [stage] = await Promise.all([
      dashboard.context().waitForEvent('page'),
      dashboard.getByRole('link', { name: 'Open the stage' }).click(),
    ]);
    await stage.setViewportSize({ width: 1920, height: 1080 });
    await stage.locator('[data-spotlight-link="1"]').click();
    await stage.waitForURL(/stage=1/);
    await stage.locator('[data-on-stage="1"]').waitFor(LIVE);
    const stagePeople = stage.getByRole('list', { name: 'People in this room' });
    await expect.poll(() => stagePeople.textContent(), LIVE).toContain('Student');
    const shown = (await stagePeople.textContent()) ?? '';
    expect(shown).not.toContain('Ann');
    expect(shown).not.toContain('Bo');
    // Nor the history's authors or the console's: the room names people by key, the projector by alias.
    for (const panel of ['.history-panel', '.console-panel']) {
      const text = (await stage.locator(panel).textContent()) ?? '';
      expect(text).not.toContain('Ann');
      expect(text).not.toMatch(/\bBo\b/);
    }
    await stage.screenshot({ path: join(ARTIFACTS, 'stage-anonymized-1920x1080.png') });
    await stage.close();

    await dashboard.waitForTimeout(300); // let the last poll paint
    await dashboard.screenshot({ path: join(ARTIFACTS, 'dashboard-1920x1080.png') });
    await ann.screenshot({ path: join(ARTIFACTS, 'student-room-1366x768.png') });
    const overflow = await dashboard.evaluate(
      () => document.documentElement.scrollHeight > window.innerHeight,
    );
    expect(overflow).toBe(false);
    // A long goal is shown whole on its card (it wraps, it is not cut off), and its row's tooltip has it too.
    const longGoal = card(dashboard, 2).locator('[data-goal="host-vm"]');
    expect(await longGoal.getAttribute('title')).toBe('the host does not reach them without a port forward');
    expect(
      await longGoal.evaluate((row) => {
        const text = row.querySelector('.dash-goal-text') as HTMLElement;
        const list = row.parentElement as HTMLElement;
        return {
          cut: text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1,
          below: row.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom + 1,
        };
      }),
    ).toEqual({ cut: false, below: false });

    await dashboard.getByRole('button', { name: 'Resume the class' }).click();
    await expect.poll(() => ann.getByText('Class paused').count(), LIVE).toBe(0);
    await expect.poll(() => ann.getByRole('button', { name: 'Add VM' }).isDisabled(), LIVE).toBe(false);

    // The CSV has a row per student: Ann in group 1, with the goals met.
    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const header = csv.split('\r\n')[0]?.split(',') ?? [];
    const annRow =
      csv
        .split('\r\n')
        .find((line) => line.split(',')[2] === 'Ann')
        ?.split(',') ?? [];
    expect(annRow[0]).toBe('1');
    expect(annRow[header.indexOf('vm-vm')]).toBe('met');
    expect(csv.split('\r\n').filter((line) => line.startsWith('15,'))).toHaveLength(2);
    // The pages polled the prediction round all along, with no round open: never an error.
    expect(refusedPolls).toEqual([]);

    // A troubleshooting lab planted in every group: the students' rooms get it, the cards time it.
    await dashboard.getByRole('button', { name: 'Plant in every group' }).click();
    await expect.poll(() => card(dashboard, 1).locator('[data-fault]').count(), LIVE).toBe(1);
    await expect.poll(() => ann.locator('h1.lab-title').textContent(), LIVE).not.toBe(title);
    // Under its title, what the exercise asks (the troubleshooting labs carry a text).
    await expect.poll(() => ann.locator('.lab-text').textContent(), LIVE).toMatch(/\S/);

    // Its locked field shows as locked in Ann's room, and the server undoes her write there…
    await expect
      .poll(() => ann.locator('[data-vm="web"] [data-locked]').first().getAttribute('data-locked'), LIVE)
      .toBe('vms.web.adapters[0].mode');
    // In her settings dialog the locked select is disabled, marked with the reason.
    await ann.getByRole('button', { name: 'web', exact: true }).first().click();
    const dialog = ann.getByRole('dialog', { name: /web/ });
    await dialog.getByRole('tab', { name: 'Adapter 1' }).click();
    await expect.poll(() => dialog.getByLabel('Attached to').isDisabled(), LIVE).toBe(true);
    expect(await dialog.locator('[data-locked]').first().getAttribute('title')).toContain(
      'vms.web.adapters[0].mode',
    );
    await ann.screenshot({ path: join(ARTIFACTS, 'student-locked-1366x768.png') });
    await ann.keyboard.press('Escape');
    // The scenario's goals and locks are the instructor's: Ann reads them, and cannot add one.
    await expect
      .poll(() => ann.getByRole('button', { name: 'Add goal', exact: true }).isDisabled(), LIVE)
      .toBe(true);
    const annNow = await connectLabClient(suite.server.origin, roomOf(ann), tokenOf(ann));
    suite.keep(annNow);
    const webAdapter = () =>
      (
        ((annNow.lab.get('vms') as Y.Map<unknown>).get('web') as Y.Map<unknown>).get('adapters') as Y.Array<
          Y.Map<unknown>
        >
      ).get(0);
    annNow.doc.transact(() => webAdapter().set('mode', 'bridged'), { kind: 'test-student' });
    expect(webAdapter().get('mode')).toBe('bridged');
    await expect.poll(() => webAdapter().get('mode'), LIVE).toBe('nat');
    // …while her fix (plugging the cable in) stands: the card says the fault was found.
    annNow.doc.transact(() => webAdapter().set('cable', true), { kind: 'test-student' });
    await expect.poll(() => card(dashboard, 1).locator('.fault-line.found').count(), LIVE).toBe(1);
    expect(webAdapter().get('cable')).toBe(true);

    // The same screen in 简体中文, for the artifacts.
    await dashboard.locator('[data-locale="zh-CN"]').click();
    await expect.poll(() => dashboard.getByRole('button', { name: '广播给所有小组' }).count()).toBe(1);
    // The goals' own texts are in 简体中文 too (the lab's i18n).
    await expect
      .poll(() => card(dashboard, 1).locator('[data-goal="web-out"] .dash-goal-text').textContent(), LIVE)
      .toBe('web 可以访问外网');
    await dashboard.screenshot({ path: join(ARTIFACTS, 'dashboard-1920x1080-zh.png') });
    await dashboard.locator('[data-locale="en"]').click();
  }, 240_000);

  it('predict, then observe; who edits what; moving a student', async () => {
    const dashboard = await newPage({ width: 1920, height: 1080 });
    const opened = (await (
      await fetch(`${suite.server.origin}/api/classes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Predictions' }),
      })
    ).json()) as { url: string; joinCode: string };
    await dashboard.goto(`${suite.server.origin}${opened.url}`);
    // Live from the event stream, not polling.
    await dashboard.locator('[data-status="online"][data-transport="stream"]').waitFor(LIVE);
    const ann = await joinInBrowser(opened.joinCode, 'Ann');
    const bo = await joinInBrowser(opened.joinCode, 'Bo');
    await dashboard.getByLabel('Scenario').selectOption('seed-2-nat');
    await dashboard.getByRole('button', { name: 'Broadcast to all' }).click();
    await expect.poll(() => goalOn(dashboard, 1, 'internet'), LIVE).toBe('met');

    // Who edits what: Ann opens vm1's settings, the card says so.
    await ann.getByRole('button', { name: 'vm1', exact: true }).first().click();
    await expect
      .poll(() => card(dashboard, 1).locator('[data-member="Ann"] [data-editing]').textContent(), LIVE)
      .toContain('vm1');
    await ann.keyboard.press('Escape');

    // A round: the students' matrix is hidden, they mark cells, the instructor reveals.
    await dashboard.getByRole('button', { name: 'Start a prediction round' }).click();
    const annRound = ann.locator('.student-predict');
    await annRound.waitFor(LIVE);
    expect(await ann.getByText('Hidden while you predict').count()).toBe(1);
    // Nor may the console, the packets, the diagnostics, the history, the scenario panel's
    // check or the goals give the answers away.
    await expect.poll(() => ann.locator('[data-answers-hidden]').count(), LIVE).toBe(5);
    expect(await ann.locator('.goals-panel [data-state="met"]').count()).toBe(0);
    // The server sends her no results now: her goals say a prediction is in progress, not "waiting for the engine".
    await expect
      .poll(() => ann.locator('.goals-panel').textContent(), LIVE)
      .toContain('hidden until the reveal');
    expect(await ann.locator('.goals-panel').textContent()).not.toContain('Waiting for the engine');
    await ann.screenshot({ path: join(ARTIFACTS, 'student-predicting-1366x768.png') });
    const pick = (page: Page, key: string, answer: string) =>
      page
        .locator(`.student-predict [data-cell="${key}"]`)
        .getByRole('button', { name: answer, exact: true });
    await pick(ann, 'vm1>vm2:ping', 'does not reach').click();
    await pick(ann, 'vm1>internet:ping', 'reaches').click();
    await bo.locator('.student-predict').waitFor(LIVE);
    await pick(bo, 'vm1>vm2:ping', 'reaches').click();
    await expect
      .poll(() => ann.locator('.student-predict [data-cell="vm1>vm2:ping"]').getAttribute('data-mine'), LIVE)
      .toBe('false');
    await expect
      .poll(() => dashboard.locator('.predict-count').getAttribute('data-students'), LIVE)
      .toBe('2');
    await ann.screenshot({ path: join(ARTIFACTS, 'student-predict-1366x768.png') });
    await dashboard.getByRole('button', { name: 'Reveal the answers' }).click();
    await expect
      .poll(() => dashboard.locator('.misconceptions li').first().getAttribute('data-cell'), LIVE)
      .toBe('vm1>vm2:ping');
    expect(await dashboard.locator('.misconceptions li').first().textContent()).toContain('does not reach');
    await expect.poll(() => annRound.getAttribute('data-revealed'), LIVE).toBe('yes');
    expect(await ann.locator('.student-predict [data-cell="vm1>vm2:ping"]').getAttribute('data-right')).toBe(
      'true',
    );
    await expect
      .poll(() => bo.locator('.student-predict [data-cell="vm1>vm2:ping"]').getAttribute('data-right'), LIVE)
      .toBe('false');
    expect(await ann.locator('.predict-score').textContent()).toMatch(/You got right: \d+\/\d+/);
    await expect.poll(() => ann.getByText('Hidden while you predict').count(), LIVE).toBe(0);
    // The reveal sends her the results the server withheld: her goals show their verdicts again.
    await expect.poll(() => ann.locator('.goals-panel [data-state="met"]').count(), LIVE).toBeGreaterThan(0);
    // The packet that proves an answer plays in her room's packet panel.
    await ann.getByRole('button', { name: 'Play the packet: vm1 → vm2 (ping)' }).click();
    await expect.poll(() => ann.locator('.packets-panel .packet-reason').count(), LIVE).toBe(1);
    await ann.screenshot({ path: join(ARTIFACTS, 'student-revealed-1366x768.png') });
    await dashboard.screenshot({ path: join(ARTIFACTS, 'dashboard-predict-1920x1080.png') });

    // Moving Bo into a group of his own, from the dashboard.
    await dashboard.getByRole('button', { name: 'Move to another group: Bo' }).click();
    const move = dashboard.getByRole('dialog', { name: 'Move Bo to' });
    await move.getByRole('button', { name: 'A new group' }).click();
    await expect
      .poll(() => card(dashboard, 2).locator('[data-member]').allTextContents(), LIVE)
      .toEqual(['Bo']);
    expect(await card(dashboard, 1).locator('[data-member]').allTextContents()).toEqual(['Ann']);
    // Bo's page follows him into the new group's room.
    const boRoom = roomOf(bo);
    await expect.poll(() => roomOf(bo), LIVE).not.toBe(boRoom);
    await bo.locator('[data-status="online"]').waitFor(LIVE);
    await expect.poll(() => card(dashboard, 2).locator('[data-online="yes"]').count(), LIVE).toBe(1);
    // Or by dragging a name onto another group's card.
    await card(dashboard, 1).locator('[data-member="Ann"]').dragTo(card(dashboard, 2));
    await expect
      .poll(() => card(dashboard, 2).locator('[data-member]').allTextContents(), LIVE)
      .toEqual(['Ann', 'Bo']); // in join order
  }, 180_000);

  it('the dashboard polls when the event stream cannot be had', async () => {
    const dashboard = await newPage({ width: 1280, height: 800 });
    await dashboard.route('**/progress/stream', (route) => route.abort());
    const opened = (await (
      await fetch(`${suite.server.origin}/api/classes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { url: string; joinCode: string };
    await dashboard.goto(`${suite.server.origin}${opened.url}`);
    await dashboard.locator('[data-status="online"][data-transport="poll"]').waitFor(LIVE);
    await joinByApi(opened.joinCode, 'Cy');
    await expect
      .poll(() => card(dashboard, 1).locator('[data-member]').allTextContents(), LIVE)
      .toEqual(['Cy']);
  }, 60_000);
});

function roomOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
}

function tokenOf(page: Page): string {
  return new URL(page.url()).searchParams.get('token') ?? '';
}
