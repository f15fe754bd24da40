import { describe, expect, it } from 'vitest';
import { matrixGrid, probeKinds, resultsView } from './resultsView';

const results = {
  revision: 7,
  goals: {
    'web-out': { met: true, reason: 'web reaches 8.8.8.8 through its NAT engine', why: { code: 'nat' } },
    broken: { reason: 'no met field' },
  },
  diagnostics: [
    {
      severity: 'warning',
      code: 'dup-ip',
      text: 'web and db share 10.0.2.15',
      params: {},
      path: 'vms.web.adapters[0].ip',
    },
    { severity: 'bogus', code: 'x' },
  ],
  matrix: {
    endpoints: ['host', 'web', 'db', 'internet'],
    rows: [
      {
        from: 'web',
        to: 'db',
        kind: 'ping',
        reachable: false,
        reason: 'different networks',
        code: 'no-route',
      },
      {
        from: 'host',
        to: 'web',
        kind: 'tcp',
        port: 22,
        reachable: true,
        via: '127.0.0.1:2222',
        reason: 'fwd',
      },
      { from: 'web', to: 'internet', kind: 'ping', reachable: true, reason: 'nat' },
      { from: 'host', to: 'web', kind: 'tcp', port: 80, reachable: false, reason: 'no forward' },
      { from: 'nobody' },
    ],
  },
};

describe('resultsView', () => {
  it('reads goals, diagnostics and the revision', () => {
    const view = resultsView(results);
    expect(view.revision).toBe(7);
    expect([...view.goals.keys()]).toEqual(['web-out']);
    expect(view.goals.get('web-out')).toEqual({
      met: true,
      reason: expect.stringContaining('NAT'),
      code: 'nat',
      why: expect.objectContaining({ code: 'nat' }),
    });
    expect(view.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'dup-ip',
        text: 'web and db share 10.0.2.15',
        why: { code: 'dup-ip', params: expect.any(Object) },
        path: 'vms.web.adapters[0].ip',
      },
      // No path: about no one field.
      { severity: 'info', code: 'x', text: 'x', why: { code: 'x', params: {} }, path: '' },
    ]);
  });

  it('groups the matrix by probe kind, ping first', () => {
    const { matrix } = resultsView(results);
    expect(matrix.rows).toHaveLength(4);
    expect(probeKinds(matrix)).toEqual(['ping', 'tcp/22', 'tcp/80']);
    const ping = matrixGrid(matrix, 'ping');
    expect(ping.froms).toEqual(['web']);
    expect(ping.tos).toEqual(['db', 'internet']);
    expect(ping.cell('web', 'internet')?.reachable).toBe(true);
    expect(ping.cell('web', 'host')).toBeUndefined();
    expect(matrixGrid(matrix, 'tcp/22').cell('host', 'web')?.via).toBe('127.0.0.1:2222');
  });

  it("reads the engine's shape: sources, targets and cells with a null port", () => {
    const { matrix } = resultsView({
      matrix: {
        sources: ['host', 'web'],
        targets: ['host', 'web', 'internet'],
        cells: [
          {
            from: 'web',
            to: 'internet',
            kind: 'ping',
            port: null,
            reachable: true,
            via: null,
            code: 'ok',
            reason: 'r',
          },
          {
            from: 'host',
            to: 'web',
            kind: 'tcp',
            port: 22,
            reachable: false,
            via: null,
            code: 'x',
            reason: 'r',
          },
        ],
      },
    });
    expect(matrix.endpoints).toEqual(['host', 'web', 'internet']);
    expect(probeKinds(matrix)).toEqual(['ping', 'tcp/22']);
    expect(matrix.rows[0]).toMatchObject({ probe: 'ping', via: '', code: 'ok' });
  });

  it('accepts a bare array of rows and derives the endpoints', () => {
    const { matrix } = resultsView({ matrix: [{ from: 'a', to: 'b', reachable: true }] });
    expect(matrix.endpoints).toEqual(['a', 'b']);
    expect(probeKinds(matrix)).toEqual(['ping']);
  });

  it('survives anything', () => {
    for (const junk of [undefined, null, 1, 'x', [], { goals: [], diagnostics: {}, matrix: 'no' }]) {
      expect(() => resultsView(junk)).not.toThrow();
    }
  });

  it('says when the engine left the matrix out of a large lab', () => {
    const { matrix } = resultsView({
      matrix: { sources: [], targets: [], cells: [], omitted: { machines: 52, limit: 40 } },
    });
    expect(matrix.rows).toEqual([]);
    expect(matrix.omitted).toEqual({ code: 'matrix-omitted', params: { machines: 52, limit: 40 } });
  });
});
