/** What the NAT engines and infrastructure really answer (REFERENCE.md), by rule id. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnostics/diagnose';
import { testLab } from '../testing/labs';

describe('what the NAT engines answer', () => {
  it('[VB-NAT-6] the TFTP alias 10.0.2.4 answers ping, with its own slirp MAC', () => {
    const t = testLab({ vms: { web: { adapters: [{ mode: 'nat' }] } } });
    expect(t.ping('web', '10.0.2.4').reachable).toBe(true);
    expect(t.exec('web', 'ping -c 1 10.0.2.4')).toContain('64 bytes from 10.0.2.4');
    expect(t.ping('web', '10.0.2.4').hops.some((hop) => hop.detail.includes('52:54:00:12:35:04'))).toBe(true);
  });

  it('[VB-NAT-7] a forward to a guest address nobody has: accepted on the host, then reset', () => {
    const t = testLab({
      vms: {
        web: {
          adapters: [
            {
              mode: 'nat',
              portForwards: [
                {
                  name: 'web',
                  proto: 'tcp',
                  hostIp: '',
                  hostPort: 8080,
                  guestIp: '10.0.2.99',
                  guestPort: 80,
                },
              ],
            },
          ],
          listen: ['tcp/80'],
        },
      },
    });
    const result = t.tcp('host', '127.0.0.1', 8080);
    expect(result.reachable).toBe(false);
    expect(result.why.code).toBe('pf-reset');
    expect(result.reason).toContain('10.0.2.99:80');
    expect(t.exec('host', 'nc -zv 127.0.0.1 8080')).toContain('succeeded!');
    expect(t.exec('host', 'curl http://127.0.0.1:8080/')).toBe(
      'curl: (56) Recv failure: Connection reset by peer',
    );
  });

  describe('[VB-NATNET-5] NAT network DNS', () => {
    const lab = (host: Record<string, unknown>) =>
      testLab({ host, vms: { a: { adapters: [{ mode: 'natnetwork' }] } } });

    it("[VB-NATNET-5] hands out the host's own resolvers", () => {
      expect(lab({}).exec('a', 'cat /etc/resolv.conf')).toContain('nameserver 192.168.1.1');
      expect(lab({ dns: ['9.9.9.9'] }).exec('a', 'cat /etc/resolv.conf')).toContain('nameserver 9.9.9.9');
    });

    it('[VB-NATNET-5] a host with a loopback resolver (127.0.0.53) gives the .1 proxy instead', () => {
      const out = lab({ dns: ['127.0.0.53'] }).exec('a', 'cat /etc/resolv.conf');
      expect(out).toContain('nameserver 10.0.2.1');
      expect(out).not.toContain('127.0.0.53');
    });
  });

  it("[VB-MAC-1] VirtualBox's own MACs: NAT network gateway 52:54:00:12:35:00, host-only adapter 0a:00:27:00:00:00", () => {
    const t = testLab({
      vms: { a: { adapters: [{ mode: 'natnetwork' }, { mode: 'hostonly' }], listen: ['tcp/22'] } },
    });
    expect(t.exec('a', 'ping -c 1 10.0.2.1')).toContain('64 bytes');
    expect(t.exec('a', 'arp -n')).toContain('52:54:00:12:35:00');
    const fromHost = t.ping('host', '192.168.56.101');
    expect(fromHost.reachable).toBe(true);
    const back = fromHost.hops.find((hop) => hop.dir === 'back' && hop.why.code === 'hop-arp');
    expect(back?.detail).toContain('0a:00:27:00:00:00');
  });

  it("[VMW-9] VMware's own MACs: the host's VMnetN adapter 00:50:56:c0:00:0N, the NAT device 00:50:56:…", () => {
    const t = testLab({
      hypervisor: 'vmware',
      vms: { a: { adapters: [{ mode: 'nat' }, { mode: 'hostonly' }] } },
    });
    const host = t.network.host.ifaces;
    expect(host.find((iface) => iface.name === 'vmnet8')?.mac).toBe('005056c00008');
    expect(host.find((iface) => iface.name === 'vmnet1')?.mac).toBe('005056c00001');
    const arp = t.exec('a', 'arp -n');
    expect(arp).toMatch(/192\.168\.200\.2\s+ether\s+00:50:56:e/);
  });

  it('[VMW-2] VMware DHCP leases last 1800 s', () => {
    const t = testLab({ hypervisor: 'vmware', vms: { a: { adapters: [{ mode: 'nat' }] } } });
    expect(t.exec('a', 'ip addr')).toContain('valid_lft 1794sec preferred_lft 1794sec');
    expect(testLab({ vms: { a: { adapters: [{ mode: 'bridged' }] } } }).exec('a', 'ip addr')).toContain(
      'valid_lft 86394sec',
    );
  });

  it('[OS-6] the TTL a reply arrives with drops by one at each router VM on the way', () => {
    // client — r0 — r1 — … — server, on internal networks n0 … n<hops>, each router with forwarding on.
    const routed = (hops: number) => {
      const vms: Record<string, unknown> = {
        client: {
          adapters: [
            { mode: 'internal', network: 'n0', ip: { address: '10.1.0.10/24', gateway: '10.1.0.1' } },
          ],
        },
        server: {
          adapters: [
            {
              mode: 'internal',
              network: `n${hops}`,
              ip: { address: `10.1.${hops}.10/24`, gateway: `10.1.${hops}.2` },
            },
          ],
        },
      };
      for (let i = 0; i < hops; i++) {
        const routes = [];
        if (i > 0) routes.push({ to: '10.1.0.0/24', via: `10.1.${i}.2` });
        if (i < hops - 1) routes.push({ to: `10.1.${hops}.0/24`, via: `10.1.${i + 1}.1` });
        vms[`r${i}`] = {
          ipForwarding: true,
          adapters: [
            { mode: 'internal', network: `n${i}`, ip: { address: `10.1.${i}.1/24` } },
            { mode: 'internal', network: `n${i + 1}`, ip: { address: `10.1.${i + 1}.2/24` } },
          ],
          routes,
        };
      }
      return testLab({ vms }).exec('client', `ping -c 1 10.1.${hops}.10`);
    };
    expect(routed(1)).toContain('ttl=63');
    expect(routed(2)).toContain('ttl=62');
  });

  it('[OS-6] a masquerading router VM decrements the reply too: one less than the NAT engine gives its own guest', () => {
    const t = testLab({
      vms: {
        router: {
          ipForwarding: true,
          masquerade: [0],
          adapters: [{ mode: 'nat' }, { mode: 'internal', network: 'lan', ip: { address: '10.10.0.1/24' } }],
        },
        client: {
          adapters: [
            { mode: 'internal', network: 'lan', ip: { address: '10.10.0.2/24', gateway: '10.10.0.1' } },
          ],
        },
      },
    });
    const ttl = (vm: string) => /ttl=(\d+)/.exec(t.exec(vm, 'ping -c 1 8.8.8.8'))?.[1];
    expect(Number(ttl('client'))).toBe(Number(ttl('router')) - 1);
  });

  it("[VB-BR-2] a VM bridged to Wi-Fi shows the host's Wi-Fi MAC on the LAN, in ARP and in the hops", () => {
    const t = testLab({
      host: { nics: { wlan0: { kind: 'wifi', lan: 'home' } } },
      // The laptop routes through the VM, so the VM's address is in its ARP cache.
      lans: {
        home: { devices: { laptop: { ip: { address: '192.168.1.20/24', gateway: '192.168.1.50' } } } },
      },
      vms: {
        web: {
          adapters: [
            { mode: 'bridged', network: 'wlan0', mac: '080027aaaaaa', ip: { address: '192.168.1.50/24' } },
          ],
        },
      },
    });
    const hostMac = t.network.host.ifaces.find((iface) => iface.name === 'wlan0')!.mac;
    const pretty = hostMac.match(/../g)!.join(':');
    const ping = t.ping('laptop', 'web');
    expect(ping.reachable).toBe(true);
    expect(ping.hops.find((hop) => hop.why.code === 'hop-arp')?.detail).toContain(pretty);
    expect(t.exec('laptop', 'arp -n')).toContain(pretty);
    // The guest itself still sees its own MAC.
    expect(t.exec('web', 'ip addr')).toContain('08:00:27:aa:aa:aa');
    expect(diagnose(t.lab, t.network).some((d) => d.code === 'wifi-bridge')).toBe(true);
  });
});
