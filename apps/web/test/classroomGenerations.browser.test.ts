/**
 * A class room across new generations of its document, in real browsers against the
 * real server: a broadcast (close 4000, the page reopens the room fresh) keeps the last
 * results on screen, marked stale, until the new ones arrive — never a blank page or
 * "Waiting for the engine…" — and the room's history colours each entry as its author's
 * presence (keyed by the author's key, the same after a reload).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { connectLabClient } from './labClient';

const LIVE = { timeout: 20_000 };

const suite = browserSuite();

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${suite.server.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status, `${path}: ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}

interface Joined {
  readonly room: string;
  readonly token: string;
  readonly url: string;
}

async function openRoom(joined: Joined): Promise<Page> {
  const context = await suite.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(new URL(joined.url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor(LIVE);
  return page;
}

/**
 * Records, at every change of the page, whether it ever showed no goals, a goal
 * "waiting for the engine" or the empty-lab note, and whether it showed stale results.
 * On the window: the room page is replaced on a new generation, the window stays.
 */
function watchForBlank(page: Page) {
  return page.evaluate(() => {
    const seen = { blank: [] as string[], stale: false };
    const check = () => {
      const goals = document.querySelector('.goals-panel');
      if (!goals) {
        seen.blank.push('no goals panel');
        return;
      }
      if (goals.querySelectorAll('[data-goal]').length === 0) seen.blank.push('no goals');
      if (goals.textContent?.includes('Waiting for the engine')) seen.blank.push('waiting for the engine');
      if (document.querySelector('.topology-panel')?.textContent?.includes('An empty lab'))
        seen.blank.push('empty lab');
      if (document.querySelector('.results-column[data-stale="true"]')) {
        seen.stale = true;
        // Old verdicts go with the old goals: the new lab's own goal (seed-2's) waits for its own.
        if (goals.querySelector('[data-goal="vm-host"]')) seen.blank.push('a new goal under old verdicts');
      }
    };
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    (window as unknown as { seenBlank: typeof seen }).seenBlank = seen;
  });
}

