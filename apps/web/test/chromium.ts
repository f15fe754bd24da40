/**
 * Debian's Chromium as every browser test launches it (playwright-core, never
 * `playwright install`), and where their screenshots go.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** Headless, and quiet: nothing that phones home or updates itself mid-test. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** apps/web/test/artifacts (gitignored): screenshots to look at after a run. */
export const ARTIFACTS = join(import.meta.dirname, 'artifacts');

export function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
