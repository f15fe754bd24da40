import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromYValue, LAB_ROOT, labMap, readLab, toYValue, writeLab } from './labDoc';

const example = {
  format: 'vnetlab/1',
  title: 'NAT or NAT Network?',
  hypervisor: 'virtualbox',
  host: {
    nics: { eth0: { kind: 'ethernet', lan: 'home', ip: 'dhcp' } },
    share: [],
    listen: ['tcp/8080'],
  },
  natNetworks: {
    NatNetwork: {
      cidr: '10.0.2.0/24',
      dhcp: true,
      portForwards: [
        { name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestIp: '10.0.2.4', guestPort: 22 },
      ],
    },
  },
  internalNetworks: { intnet: { dhcp: null } },
  vms: {
    web: {
      name: 'web',
      adapters: [
        { mode: 'nat', portForwards: [{ name: 'ssh', proto: 'tcp', hostPort: 2222, guestPort: 22 }] },
        { mode: 'hostonly', network: 'vboxnet0' },
      ],
      listen: ['tcp/22', 'tcp/80'],
      masquerade: [0, 1],
    },
  },
  goals: [
    {
      id: 'web-out',
      text: 'web reaches the internet',
      probe: { from: 'web', to: 'internet', kind: 'ping' },
      expect: true,
    },
  ],
};

/** A copy of `doc` as another replica sees it after a full sync. */
function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('labDoc mapping', () => {
  it('round-trips the example lab through a Y.Doc and a sync', () => {
    const doc = new Y.Doc();
    writeLab(doc, example, { kind: 'test' });
    expect(readLab(doc)).toEqual(example);
    expect(readLab(replica(doc))).toEqual(example);
  });

  it('stores objects as Y.Map, arrays of objects as Y.Array of Y.Map, the rest as is', () => {
    const doc = new Y.Doc();
    writeLab(doc, example, null);
    const lab = labMap(doc);
    expect(doc.share.has(LAB_ROOT)).toBe(true);
    const vms = lab.get('vms');
    expect(vms).toBeInstanceOf(Y.Map);
    const web = (vms as Y.Map<unknown>).get('web') as Y.Map<unknown>;
    const adapters = web.get('adapters');
    expect(adapters).toBeInstanceOf(Y.Array);
    expect((adapters as Y.Array<unknown>).get(0)).toBeInstanceOf(Y.Map);
    expect(web.get('listen')).toEqual(['tcp/22', 'tcp/80']);
    expect(lab.get('format')).toBe('vnetlab/1');
    expect((lab.get('host') as Y.Map<unknown>).get('share')).toEqual([]);
  });

  it('writeLab replaces the lab: removed keys disappear, in one transaction with the origin', () => {
    const doc = new Y.Doc();
    writeLab(doc, example, null);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    const origin = { kind: 'api' };
    writeLab(doc, { format: 'vnetlab/1', vms: {} }, origin);
    expect(readLab(doc)).toEqual({ format: 'vnetlab/1', vms: {} });
    expect(origins).toEqual([origin]);
  });

  it('reads values a client stored as is where a Y type was expected', () => {
    const doc = new Y.Doc();
    const strings = new Y.Array<unknown>();
    doc.transact(() => {
      labMap(doc).set('ip', { address: '10.0.0.2/24' });
      labMap(doc).set('listen', strings);
      strings.push(['tcp/22']);
    });
    expect(readLab(doc)).toEqual({ ip: { address: '10.0.0.2/24' }, listen: ['tcp/22'] });
  });

  it('round-trips every JSON object (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__');
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.array(tie('object'), { maxLength: 3 }),
        tie('object'),
      ),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(json.object, (lab) => {
        const doc = new Y.Doc();
        writeLab(doc, lab as Record<string, unknown>, null);
        expect(readLab(replica(doc))).toEqual(lab);
      }),
      { numRuns: 200 },
    );
  });

  it('toYValue and fromYValue are inverse on a detached value once integrated', () => {
    const doc = new Y.Doc();
    const value = [{ a: 1 }, { b: [{ c: 'x' }] }];
    doc.getMap('m').set('v', toYValue(value));
    expect(fromYValue(doc.getMap('m').get('v'))).toEqual(value);
  });
});
