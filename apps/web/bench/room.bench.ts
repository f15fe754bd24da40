/**
 * Room page bench, in a real Chromium against the real server (apps/server/src/main.ts):
 *
 *   tsx apps/web/bench/room.bench.ts [--vms 100] [--edits 40] [--clients 40] [--seconds 10]
 *                                    [--baseline DIST] [--cpu-profile FILE]
 *
 * - open: a room with 100 VMs, from navigation start to the frame that paints the
 *   100th VM node of the topology (timed inside the page), over a few opens;
 * - remote edit: a Node client renames a VM; inside the page, from the arrival of the
 *   WebSocket message that carries the update to the frame that paints the new label
 *   (p50/p95), beside the bare relay's delivery time in the same run (the same edit,
 *   from the editing client to a second Node client in the room);
 *   Beside it, the page's script time per remote edit (Chromium's ScriptDuration over CDP,
 *   from the edit until its results have landed): CPU time, which the machine's load
 *   disturbs far less than wall time, so a small saving shows;
 * - smoothness: one measured page in a room of 40 other people, each a stock y-websocket
 *   client in this process (not 40 Chromium pages: a 2-core machine cannot run those, and
 *   a room's page only ever sees its partners' updates): the page counts its dropped
 *   frames (from requestAnimationFrame) and its long tasks (> 50 ms, PerformanceObserver).
 *   Two crowds, each in alternating rounds:
 *   - a class at work (`--rate`, default 0.2: each person edits once every 5 s): each is
 *     present (a name in the people list) and moves a cursor over the canvas at the rate
 *     a page of a 40-person room publishes it (2 a second, createPresence.ts);
 *   - the stress of earlier runs: each of the 40 renames a VM once a second, no presence.
 *   Beside them, how busy the whole machine was (/proc/stat, every process): on a shared
 *   2-core machine a dropped frame may be the server's or a neighbour's CPU, not the page's.
 * With `--baseline DIST` (another build of apps/web, e.g. an older commit's `dist`), the
 * same room is also opened with that build's page (served by the browser from DIST,
 * everything else from the same server), in alternating rounds: before/after figures
 * from one run, on one machine's load.
 * Figures are printed, never asserted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import type * as Y from 'yjs';
import { bigLab } from '../test/bigLab';
import { connectLabClient, type LabClient } from '../test/labClient';
import { createRoom, ensureWebBuild, startServer } from '../test/server';

const { values } = parseArgs({
  options: {
    vms: { type: 'string' },
    edits: { type: 'string' },
    clients: { type: 'string' },
    seconds: { type: 'string' },
    baseline: { type: 'string' },
    'cpu-profile': { type: 'string' },
    rate: { type: 'string' },
  },
});
const VMS = Number(values.vms ?? 100);
const EDITS = Number(values.edits ?? 40);
const CLIENTS = Number(values.clients ?? 40);
const SECONDS = Number(values.seconds ?? 10);
/** Edits per person per second in the crowd "at work". */
const RATE = Number(values.rate ?? 0.2);
/** Cursor moves per person per second: what a page publishes in a room of 40 (createPresence.ts). */
const CURSOR_HZ = 2;
const BASELINE = values.baseline ? resolve(values.baseline) : null;
/** Where to write a CPU profile of this build's page during its first round of remote edits (and FILE.crowd: of the crowd). */
const CPU_PROFILE = values['cpu-profile'] ? resolve(values['cpu-profile']) : null;

/** Runs in the page before its scripts: stamps WebSocket arrivals and paints of VM nodes. */
const PROBE = `(() => {
  const Native = window.WebSocket;
  window.__arrival = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__arrival = performance.now(); });
    }
  };
  window.__painted = null;
  window.__edits = [];
  const target = ${VMS};
  const watch = new MutationObserver(() => {
    if (window.__painted === null && document.querySelectorAll('svg.topology g.node.kind-vm').length >= target) {
      requestAnimationFrame(() => { window.__painted = performance.now(); });
    }
    const label = document.querySelector('svg.topology g.node[data-id="vm:vm1"] text.label');
    const text = label ? label.textContent : '';
    if (text && text !== window.__lastLabel) {
      window.__lastLabel = text;
      const arrival = window.__arrival;
      requestAnimationFrame((frame) => window.__edits.push({ text, arrival, frame, now: performance.now() }));
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    watch.observe(document.body, { childList: true, subtree: true, characterData: true }));
  // Smoothness, while window.__smooth is set: frame gaps and long tasks.
  window.__smooth = null;
  window.__measureSmoothness = () => {
    const s = { frames: 0, dropped: 0, worst: 0, longTasks: 0, longTaskMs: 0 };
    window.__smooth = s;
    let last = performance.now();
    const tick = (now) => {
      if (window.__smooth !== s) return;
      const gap = now - last;
      last = now;
      s.frames += 1;
      s.dropped += Math.max(0, Math.round(gap / (1000 / 60)) - 1);
      s.worst = Math.max(s.worst, gap);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const observer = new PerformanceObserver((list) => {
      if (window.__smooth !== s) return observer.disconnect();
      for (const entry of list.getEntries()) {
        s.longTasks += 1;
        s.longTaskMs += entry.duration;
      }
    });
    observer.observe({ type: 'longtask' });
  };
})();`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Serves the page's own files from another build; the API and the sync socket stay live. */
async function useBuild(page: Page, origin: string, dist: string | null): Promise<void> {
  if (!dist) return;
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
  };
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/api/')) return route.continue();
    const file =
      url.pathname.startsWith('/assets/') || url.pathname.includes('.') ? url.pathname : '/index.html';
    try {
      const body = readFileSync(join(dist, file));
      await route.fulfill({ body, contentType: types[extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.continue();
    }
  });
}

