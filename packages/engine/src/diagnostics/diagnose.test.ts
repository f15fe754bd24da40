import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';
import { diagnose } from './diagnose';

const diagnostics = (file: Record<string, unknown>) => {
  const t = testLab(file);
  return diagnose(t.lab, t.network);
};

describe('diagnostics', () => {
  it('an address outside its network, a gateway off the subnet, a route through nowhere', () => {
    const found = diagnostics({
      vms: {
        a: {
          adapters: [{ mode: 'bridged', ip: { address: '10.0.0.5/24', gateway: '192.168.1.1' } }],
          routes: [{ to: '172.16.0.0/16', via: '10.9.9.9' }],
        },
      },
    });
    const byCode = new Map(found.map((d) => [d.code, d]));
    expect(byCode.get('address-off-subnet')).toMatchObject({ path: 'vms.a.adapters[0].ip.address' });
    expect(byCode.get('address-off-subnet')?.text).toContain('outside LAN home (192.168.1.0/24)');
    expect(byCode.get('address-off-subnet')?.text).toContain('pick an address in 192.168.1.0/24');
    expect(byCode.get('gateway-off-link')).toMatchObject({ path: 'vms.a.adapters[0].ip.gateway' });
    expect(byCode.get('route-invalid-gateway')?.text).toContain('Nexthop has invalid gateway');
  });

  it('port forwards that cannot open or lead nowhere', () => {
    const rule = { name: 'r', proto: 'tcp', hostPort: 8080, guestPort: 80 };
    const found = diagnostics({
      host: { listen: ['tcp/8080'] },
      vms: {
        a: { adapters: [{ mode: 'nat', portForwards: [{ ...rule, hostIp: '' }] }] },
        b: {
          adapters: [
            {
              mode: 'nat',
              portForwards: [{ ...rule, hostPort: 9090, hostIp: '192.168.1.99', guestIp: '10.0.2.16' }],
            },
          ],
        },
      },
    }).map((d) => d.code);
    expect(found).toContain('pf-host-service');
    expect(found).toContain('pf-bind-unknown');
    expect(found).toContain('pf-no-guest');
  });

  it('a clean lab has nothing but information', () => {
    const found = diagnostics({
      vms: { a: { adapters: [{ mode: 'hostonly' }] }, b: { adapters: [{ mode: 'nat' }] } },
    });
    expect(found.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});
