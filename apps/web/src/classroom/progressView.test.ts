import { describe, expect, it } from 'vitest';
import { normalizeJoinCode } from './classApi';
import { editingText, formatClock, formatDuration, goalText, heatMap, progressView } from './progressView';

const sample = {
  class: 'c1',
  title: 'Networks 101',
  joinCode: 'ABC-DEF',
  stageRoom: 's1',
  state: { paused: true, timerLeftMs: 65_000, spotlight: { group: 2, anonymize: true } },
  groups: [
    {
      group: 1,
      room: 'r1',
      members: [
        {
          id: 'm1',
          name: 'Ann',
          online: true,
          handRaisedAt: 200,
          editing: { openVm: 'web', lastEdit: { path: 'vms.web.adapters[0].mode', vm: 'web', at: 3 } },
        },
        { id: 'm2', name: 'Bo', online: false, handRaisedAt: 100, editing: { openVm: 'db', lastEdit: null } },
      ],
      goals: {
        a: { met: true, reason: '', text: 'A', texts: { 'zh-CN': '甲' } },
        b: { met: false, reason: 'no route', text: 'B' },
      },
      sinceLastGreenMs: 4000,
      instructorWatching: true,
      fault: { fault: 'fault-gateway', plantedAt: 2, solvedAt: null, tookMs: null },
    },
    { group: 2, room: 'r2', members: [], goals: { b: { met: false, reason: 'x' }, a: { met: false } } },
  ],
  at: 5,
};

describe('progressView', () => {
  it('reads the progress of a class, hands and goals per group', () => {
    const view = progressView(sample);
    expect(view.paused).toBe(true);
    expect(view.spotlight).toEqual({ group: 2, anonymize: true });
    expect(view.groups[0]?.goalsMet).toBe(1);
    expect(view.groups[0]?.handRaisedAt).toBe(100);
    expect(view.groups[1]?.handRaisedAt).toBeNull();
    expect(view.groups[0]?.fault).toEqual({ fault: 'fault-gateway', inForMs: 3, tookMs: null });
    expect(view.groups[1]?.fault).toBeNull();
    expect(view.groups[1]?.goals.find((goal) => goal.id === 'a')?.text).toBe('a');
  });

  it('says who edits what, and a goal in the page’s language', () => {
    const [ann, bo] = progressView(sample).groups[0]?.members ?? [];
    expect(ann && editingText(ann)).toBe('web: adapters[0].mode');
    expect(bo && editingText(bo)).toBe('db');
    const goal = progressView(sample).groups[0]?.goals.find((candidate) => candidate.id === 'a');
    expect(goal && goalText(goal, 'zh-CN')).toBe('甲');
    expect(goal && goalText(goal, 'en')).toBe('A');
    expect(heatMap(progressView(sample).groups, 'zh-CN').find((cell) => cell.id === 'a')?.text).toBe('甲');
  });

  it('survives a body of the wrong shape', () => {
    const view = progressView({ groups: [null, { goals: [1] }], state: 'x' });
    expect(view.groups).toHaveLength(2);
    expect(view.paused).toBe(false);
    expect(view.spotlight).toBeNull();
    expect(progressView(null).groups).toEqual([]);
  });

  it('puts the goals failing in most groups first in the heat-map', () => {
    const cells = heatMap(progressView(sample).groups);
    expect(cells.map((cell) => [cell.id, cell.failing, cell.total])).toEqual([
      ['b', 2, 2],
      ['a', 1, 2],
    ]);
  });
});

describe('formatting', () => {
  it('writes durations and countdowns short', () => {
    expect(formatDuration(42_900)).toBe('42 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatDuration(180_000, 'zh-CN')).toBe('3 分钟');
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('forgives case, spaces and dashes in a typed join code', () => {
    expect(normalizeJoinCode(' abc def ')).toBe('ABC-DEF');
    expect(normalizeJoinCode('abc-def')).toBe('ABC-DEF');
    expect(normalizeJoinCode('ab')).toBe('AB');
  });
});