async function openRoom(browser: Browser, origin: string, url: string, dist: string | null): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await useBuild(page, origin, dist);
  await page.addInitScript(PROBE);
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __painted: number | null }).__painted !== null,
    null,
    {
      timeout: 30_000,
    },
  );
  return page;
}

interface Edit {
  readonly text: string;
  readonly arrival: number;
  readonly now: number;
}

/** `count` renames of vm1 by `editor`; returns arrival -> painted per edit, and the relay's delivery. */
async function remoteEdits(
  page: Page,
  editor: LabClient,
  relay: LabClient,
  count: number,
  tag: string,
  profileTo: string | null = null,
): Promise<{ toFrame: number[]; relay: number[]; script: number[] }> {
  const relayTimes: number[] = [];
  const script: number[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const profiler = profileTo ? await startProfile(page) : null;
  const vm1 = () => (editor.lab.get('vms') as Y.Map<Y.Map<unknown>>).get('vm1')!;
  for (let i = 0; i < count; i++) {
    const name = `renamed-${tag}-${i}`;
    const seen = new Promise<number>((done) => {
      const onUpdate = () => {
        const vms = relay.lab.get('vms') as Y.Map<Y.Map<unknown>>;
        if (vms.get('vm1')?.get('name') === name) {
          relay.doc.off('update', onUpdate);
          done(performance.now());
        }
      };
      relay.doc.on('update', onUpdate);
    });
    const scriptBefore = await scriptMs(cdp);
    const start = performance.now();
    editor.doc.transact(() => vm1().set('name', name), { kind: 'person', clientID: editor.doc.clientID });
    relayTimes.push((await seen) - start);
    await page.waitForFunction(
      (n) => (window as unknown as { __edits: Edit[] }).__edits.some((e) => e.text === n),
      name,
    );
    await new Promise((r) => setTimeout(r, 120)); // let the engine's results land between edits
    script.push((await scriptMs(cdp)) - scriptBefore);
  }
  if (profiler && profileTo) await stopProfile(profiler, profileTo);
  await cdp.detach();
  const edits = await page.evaluate(() => (window as unknown as { __edits: Edit[] }).__edits);
  const toFrame = edits.filter((e) => e.text.startsWith(`renamed-${tag}-`)).map((e) => e.now - e.arrival);
  return { toFrame, relay: relayTimes, script };
}

async function startProfile(page: Page): Promise<CDPSession> {
  const profiler = await page.context().newCDPSession(page);
  await profiler.send('Profiler.enable');
  await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
  await profiler.send('Profiler.start');
  return profiler;
}

async function stopProfile(profiler: CDPSession, file: string): Promise<void> {
  writeFileSync(file, JSON.stringify((await profiler.send('Profiler.stop')).profile));
  await profiler.detach();
}

/** The page's main-thread script time so far (Chromium's ScriptDuration), in ms. */
async function scriptMs(cdp: CDPSession): Promise<number> {
  return (await metricsMs(cdp)).ScriptDuration ?? Number.NaN;
}

/** Chromium's main-thread durations so far (script, style, layout, all tasks), in ms. */
async function metricsMs(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(
    metrics.filter((m) => m.name.endsWith('Duration')).map((m) => [m.name, 1000 * m.value]),
  );
}

interface Smoothness {
  frames: number;
  dropped: number;
  worst: number;
  longTasks: number;
  longTaskMs: number;
  edits: number;
  /** The page's script time over the whole run (ScriptDuration), in ms. */
  script: number;
  /** Its style recalculation and layout time (RecalcStyleDuration + LayoutDuration). */
  styleLayout: number;
  /** Its main thread's busy time, everything included (TaskDuration). */
  task: number;
  /** The whole machine's CPUs busy over the run (every process, /proc/stat), 0..1. */
  machine: number;
}

/** How a crowd behaves: edits per person per second, and whether each is present with a moving cursor. */
interface Crowd {
  readonly name: string;
  readonly rate: number;
  readonly cursors: boolean;
}

/** Every CPU's busy and total jiffies so far, all processes (Linux /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** CLIENTS stock clients, each renaming its own VM at `crowd.rate` a second (and moving a cursor), for SECONDS. */
async function smoothness(
  page: Page,
  clients: readonly LabClient[],
  crowd: Crowd,
  tag: string,
  profileTo: string | null = null,
): Promise<Smoothness> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const profiler = profileTo ? await startProfile(page) : null;
  const before = await metricsMs(cdp);
  const ticksBefore = machineTicks();
  await page.evaluate(() => (window as unknown as { __measureSmoothness: () => void }).__measureSmoothness());
  let edits = 0;
  const cursorTimers = crowd.cursors
    ? clients.map((client, i) => {
        let step = 0;
        // A slow circle over the canvas, one person's own.
        return setInterval(() => {
          step += 1;
          const angle = step / 5 + i;
          client.awareness.setLocalStateField('cursor', {
            x: 400 + 300 * Math.cos(angle) + 10 * i,
            y: 300 + 200 * Math.sin(angle),
          });
        }, 1000 / CURSOR_HZ);
      })
    : [];
  const period = 1000 / crowd.rate;
  const timers = clients.map((client, i) => {
    const vm = `vm${(i % VMS) + 1}`;
    let n = 0;
    const edit = () => {
      const map = (client.lab.get('vms') as Y.Map<Y.Map<unknown>>).get(vm);
      if (!map) return;
      client.doc.transact(() => map.set('name', `${tag}-${vm}-${n++}`), {
        kind: 'person',
        clientID: client.doc.clientID,
      });
      edits += 1;
    };
    // Staggered, so that edits arrive spread over the second as people type.
    return setTimeout(
      () => {
        edit();
        timers[i] = setInterval(edit, period) as unknown as ReturnType<typeof setTimeout>;
      },
      (period * i) / clients.length,
    );
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const timer of timers) {
    clearTimeout(timer);
    clearInterval(timer);
  }
  for (const timer of cursorTimers) clearInterval(timer);
  const ticksAfter = machineTicks();
  const result = await page.evaluate(() => {
    const w = window as unknown as {
      __smooth: Omit<Smoothness, 'edits' | 'script' | 'styleLayout' | 'task' | 'machine'> | null;
    };
    const s = w.__smooth;
    w.__smooth = null;
    return s!;
  });
  const after = await metricsMs(cdp);
  const spent = (name: string) => (after[name] ?? Number.NaN) - (before[name] ?? Number.NaN);
  const script = spent('ScriptDuration');
  const styleLayout = spent('RecalcStyleDuration') + spent('LayoutDuration');
  const task = spent('TaskDuration');
  if (profiler && profileTo) await stopProfile(profiler, profileTo);
  await cdp.detach();
  const machine = (ticksAfter.busy - ticksBefore.busy) / Math.max(1, ticksAfter.total - ticksBefore.total);
  return { ...result, edits, script, styleLayout, task, machine };
}

const builds: { name: string; dist: string | null }[] = [
  { name: 'this build', dist: null },
  ...(BASELINE ? [{ name: `baseline (${BASELINE})`, dist: BASELINE }] : []),
];

process.setMaxListeners(CLIENTS + 10); // each stock client listens for the process's exit
ensureWebBuild();
const server = await startServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
    // A page served from --baseline comes from the browser, not from 127.0.0.1: let it reach the server.
    '--disable-features=LocalNetworkAccessChecks',
  ],
});
const clients: LabClient[] = [];
try {
  const room = await createRoom(server.origin, bigLab(VMS));
  const url = new URL(room.url, server.origin).href;
  const opens = new Map<string, number[]>(builds.map((b) => [b.name, []]));
  for (let i = 0; i < 4; i++) {
    for (const build of builds) {
      const page = await openRoom(browser, server.origin, url, build.dist);
      const painted = await page.evaluate(() => (window as unknown as { __painted: number }).__painted);
      // the first open also warms the server's room and the browser's cache
      if (i > 0) opens.get(build.name)!.push(painted);
      await page.close();
    }
  }
  for (const build of builds) {
    const list = opens.get(build.name)!;
    console.log(
      `[${build.name}] open a room with ${VMS} VMs -> topology painted: p50 ${ms(percentile(list, 50))}, max ${ms(Math.max(...list))} (${list.length} opens)`,
    );
  }

  const editor = await connectLabClient(server.origin, room.room, room.token);
  const relay = await connectLabClient(server.origin, room.room, room.token);
  clients.push(editor, relay);
  // Alternating rounds, so that a change in the machine's load hits every build alike.
  const ROUNDS = builds.length > 1 ? 4 : 1;
  const toFrame = new Map<string, number[]>(builds.map((b) => [b.name, []]));
  const scriptTimes = new Map<string, number[]>(builds.map((b) => [b.name, []]));
  const relayTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [b, build] of builds.entries()) {
      const page = await openRoom(browser, server.origin, url, build.dist);
      const profile = round === 0 && build.dist === null ? CPU_PROFILE : null;
      const got = await remoteEdits(page, editor, relay, Math.ceil(EDITS / ROUNDS), `${round}-${b}`, profile);
      toFrame.get(build.name)!.push(...got.toFrame);
      scriptTimes.get(build.name)!.push(...got.script);
      relayTimes.push(...got.relay);
      await page.close();
    }
  }
  for (const build of builds) {
    const list = toFrame.get(build.name)!;
    console.log(
      `[${build.name}] remote edit: WebSocket arrival -> painted frame in the page: p50 ${ms(percentile(list, 50))}, p95 ${ms(percentile(list, 95))} (${list.length} edits; one frame = 16.7 ms)`,
    );
    const script = scriptTimes.get(build.name)!;
    console.log(
      `[${build.name}] remote edit: page script time per edit, its results included: p50 ${ms(percentile(script, 50))}, p95 ${ms(percentile(script, 95))}`,
    );
  }
  console.log(
    `bare relay delivery (editing client -> another client, same run): p50 ${ms(percentile(relayTimes, 50))}, p95 ${ms(percentile(relayTimes, 95))}`,
  );

  const crowd: LabClient[] = [];
  for (let i = 0; i < CLIENTS; i++) crowd.push(await connectLabClient(server.origin, room.room, room.token));
  clients.push(...crowd);
  const crowds: Crowd[] = [
    {
      name: `a class at work (each person present, a cursor moving ${CURSOR_HZ}/s, an edit every ${(1 / RATE).toFixed(0)} s)`,
      rate: RATE,
      cursors: true,
    },
    {
      name: 'stress, as measured before (each person renames a VM once a second, no presence)',
      rate: 1,
      cursors: false,
    },
  ];
  for (const [c, kind] of crowds.entries()) {
    for (let round = 0; round < (builds.length > 1 ? 2 : 1); round++) {
      for (const [b, build] of builds.entries()) {
        // The people are in the room before the measured page opens: 40 joining at once is
        // a burst of its own, not the steady state measured here.
        if (kind.cursors) {
          for (const [i, client] of crowd.entries()) {
            client.awareness.setLocalStateField('user', { name: `student ${i + 1}` });
          }
        }
        const page = await openRoom(browser, server.origin, url, build.dist);
        await new Promise((r) => setTimeout(r, 1000));
        const profile =
          c === 0 && round === 0 && build.dist === null && CPU_PROFILE ? `${CPU_PROFILE}.crowd` : null;
        const s = await smoothness(page, crowd, kind, `crowd${c}-${round}-${b}`, profile);
        console.log(
          `[${build.name}] ${CLIENTS} others in the room, ${kind.name}, ${SECONDS} s (${s.edits} edits), one measured page: ${s.dropped} frames dropped of ${s.frames + s.dropped} (${((100 * s.dropped) / Math.max(1, s.frames + s.dropped)).toFixed(0)} %), worst frame ${ms(s.worst)}, ${s.longTasks} long tasks totalling ${ms(s.longTaskMs)}, page script ${ms(s.script)} (${ms(s.script / Math.max(1, s.edits))} per edit), style + layout ${ms(s.styleLayout)}, page main thread busy ${ms(s.task)} (${((100 * s.task) / (SECONDS * 1000)).toFixed(0)} %); machine's ${cpus().length} CPUs ${(100 * s.machine).toFixed(0)} % busy (all processes)`,
        );
        await page.close();
        if (kind.cursors) for (const client of crowd) client.awareness.setLocalState(null);
      }
    }
  }
} finally {
  for (const client of clients) client.destroy();
  await browser.close();
  await server.stop();
}
