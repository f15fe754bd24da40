/**
 * Every rule of the reference names a test, and every test names its rule: this file checks the
 * first half of that promise. It reads the rule ids (`**VB7-NAT-1**`) of the repository's
 * REFERENCE.md — and of `../shared/reference/network-modes.md`, the specification beside the
 * repository, when the checkout has it — and looks for each id in the repository's test files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const engineReference = join(repoRoot, 'packages/engine/REFERENCE.md');
const sharedReference = resolve(repoRoot, '../shared/reference/network-modes.md');

/** A rule is a bold id at the start of its entry: `- **VMW-14** Sharing …`. */
function ruleIdsOf(markdown: string): string[] {
  return [
    ...new Set([...markdown.matchAll(/\*\*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\*\*/g)].map((m) => m[1] ?? '')),
  ];
}

/** Whether `text` names `id` as a word of its own: VMW-1 is not named by "VMW-11". */
function namesRule(text: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9-])${escaped}(?![A-Za-z0-9])`).test(text);
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'data', 'coverage']);

function testFilesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...testFilesUnder(join(dir, entry.name)));
    } else if (/\.test\.tsx?$/.test(entry.name)) {
      found.push(join(dir, entry.name));
    }
  }
  return found;
}

const thisFile = fileURLToPath(import.meta.url);
const testTexts = ['packages', 'apps']
  .flatMap((top) => testFilesUnder(join(repoRoot, top)))
  .filter((file) => file !== thisFile)
  .map((file) => ({ file: relative(repoRoot, file), text: readFileSync(file, 'utf8') }));

function untestedIds(markdown: string): string[] {
  return ruleIdsOf(markdown).filter((id) => !testTexts.some(({ text }) => namesRule(text, id)));
}

describe('every rule id of the reference is named by a test', () => {
  it('reads the ids as the reference writes them', () => {
    expect(ruleIdsOf('- **VB7-NAT-1** Since … **VMW-2** (extended) … `VB-NAT-3` in prose')).toEqual([
      'VB7-NAT-1',
      'VMW-2',
    ]);
    expect(namesRule("it('[VMW-11] …')", 'VMW-1')).toBe(false);
    expect(namesRule("it('[VMW-1] …')", 'VMW-1')).toBe(true);
    expect(namesRule("it('[LV-T] nat row')", 'LV-T')).toBe(true);
  });

  it('packages/engine/REFERENCE.md: every id has a test', () => {
    const markdown = readFileSync(engineReference, 'utf8');
    expect(ruleIdsOf(markdown).length).toBeGreaterThan(50);
    expect(untestedIds(markdown)).toEqual([]);
  });

  it.skipIf(!existsSync(sharedReference))('../shared/reference/network-modes.md: every id has a test', () => {
    const markdown = readFileSync(sharedReference, 'utf8');
    expect(ruleIdsOf(markdown).length).toBeGreaterThan(20);
    expect(untestedIds(markdown)).toEqual([]);
  });
});
