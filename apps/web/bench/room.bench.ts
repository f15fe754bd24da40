/**
 * Room page bench, in a real Chromium against the real server (apps/server/src/main.ts):
 *
 *   tsx apps/web/bench/room.bench.ts [--vms 100] [--edits 40]
 *
 * - open: a room with 100 VMs, from navigation start to the frame that paints the
 *   100th VM node of the topology (timed inside the page), over a few opens;
 * - remote edit: a Node client renames a VM; inside the page, from the arrival of the
 *   WebSocket message that carries the update to the frame that paints the new label
 *   (p50/p95), beside the bare relay's delivery time in the same run (the same edit,
 *   from the editing client to a second Node client in the room).
 * Figures are printed, never asserted.
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type * as Y from 'yjs';
import { bigLab } from '../test/bigLab';
import { connectLabClient } from '../test/labClient';
import { createRoom, ensureWebBuild, startServer } from '../test/server';

const { values } = parseArgs({ options: { vms: { type: 'string' }, edits: { type: 'string' } } });
const VMS = Number(values.vms ?? 100);
const EDITS = Number(values.edits ?? 40);

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
})();`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

ensureWebBuild();
const server = await startServer();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const room = await createRoom(server.origin, bigLab(VMS));
  const url = new URL(room.url, server.origin).href;
  const opens: number[] = [];
  for (let i = 0; i < 4; i++) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(PROBE);
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __painted: number | null }).__painted !== null,
      null,
      {
        timeout: 30_000,
      },
    );
    const painted = await page.evaluate(() => (window as unknown as { __painted: number }).__painted);
    if (i > 0) opens.push(painted); // the first open also warms the server's room and the browser's cache
    await page.close();
  }
  console.log(
    `open a room with ${VMS} VMs -> topology painted: p50 ${ms(percentile(opens, 50))}, max ${ms(Math.max(...opens))} (${opens.length} opens)`,
  );

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(PROBE);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __painted: number | null }).__painted !== null);
  const editor = await connectLabClient(server.origin, room.room, room.token);
  const relay = await connectLabClient(server.origin, room.room, room.token);
  const relayTimes: number[] = [];
  const vm1 = () => (editor.lab.get('vms') as Y.Map<Y.Map<unknown>>).get('vm1')!;
  for (let i = 0; i < EDITS; i++) {
    const name = `renamed-${i}`;
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
    const start = performance.now();
    editor.doc.transact(() => vm1().set('name', name), { kind: 'person', clientID: editor.doc.clientID });
    relayTimes.push((await seen) - start);
    await page.waitForFunction(
      (n) => (window as unknown as { __edits: { text: string }[] }).__edits.some((e) => e.text === n),
      name,
    );
    await new Promise((r) => setTimeout(r, 120)); // let the engine's results land between edits
  }
  const edits = await page.evaluate(
    () =>
      (window as unknown as { __edits: { text: string; arrival: number; frame: number; now: number }[] })
        .__edits,
  );
  const toFrame = edits.filter((e) => e.text.startsWith('renamed-')).map((e) => e.now - e.arrival);
  console.log(
    `remote edit: WebSocket arrival -> painted frame in the page: p50 ${ms(percentile(toFrame, 50))}, p95 ${ms(percentile(toFrame, 95))} (${toFrame.length} edits; one frame = 16.7 ms)`,
  );
  console.log(
    `bare relay delivery (editing client -> another client, same run): p50 ${ms(percentile(relayTimes, 50))}, p95 ${ms(percentile(relayTimes, 95))}`,
  );
  editor.destroy();
  relay.destroy();
  await page.close();
} finally {
  await browser.close();
  await server.stop();
}
