import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { ensureWebBuild, type RunningServer, startServer } from './server';

/** What a browser test file shares: one real server, one Chromium, and what its tests opened in them. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A context (its own cookies and localStorage: one person) that is closed with the suite. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Destroys `client` (a document client beside the pages) with the suite, and gives it back. */
  keep<Client extends { destroy(): void }>(client: Client): Client;
}

/**
 * Starts the server and Chromium before the file's tests and closes everything after them.
 * Call it once at the top of a test file.
 */
export function browserSuite(): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const clients: { destroy(): void }[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`the ${name} is not started yet: use it inside a test`);
    return part;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async newContext(options) {
      const context = await started(browser, 'browser').newContext(options);
      contexts.push(context);
      return context;
    },
    keep(client) {
      clients.push(client);
      return client;
    },
  };
}
