import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type ServerApp } from '../app';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';

let dist = '';
let server: ServerApp | undefined;
afterEach(() => {
  server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

function appWith(webDist: string): ServerApp {
  server = createApp({
    store: createMemoryStore(),
    evaluate: evaluateInProcess,
    log: silentLogger,
    webDist,
  });
  return server;
}

describe('the web app on the same port', () => {
  it('[API-7] serves apps/web/dist, and index.html for /r/:room and /c/:class', async () => {
    dist = mkdtempSync(join(tmpdir(), 'vnetlab-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>VNet Lab</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const { app } = appWith(dist);
    expect(await (await app.request('/')).text()).toContain('VNet Lab');
    const page = await app.request('/r/abc123?token=x');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('VNet Lab');
    const dashboard = await app.request('/c/class1?token=x');
    expect(await dashboard.text()).toContain('VNet Lab');
    expect(await (await app.request('/assets/app.js')).text()).toBe('console.log(1)');
    const api = await app.request('/api/nothing');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'not found' });
  });

  it('[API-7] answers 404 while the web app is not built', async () => {
    const { app } = appWith(join(tmpdir(), 'vnetlab-no-such-dist'));
    expect((await app.request('/r/abc')).status).toBe(404);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
