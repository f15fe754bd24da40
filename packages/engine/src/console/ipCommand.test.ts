/** iproute2 `ip` and `ss`: brief and IPv4-only views, and `ip link set` as a lab edit. */
import { describe, expect, it } from 'vitest';
import { testLab } from '../testing/labs';
import { linkLocalOf } from './ipv6';

const file = {
  vms: {
    web: {
      adapters: [
        { mode: 'nat' },
        { mode: 'hostonly', ip: { address: '192.168.56.10/24' } },
        { mode: 'none' },
      ],
      listen: ['tcp/22', 'tcp/80', 'udp/53'],
    },
  },
};
const lab = testLab(file);

describe('ip', () => {
  it('-br addr: one line per interface, name and state in fixed columns', () => {
    // Each interface with a link also has its IPv6 link-local address (CON-4).
    const [enp0s3, enp0s8] = [0, 1].map((slot) =>
      linkLocalOf(lab.network.nodes.get('web')!.ifaces[slot]!.mac),
    );
    expect(lab.exec('web', 'ip -br addr').split('\n')).toEqual([
      'lo               UNKNOWN        127.0.0.1/8 ::1/128 ',
      `enp0s3           UP             10.0.2.15/24 ${enp0s3}/64 `,
      `enp0s8           UP             192.168.56.10/24 ${enp0s8}/64 `,
      'enp0s9           DOWN           ',
    ]);
    expect(lab.exec('web', 'ip -4 -br addr').split('\n')[1]).toBe(
      'enp0s3           UP             10.0.2.15/24 ',
    );
  });

  it('-4 addr leaves out link lines and interfaces without an address; ip link shows only links', () => {
    const inet = lab.exec('web', 'ip -4 a');
    expect(inet).not.toContain('link/ether');
    expect(inet).not.toContain('enp0s9');
    expect(inet).toContain('inet 192.168.56.10/24 brd 192.168.56.255 scope global enp0s8');
    const link = lab.exec('web', 'ip link show enp0s9');
    expect(link).toMatch(
      /^4: enp0s9: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 .* state DOWN mode DEFAULT/,
    );
    expect(lab.exec('web', 'ip -br link')).toMatch(
      /^enp0s3 +UP +08:00:27(:[0-9a-f]{2}){3} <BROADCAST,MULTICAST,UP,LOWER_UP>/m,
    );
    expect(lab.run('web', 'ip addr show eth7')).toMatchObject({
      output: 'Device "eth7" does not exist.',
      exitCode: 1,
    });
    expect(lab.run('web', 'ip -x a')).toMatchObject({
      output: 'Option "-x" is unknown, try "ip -help".',
      exitCode: 255,
    });
  });

  it("[CON-2] link set DEV down answers a lab edit of that adapter's cable; applied, the guest loses the link", () => {
    expect(lab.run('web', 'ip link set enp0s8 down')).toMatchObject({
      output: 'RTNETLINK answers: Operation not permitted',
      exitCode: 2,
    });
    expect(lab.run('web', 'sudo ip link set dev enp0s9 up').edit).toEqual({
      path: 'vms.web.adapters[2].cable',
      value: true,
    });
    const down = lab.run('web', 'sudo ip link set enp0s8 down');
    expect(down).toMatchObject({
      output: '',
      exitCode: 0,
      edit: { path: 'vms.web.adapters[1].cable', value: false },
    });
    // What the server does with the edit: write it into the lab, and the engine recomputes.
    const after = testLab({
      vms: {
        web: {
          ...file.vms.web,
          adapters: [
            file.vms.web.adapters[0],
            { ...file.vms.web.adapters[1], cable: false },
            file.vms.web.adapters[2],
          ],
        },
      },
    });
    expect(after.exec('web', 'ip -br a')).toContain('enp0s8           DOWN');
    expect(after.exec('web', 'ip route')).not.toContain('192.168.56.0/24');
    // The host's address is still reached, now through the NAT engine (VB-NAT-3).
    expect(after.run('web', 'ping -c 1 192.168.56.1').probe?.hops[0]?.detail).toContain('10.0.2.2');
    expect(lab.run('web', 'sudo ip link set eth5 down')).toMatchObject({
      output: 'Cannot find device "eth5"',
      exitCode: 1,
    });
    expect(lab.run('host', 'sudo ip link set eth0 down').output).toContain('no adapter in the lab');
  });

  it("[CON-6] link set DEV with a word iproute2 does not know is iproute2's own error; a real setting is not simulated", () => {
    const garbage = lab.run('web', 'sudo ip link set enp0s8 sideways');
    expect(garbage).toMatchObject({
      output: 'Error: either "dev" is duplicate, or "sideways" is a garbage.',
      exitCode: 255,
    });
    expect(garbage.edit ?? null).toBeNull();
    expect(lab.run('web', 'sudo ip link set enp0s8 mtu 1400').output).toBe(
      'vnetlab: ip link set enp0s8 mtu: only "up" and "down" are simulated',
    );
  });
});

describe('ss', () => {
  it('-tlnp lists what listens on TCP; processes only for root', () => {
    expect(lab.exec('web', 'ss -tlnp').split('\n')).toEqual([
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess',
      'LISTEN 0      128          0.0.0.0:22        0.0.0.0:*',
      'LISTEN 0      4096         0.0.0.0:80        0.0.0.0:*',
    ]);
    expect(lab.exec('web', 'sudo ss -tlnp')).toContain('users:(("sshd",pid=700,fd=3))');
  });

  it('-ulnp lists UDP sockets as UNCONN; without -n ports are named', () => {
    expect(lab.exec('web', 'ss -uln').split('\n')[1]).toBe(
      'UNCONN 0      0            0.0.0.0:53        0.0.0.0:*',
    );
    expect(lab.exec('web', 'ss -tl')).toContain('0.0.0.0:ssh');
    expect(lab.exec('web', 'ss -tln --bogus')).toBe("ss: unrecognized option '--bogus'");
  });
});
