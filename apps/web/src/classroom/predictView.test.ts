import { describe, expect, it } from 'vitest';
import { misconceptionCells, roundView } from './predictView';

describe('roundView', () => {
  it('reads an open round and a revealed one', () => {
    const open = roundView({
      round: 1,
      label: 'scenario:seed-2-nat',
      revealedAt: null,
      cells: [{ key: 'a>b:ping', from: 'a', to: 'b', kind: 'ping', port: null }],
      students: 2,
      mine: { 'a>b:ping': true, bad: 'x' },
    });
    expect(open?.revealed).toBe(false);
    expect(open?.cells[0]).toMatchObject({ probe: 'ping', reachable: null });
    expect(open?.mine).toEqual({ 'a>b:ping': true });
    const revealed = roundView({
      round: 1,
      revealedAt: 5,
      cells: [
        {
          key: 'a>b:ping',
          from: 'a',
          to: 'b',
          kind: 'ping',
          reachable: false,
          why: { code: 'nat-private' },
          answered: 2,
          wrong: 2,
        },
        {
          key: 'a>b:tcp/22',
          from: 'a',
          to: 'b',
          kind: 'tcp',
          port: 22,
          reachable: true,
          answered: 2,
          wrong: 0,
        },
      ],
      misconceptions: ['a>b:ping', 'gone'],
      score: { right: 1, of: 2 },
    });
    expect(revealed?.cells[1]?.probe).toBe('tcp/22');
    expect(
      revealed && misconceptionCells(revealed).map((cell) => [cell.key, cell.wrong, cell.why?.code]),
    ).toEqual([['a>b:ping', 2, 'nat-private']]);
    expect(revealed?.score).toEqual({ right: 1, of: 2 });
  });
  it('no round: null', () => {
    expect(roundView({ error: 'no prediction round yet' })).toBeNull();
    expect(roundView({ round: null })).toBeNull(); // the server's "no round yet"
  });
});
