import { describe, expect, it, vi } from 'vitest';
import { aliasOfName, authorName, onRosterWanted, rosterOf, setAuthorRoster } from './authorNames';

describe('the names behind a class room’s keys', () => {
  it('names keys from the roster, aliases on the hidden projector, leaves plain names alone', () => {
    setAuthorRoster(
      rosterOf({
        people: { '@m1': 'Ana', '@instructor': 'Instructor', '@bad': 3 },
        aliases: { '@m1': 'Student A' },
      }),
    );
    expect(authorName('@m1', false)).toBe('Ana');
    expect(authorName('@m1', true)).toBe('Student A');
    expect(authorName('@instructor', true)).toBe('Instructor');
    expect(authorName('@bad', false)).toBe('');
    expect(authorName('Bo', true)).toBe('Bo');
    expect(aliasOfName('Ana')).toBe('Student A');
    expect(aliasOfName('Cy')).toBeUndefined();
  });

  it('asks for the roster again when it meets a key it cannot name, not on every render', async () => {
    const ask = vi.fn();
    onRosterWanted(ask);
    setAuthorRoster(rosterOf({ people: { '@m1': 'Ana' } }));
    authorName('@m1', false);
    await Promise.resolve();
    expect(ask).not.toHaveBeenCalled();
    expect(authorName('@newcomer', false)).toBe('');
    authorName('@newcomer', false);
    await Promise.resolve();
    expect(ask).toHaveBeenCalledTimes(1);
    onRosterWanted(null);
  });

  it('a key met within the wait is asked for when the wait ends, with no render to ask again', async () => {
    vi.useFakeTimers();
    try {
      const ask = vi.fn();
      onRosterWanted(ask);
      setAuthorRoster(rosterOf({ people: { '@m1': 'Ana' } }));
      vi.advanceTimersByTime(10_000); // past any earlier ask
      authorName('@first', false);
      await Promise.resolve();
      expect(ask).toHaveBeenCalledTimes(1);
      // Someone else joins and edits a second later; their entry renders once, as "someone".
      vi.advanceTimersByTime(1000);
      expect(authorName('@second', false)).toBe('');
      await Promise.resolve();
      expect(ask).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(4000);
      expect(ask).toHaveBeenCalledTimes(2);
      onRosterWanted(null);
    } finally {
      vi.useRealTimers();
    }
  });
});
