/**
 * A lab as a file the browser saves: the toolbar's export and the Scenario panel's
 * "Save as scenario" write the same JSON, named by the lab's title.
 */

/** `NAT or NAT Network?` -> `NAT-or-NAT-Network.json`; `fallback` when there is no title, `empty` when nothing is left. */
export function labFileName(title: unknown, fallback: string, empty: string): string {
  const base = typeof title === 'string' && title ? title : fallback;
  return `${base.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || empty}.json`;
}

/** Saves `lab` as `name` (pretty JSON, one trailing newline: what `pnpm vnetlab` writes). */
export function downloadLab(lab: unknown, name: string): void {
  const blob = new Blob([`${JSON.stringify(lab, null, 2)}\n`], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
