/**
 * ↑/↓ in the command line, as a shell's history: the room's commands (partners'
 * included, so "run what Ana ran" is one key away) and this person's own that never
 * reached the room's console (refused ones), oldest first, repeats in a row folded.
 */
export interface Recalled {
  readonly at: number;
  readonly command: string;
}

export function recallList(room: readonly Recalled[], mine: readonly Recalled[]): string[] {
  const all = [...room, ...mine].sort((a, b) => a.at - b.at);
  const out: string[] = [];
  for (const { command } of all) if (out.at(-1) !== command) out.push(command);
  return out;
}

/**
 * One key press. `position` counts back from the newest (0 = the line being typed);
 * returns the new position and what the input shows. `draft` is what was being typed
 * before the first ↑, given back when ↓ returns past the newest.
 */
export function recallStep(
  list: readonly string[],
  position: number,
  key: 'up' | 'down',
  draft: string,
): { position: number; text: string } {
  const next = key === 'up' ? Math.min(position + 1, list.length) : Math.max(position - 1, 0);
  return { position: next, text: next === 0 ? draft : (list[list.length - next] ?? draft) };
}