/** How many sockets `page` opens on `room`'s documents from now on (each reopen opens one of each). */
function socketsOpened(page: Page, room: string): { lab: number; results: number } {
  const opened = { lab: 0, results: 0 };
  page.on('websocket', (socket) => {
    const name = decodeURIComponent(new URL(socket.url()).pathname.replace(/^\/sync\//, ''));
    if (name === room) opened.lab++;
    else if (name === `${room}:results`) opened.results++;
  });
  return opened;
}

const seenOn = (page: Page) =>
  page.evaluate(() => (window as unknown as { seenBlank: { blank: string[]; stale: boolean } }).seenBlank);

const goalState = (page: Page, goal: string) =>
  page.locator(`.goals-panel [data-goal="${goal}"]`).getAttribute('data-state');

/** The `--person` colour of an element, as the page set it. */
const personColour = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => (element as HTMLElement).style.getPropertyValue('--person'));

describe('a class room across generations', () => {
  it('keeps the last results, marked stale, through a broadcast; history is coloured by author', async () => {
    const klass = await api<{ class: string; instructorToken: string; joinCode: string }>('/api/classes', {
      title: 'Generations',
      groupSize: 2,
    });
    const ann = await api<Joined>('/api/classes/join', { code: klass.joinCode, name: 'Ann' });
    const bo = await api<Joined>('/api/classes/join', { code: klass.joinCode, name: 'Bo' });
    expect(bo.room).toBe(ann.room);
    const broadcast = (scenario: string) =>
      api(`/api/classes/${klass.class}/broadcast`, { scenario }, klass.instructorToken);

    await broadcast('seed-3-natnetwork');
    const annPage = await openRoom(ann);
    const boPage = await openRoom(bo);
    await expect.poll(() => goalState(annPage, 'vm-vm'), LIVE).toBe('met');

    // A new scenario for the whole class: Ann's page reopens the room (close 4000), once:
    // both its sockets are closed, and each close must not open the room anew.
    await watchForBlank(annPage);
    const opened = socketsOpened(annPage, ann.room);
    await broadcast('seed-2-nat');
    await expect.poll(() => annPage.locator('h1.lab-title').textContent(), LIVE).toMatch(/^NAT: /);
    // The new lab's own verdicts arrive: its goal the old lab had not ("the VM reaches the host").
    await expect.poll(() => goalState(annPage, 'vm-host'), LIVE).toBe('met');
    await expect
      .poll(() => annPage.locator('.results-column').getAttribute('data-stale'), LIVE)
      .toBe('false');
    const seen = await seenOn(annPage);
    expect(seen.blank).toEqual([]);
    // The old results were shown, marked stale, between the two generations.
    expect(seen.stale).toBe(true);
    await annPage.screenshot({ path: `${ARTIFACTS}/class-room-new-generation-1366.png` });
    expect(opened).toEqual({ lab: 1, results: 1 });

    // Ann edits the lab (her token signs the history entry with her key, not her name).
    const annDoc = await connectLabClient(suite.server.origin, ann.room, ann.token);
    suite.keep(annDoc);
    annDoc.doc.transact(() => annDoc.lab.set('title', 'NAT: renamed by Ann'), { kind: 'test-student' });
    const entry = '.history-entry .history-by';
    await expect.poll(() => boPage.locator(entry).first().textContent(), LIVE).toBe('Ann');
    const annOnBo = '.people li[aria-label="Ann"]';
    await boPage.locator(annOnBo).waitFor(LIVE);
    // Her page published her key: Bo's page colours her entry as her dot.
    await expect.poll(() => personColour(boPage, entry), LIVE).toBe(await personColour(boPage, annOnBo));

    // Still one reopen, after her edit went through the reopened room's socket.
    expect(opened).toEqual({ lab: 1, results: 1 });

    // Ann reloads (a new client id): the same colour for her, on her entry and her dot.
    const before = await personColour(boPage, annOnBo);
    await annPage.reload();
    await annPage.locator('[data-status="online"]').waitFor(LIVE);
    await expect.poll(() => boPage.locator(annOnBo).count(), LIVE).toBe(1);
    await expect.poll(() => personColour(boPage, annOnBo), LIVE).toBe(before);
    await expect.poll(() => personColour(boPage, entry), LIVE).toBe(before);
    // And on her own page, her entry has the colour her partner sees her in.
    await expect.poll(() => personColour(annPage, entry), LIVE).toBe(before);
  });

  it('a prediction round hides the console and packets, also while the reopened page does not know yet', async () => {
    const klass = await api<{ class: string; instructorToken: string; joinCode: string }>('/api/classes', {
      title: 'Round',
      groupSize: 2,
    });
    const cy = await api<Joined>('/api/classes/join', { code: klass.joinCode, name: 'Cy' });
    const instructor = klass.instructorToken;
    await api(`/api/classes/${klass.class}/broadcast`, { scenario: 'seed-3-natnetwork' }, instructor);
    const page = await openRoom(cy);
    await expect.poll(() => goalState(page, 'vm-vm'), LIVE).toBe('met');
    // A console line that answers a reachability question, in the room's (not withheld) document.
    await api(`/api/labs/${cy.room}/exec`, { machine: 'vm1', command: 'ping -c 1 10.0.2.5' }, cy.token);
    const entries = page.locator('.console-panel .console-entry');
    await expect.poll(() => entries.count(), LIVE).toBe(1);

    // Recorded only on the page that replaces this one when the round opens (close 4000).
    await page.evaluate(() => {
      document.querySelector('.page')?.setAttribute('data-before-round', '');
      const seen = { lines: 0, hiddenSaid: [] as string[] };
      const check = () => {
        const fresh = document.querySelector('.page:not([data-before-round])');
        if (!fresh) return;
        seen.lines += fresh.querySelectorAll('.console-entry').length;
        const said = fresh.querySelector('.console-panel [data-answers-hidden]')?.textContent ?? '';
        if (said && !seen.hiddenSaid.includes(said)) seen.hiddenSaid.push(said);
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      (window as unknown as { seenRound: typeof seen }).seenRound = seen;
    });
    await api(`/api/classes/${klass.class}/predict`, {}, instructor);
    const hidden = page.locator('.console-panel [data-answers-hidden="yes"]');
    await hidden.waitFor(LIVE);
    expect(await hidden.textContent()).toContain('Hidden until the reveal');
    expect(await page.locator('.packets-panel [data-answers-hidden="yes"]').count()).toBe(1);
    const seen = await page.evaluate(
      () => (window as unknown as { seenRound: { lines: number; hiddenSaid: string[] } }).seenRound,
    );
    expect(seen.lines).toBe(0);
    expect(seen.hiddenSaid.length).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/class-room-round-open-1366.png` });

    // The page's own language too.
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => hidden.textContent(), LIVE).toContain('公布答案前隐藏');
    await page.getByRole('button', { name: 'EN', exact: true }).click();

    // The reveal gives the console back.
    await api(`/api/classes/${klass.class}/predict/reveal`, {}, instructor);
    await expect.poll(() => entries.count(), LIVE).toBe(1);
  });
});
