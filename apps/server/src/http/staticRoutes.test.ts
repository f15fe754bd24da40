import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type ServerApp } from '../app';
import { evaluateInProcess } from '../engine/labEngine';
import { silentLogger } from '../log';
import { createMemoryStore } from '../store/memoryStore';
import { CONTENT_SECURITY_POLICY } from './security';

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

  it('[HOSTILE-17] the built app’s page and files, an API error and an internal error all carry the security headers', async () => {
    dist = mkdtempSync(join(tmpdir(), 'vnetlab-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const store = createMemoryStore();
    // A store that fails in a way no route expects: the answer is the app's own 500.
    server = createApp({
      store: {
        ...store,
        getRoom: () => {
          throw new Error('disk on fire');
        },
      },
      evaluate: evaluateInProcess,
      log: silentLogger,
      webDist: dist,
    });
    const answers = {
      page: await server.app.request('/r/abc123?token=x'),
      file: await server.app.request('/assets/app.js'),
      missing: await server.app.request('/api/nothing'),
      internal: await server.app.request('/api/labs/abc123', { headers: { Authorization: 'Bearer x' } }),
    };
    expect(Object.values(answers).map((answer) => answer.status)).toEqual([200, 200, 404, 500]);
    for (const answer of Object.values(answers)) {
      expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('[API-7] answers 404 while the web app is not built', async () => {
    const { app } = appWith(join(tmpdir(), 'vnetlab-no-such-dist'));
    expect((await app.request('/r/abc')).status).toBe(404);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
