import { parseLab } from '@vnetlab/shared';
import { describe, expect, it } from 'vitest';
import { topologyData } from '../topology/topologyData';
import { packetSteps } from './packetSteps';

const parsed = parseLab({
  format: 'vnetlab/1',
  hostOnlyNetworks: { vboxnet0: { hostIp: '192.168.56.1/24' } },
  vms: { web: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', network: 'vboxnet0' }] } },
});
if (!parsed.ok) throw new Error('bad lab');
const data = topologyData({ lab: parsed.lab, machines: new Map(), diagnostics: [] });
const hop = (node: string, action: string, detail = '') => ({ node, action, dir: 'out', detail });

describe('packetSteps', () => {
  it('follows the direct link between a VM and its NAT engine, and the host through the LAN', () => {
    const steps = packetSteps(
      [
        hop('web', 'send'),
        hop('nat:web/0', 'translate'),
        hop('host', 'send'),
        hop('router:home', 'forward'),
        hop('internet', 'deliver'),
      ],
      data,
    );
    expect(steps.map((s) => s.node)).toEqual(['vm:web', 'nat:web/0', 'host', 'router:home', 'internet']);
    expect(steps[1]!.legs).toEqual([{ link: 'vm:web#0', reverse: false }]);
    expect(steps[2]!.legs).toEqual([{ link: 'nat:web/0>host', reverse: false }]);
    expect(steps[3]!.legs).toEqual([
      { link: 'host>eth0', reverse: false },
      { link: 'router:home>lan', reverse: true },
    ]);
  });

  it('goes through the switch the ARP line names when two would do', () => {
    const steps = packetSteps(
      [
        hop('host', 'arp', 'ARP on host-only network vboxnet0: …'),
        hop('host', 'send'),
        hop('web', 'deliver'),
      ],
      data,
    );
    expect(steps[2]!.legs).toEqual([
      { link: 'hostonly:vboxnet0>host', reverse: true },
      { link: 'vm:web#1', reverse: true },
    ]);
  });

  it('keeps hops at nodes the canvas does not draw, without legs', () => {
    const steps = packetSteps([hop('web', 'send'), hop('dhcp:x', 'deliver')], data);
    expect(steps[1]).toEqual({ node: null, legs: [], action: 'deliver' });
  });
});
