/**
 * Who this person is in the room: a display name (from `&name=`, else the one this
 * browser remembers, else asked once) and a colour every partner computes the same way
 * from the name, so "Ana" is one colour on every screen and after every reload.
 */

const NAME_KEY = 'vnetlab.name';
export const MAX_NAME_LENGTH = 40;

/** Colours readable as text on white and as a fill behind white initials. */
const PALETTE = [
  '#2563eb',
  '#db2777',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#dc2626',
  '#0891b2',
  '#65a30d',
  '#c026d3',
  '#475569',
] as const;

/** A name as the page shows it: trimmed, inner spaces collapsed, bounded. */
export function cleanName(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

/** The name to use at start: the URL's, else the remembered one; '' means "ask". */
export function initialName(search: string, stored: string | null): string {
  return cleanName(new URLSearchParams(search).get('name')) || cleanName(stored);
}

export function readStoredName(): string | null {
  try {
    return localStorage.getItem(NAME_KEY);
  } catch {
    return null;
  }
}

export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Private mode: the name lasts for this page only.
  }
}

/** FNV-1a over the UTF-16 code units: stable across browsers, no dependency. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The person's colour: from the name, or from the awareness client id while nameless. */
export function colourFor(name: string, clientID: number): string {
  return colourChoices(name, clientID)[0]!;
}

/** Every colour, the person's own first: the next one is theirs when a partner has it. */
export function colourChoices(name: string, clientID: number): string[] {
  const start = (name ? hash(name.toLowerCase()) : clientID) % PALETTE.length;
  return PALETTE.map((_, i) => PALETTE[(start + i) % PALETTE.length]!);
}

/** One or two letters for a badge: "Ana" -> "A", "Ben Li" -> "BL", "王小明" -> "王". */
export function initialsOf(name: string): string {
  const words = name.split(' ').filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '?';
  const second = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}
