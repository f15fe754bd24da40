import { describe, expect, it } from 'vitest';
import { isEmptyReport, joinReports, type PresenceReport, parseReport } from './presence';

const edit = (path: string, at: number) => ({ path, vm: 'web', at });
const nobody: PresenceReport = { online: [], openVms: {}, lastEdits: {} };

describe('presence reports joined over processes', () => {
  it('online anywhere is online; this process’s open VM first; the latest edit wins', () => {
    const local: PresenceReport = {
      online: ['ana'],
      openVms: { ana: 'web' },
      lastEdits: { ana: edit('vms.web.name', 20), bo: edit('vms.web.notes', 5) },
    };
    const other: PresenceReport = {
      online: ['bo', 'instructor'],
      openVms: { ana: 'db', bo: 'db' },
      lastEdits: { ana: edit('vms.web.cpus', 10), bo: edit('vms.web.memory', 30) },
    };
    const joined = joinReports(local, [other]);
    expect([...joined.online].sort()).toEqual(['ana', 'bo', 'instructor']);
    expect(joined.editing.get('ana')).toEqual({ openVm: 'web', lastEdit: edit('vms.web.name', 20) });
    expect(joined.editing.get('bo')).toEqual({ openVm: 'db', lastEdit: edit('vms.web.memory', 30) });
    expect(joined.editing.has('instructor')).toBe(false);
    expect(joinReports(nobody, []).online.size).toBe(0);
  });

  it('a report that is not one is refused; an empty one says nothing', () => {
    const good = { online: ['ana'], openVms: { ana: 'web' }, lastEdits: { ana: edit('vms.web.name', 1) } };
    expect(parseReport(good)).toEqual(good);
    for (const bad of [
      null,
      'ana',
      [],
      { ...good, online: 'ana' },
      { ...good, online: [1] },
      { ...good, openVms: { ana: 3 } },
      { ...good, lastEdits: { ana: { path: 'x', vm: 1, at: 1 } } },
      { ...good, lastEdits: { ana: { path: 'x', vm: null } } },
      { online: ['ana'] },
    ])
      expect(parseReport(bad)).toBeUndefined();
    expect(isEmptyReport(nobody)).toBe(true);
    expect(isEmptyReport({ ...nobody, lastEdits: { ana: edit('vms.web.name', 1) } })).toBe(false);
  });
});
