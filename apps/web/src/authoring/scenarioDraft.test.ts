import { describe, expect, it } from 'vitest';
import { goalOf, lockProblems, scenarioFileName } from './scenarioDraft';

const lab = {
  format: 'vnetlab/1',
  vms: { web: { adapters: [{ mode: 'nat' }] } },
};

describe('goalOf', () => {
  it('takes the first free id and says the probe when no text is typed', () => {
    const goal = goalOf(
      { from: 'web', to: 'host', kind: 'tcp', port: 22, expect: false, text: '  ' },
      new Set(['goal1']),
    );
    expect(goal).toEqual({
      id: 'goal2',
      text: 'web → host (tcp/22) ✗',
      probe: { from: 'web', to: 'host', kind: 'tcp', port: 22 },
      expect: false,
    });
  });

  it('a ping has no port; a typed text is kept', () => {
    const goal = goalOf(
      { from: 'web', to: 'internet', kind: 'ping', port: 80, expect: true, text: 'out' },
      new Set(),
    );
    expect(goal).toEqual({
      id: 'goal1',
      text: 'out',
      probe: { from: 'web', to: 'internet', kind: 'ping' },
      expect: true,
    });
  });
});

describe('lockProblems', () => {
  it('flags a path matching nothing and a malformed one, not a good one', () => {
    const problems = lockProblems({ ...lab, locked: ['vms.web.adapters[0].mode', 'vms.db.name', 'vms..x'] });
    expect(problems.has(0)).toBe(false);
    expect(problems.get(1)?.kind).toBe('matchesNothing');
    expect(problems.get(2)?.kind).toBe('badPath');
  });

  it('a lab without locked paths has no problems', () => {
    expect(lockProblems(lab).size).toBe(0);
  });
});

describe('scenarioFileName', () => {
  it('makes a file name of the title, or of the room without one', () => {
    expect(scenarioFileName('NAT or NAT Network?', 'r1')).toBe('NAT-or-NAT-Network.json');
    expect(scenarioFileName(undefined, 'room-7')).toBe('room-7.json');
    expect(scenarioFileName('???', 'x')).toBe('scenario.json');
  });
});
