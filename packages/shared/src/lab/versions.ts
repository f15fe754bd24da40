/**
 * Product versions (`hypervisorVersion`): rules that changed between releases
 * follow them (packages/engine/REFERENCE.md, VB7-…, VB61-…). A version is
 * "major.minor[.patch]"; the default is the product's current release.
 */
import { z } from 'zod';
import type { Hypervisor } from './types';

export const CURRENT_VERSION: Readonly<Record<Hypervisor, string>> = {
  virtualbox: '7.1',
  vmware: '17',
};

export const hypervisorVersion = z.string().regex(/^\d{1,2}(\.\d{1,2}){0,2}$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a version like "7.1", "6.1.50" or "17"`,
});

export type Version = readonly [number, number, number];

/** A missing part means the latest of that line: "6.1" is the last 6.1 release (6.1.50), past 6.1.28. */
const LATEST = 999;

export function parseVersion(text: string): Version {
  const [major = 0, minor = LATEST, patch = LATEST] = text.split('.').map(Number);
  return [major, minor, patch];
}

/** `version` is at least `major.minor.patch`. */
export function atLeast(version: string, major: number, minor = 0, patch = 0): boolean {
  const [a, b, c] = parseVersion(version);
  if (a !== major) return a > major;
  if (b !== minor) return b > minor;
  return c >= patch;
}
