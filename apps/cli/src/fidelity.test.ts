/**
 * The fidelity cases of issue 9 through the command line: what the products answer
 * (REFERENCE.md rule ids), the bad input it refuses with a path, and the diagnostics
 * `check` prints. In-process for each case, and for real (`pnpm vnetlab`) for a few.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => `apps/cli/src/fixtures/${name}`;
const files: Record<string, string> = {};
const read = (path: string) => files[path] ?? readFileSync(new URL(path, `file://${root}`), 'utf8');
const cli = (...argv: string[]) => runCli(argv, read);
/** A lab written inline, as a file the CLI reads. */
const labFile = (name: string, lab: Record<string, unknown>) => {
  files[name] = JSON.stringify({ format: 'vnetlab/1', ...lab });
  return name;
};

describe('the NAT engines, through the CLI', () => {
  it('[VB7-NAT-1] exec: ping 10.0.2.2 gets no reply and curl times out on VirtualBox 7; 6.1 answers', () => {
    const seven = 'scenarios/vbox7-nat-localhost.json';
    expect(cli('exec', seven, 'web', 'ping -c 1 10.0.2.2').stdout).toContain('100% packet loss');
    expect(cli('exec', seven, 'web', 'curl http://10.0.2.2:8080/').stdout).toContain('curl: (28)');
    const probe = JSON.parse(cli('probe', seven, 'web', '10.0.2.2', '--tcp', '8080', '--json').stdout);
    expect(probe.why.code).toBe('nat-alias-dropped');
    const six = labFile('six.json', {
      hypervisorVersion: '6.1',
      vms: { web: { adapters: [{ mode: 'nat' }] } },
    });
    expect(cli('exec', six, 'web', 'ping -c 1 10.0.2.2').stdout).toContain('1 received');
  });

  it('[VB7-NAT-2] check: the scenario of localhost reachable meets every goal', () => {
    const result = cli('check', 'scenarios/vbox7-nat-localhost.json');
    expect(result.stdout).toContain('(virtualbox 7.1, 2 VMs)');
    expect(result.stdout).toContain('4/4 goals met');
    expect(result.code).toBe(0);
  });

  it('[VB-NAT-7] a forward to nobody: nc -zv succeeds, curl is reset', () => {
    const lab = fixture('pf-to-nobody.json');
    expect(cli('exec', lab, 'host', 'nc -zv 127.0.0.1 8080').stdout).toContain('succeeded!');
    expect(cli('exec', lab, 'host', 'curl http://127.0.0.1:8080/').stdout).toContain(
      'curl: (56) Recv failure: Connection reset by peer',
    );
  });

  it('[OS-8] probe --udp: DNS on udp/53', () => {
    const lab = labFile('udp.json', { vms: { web: { adapters: [{ mode: 'nat' }] } } });
    const out = cli('probe', lab, 'web', '10.0.2.3', '--udp', '53');
    expect(out.stdout).toContain('reachable: web → 10.0.2.3:53 (udp)');
    expect(cli('probe', lab, 'web', '10.0.2.3', '--udp', '54').stdout).toContain('unreachable');
  });

  it('[VB-BR-2] check prints the Wi-Fi bridge diagnostic', () => {
    const result = cli('check', fixture('wifi-bridge.json'));
    expect(result.stdout).toContain("rewrites its MAC to the host's");
    expect(result.stdout).toContain('(vms.web.adapters[0].network)');
    expect(JSON.parse(cli('check', fixture('wifi-bridge.json'), '--json').stdout).diagnostics[0].code).toBe(
      'wifi-bridge',
    );
  });

  it('[VB-BR-2] [VMW-6] a bridged VMnet over Wi-Fi gets the diagnostic too; [LV-8] libvirt cannot bridge Wi-Fi at all', () => {
    const vmware = labFile('vmnet-wifi.json', {
      hypervisor: 'vmware',
      host: { nics: { eth0: { lan: 'home' }, wlan0: { kind: 'wifi', lan: 'home' } } },
      bridgedNetworks: { vmnet2: { nic: 'wlan0' } },
      vms: { b: { adapters: [{ mode: 'bridged', network: 'vmnet2' }] } },
    });
    expect(cli('check', vmware).stdout).toContain(
      "info: b's adapter 1 is bridged to Wi-Fi NIC wlan0: VMware rewrites its MAC to the host's",
    );
    const libvirt = labFile('libvirt-wifi.json', {
      hypervisor: 'libvirt',
      host: { nics: { wlan0: { kind: 'wifi', lan: 'home' } } },
      vms: { kvm: { adapters: [{ mode: 'bridged', network: 'wlan0' }] } },
    });
    const out = cli('check', libvirt).stdout;
    expect(out).toContain(
      'error: kvm does not start: its adapter 1 is on a host bridge over Wi-Fi NIC wlan0',
    );
    expect(cli('probe', libvirt, 'kvm', 'internet').stdout).toContain('unreachable: kvm → internet (ping)');
  });

  it('[VB61-HO-1] check names the refused host-only address and networks.conf', () => {
    const lab = labFile('range.json', {
      hostOnlyNetworks: { vboxnet0: { hostIp: '172.16.5.1/24' } },
      vms: { web: { adapters: [{ mode: 'hostonly' }] } },
    });
    const out = cli('check', lab).stdout;
    expect(out).toContain('error: VirtualBox refuses 172.16.5.1/24 for host-only adapter vboxnet0');
    expect(out).toContain('(hostOnlyNetworks.vboxnet0.hostIp)');
  });

  it('[VMW-14] check: sharing VMnet1 on a Linux host warns of a lease without gateway, on a Windows host of ICS', () => {
    const lab = (os: string) =>
      labFile(`share-${os}.json`, {
        hypervisor: 'vmware',
        host: { os, share: [{ network: 'vmnet1', via: 'eth0' }] },
        vms: { vm1: { adapters: [{ mode: 'hostonly' }] } },
      });
    const linux = cli('check', lab('linux')).stdout;
    expect(linux).toContain(
      "warning: the host forwards and masquerades vmnet1 out of eth0 (ip_forward and MASQUERADE), but VMware's DHCP on vmnet1 (/etc/vmware/vmnet1/dhcpd/dhcpd.conf) hands out no gateway",
    );
    expect(linux).toContain('(host.share[0].network)');
    expect(linux).not.toContain('Internet Connection Sharing');
    const windows = cli('check', lab('windows')).stdout;
    expect(windows).toContain('warning: Internet Connection Sharing moves the host');
    expect(windows).not.toContain('ip_forward');
  });

  it('[VMW-15] exec: a VMware host-only guest is told the host’s VMnet1 address as DNS, where nothing answers', () => {
    const lab = labFile('vmnet1-dns.json', {
      hypervisor: 'vmware',
      vms: {
        vm1: { adapters: [{ mode: 'hostonly' }] },
        win: { os: 'windows', adapters: [{ mode: 'hostonly' }] },
      },
    });
    expect(cli('exec', lab, 'vm1', 'cat /etc/resolv.conf').stdout).toContain('nameserver 192.168.100.1');
    expect(cli('exec', lab, 'vm1', 'nslookup example.com').stdout).toContain(
      ';; communications error to 192.168.100.1#53',
    );
    expect(cli('exec', lab, 'win', 'ipconfig /all').stdout).toContain(
      'DNS Servers . . . . . . . . . . . : 192.168.100.1',
    );
  });
});

describe('the consoles of the second audit, through the CLI', () => {
  const consoles = fixture('consoles.json');
  const out = (machine: string, line: string) => cli('exec', consoles, machine, line).stdout;

  it('[OS-7] ss shows a service bound to 127.0.0.1 as such', () => {
    const lab = labFile('bound.json', {
      vms: { db: { adapters: [{ mode: 'nat' }], listen: ['tcp/5432', 'tcp/127.0.0.1:6379'] } },
    });
    expect(cli('exec', lab, 'db', 'ss -tln').stdout).toContain('127.0.0.1:6379');
  });

  it('[CON-5] [CON-6] [CON-7] dig @server, ip link set garbage, ping -i under 2 ms', () => {
    expect(out('web', 'dig @10.0.2.3 example.com')).toContain('; (1 server found)\n;; global options: +cmd');
    const garbage = JSON.parse(
      cli('exec', consoles, 'web', 'sudo ip link set enp0s8 sideways', '--json').stdout,
    );
    expect(garbage).toEqual({
      output: 'Error: either "dev" is duplicate, or "sideways" is a garbage.',
      exitCode: 255,
      edit: null,
    });
    expect(out('web', 'ping -c1 -i 0.001 10.0.2.2')).toContain('ping: cannot flood');
    // A command that prints nothing prints nothing: no blank line.
    expect(out('web', 'curl -s -o /dev/null http://192.168.56.1:8080/')).toBe('');
  });

  it('[WIN-3] Windows ipconfig shows the link-local address; ping reaches a Linux neighbour over IPv6', () => {
    expect(out('win', 'ipconfig')).toMatch(
      / {3}Link-local IPv6 Address \. \. \. \. \. : fe80::[0-9a-f:]+%3\n/,
    );
    const web = /inet6 (fe80::[0-9a-f:]+)\/64/.exec(out('web', 'ip -6 addr show enp0s8'))?.[1];
    expect(out('win', `ping -n 1 ${web}%3`)).toContain(`Reply from ${web}%3: time<1ms`);
  });
});

describe('bad input the CLI refuses (exit 2, the path named)', () => {
  const refused = (lab: Record<string, unknown>) => {
    const result = cli('check', labFile('bad.json', lab));
    expect(result.code).toBe(2);
    return result.stderr;
  };

  it('a goal naming a machine that does not exist', () => {
    expect(
      refused({ vms: { web: {} }, goals: [{ id: 'g', probe: { from: 'web', to: 'dbx', kind: 'ping' } }] }),
    ).toContain('goals[0].probe.to: "dbx" is not a machine of this lab');
    expect(
      refused({ vms: { web: {} }, goals: [{ id: 'g', probe: { from: 'wbe', to: 'host', kind: 'ping' } }] }),
    ).toContain('goals[0].probe.from: "wbe" is not a machine of this lab');
    const twice = { id: 'g', probe: { from: 'web', to: 'host', kind: 'ping' } };
    expect(refused({ vms: { web: {} }, goals: [twice, twice] })).toContain(
      'goals[1].id: "g" is already the id',
    );
  });

  it('portForwards on a non-NAT adapter, or on a VMware adapter', () => {
    const rule = { name: 'ssh', proto: 'tcp', hostIp: '', hostPort: 2222, guestPort: 22 };
    expect(refused({ vms: { web: { adapters: [{ mode: 'hostonly', portForwards: [rule] }] } } })).toContain(
      'vms.web.adapters[0].portForwards: is an option of NAT mode, and this adapter is in hostonly mode',
    );
    expect(refused({ vms: { web: { adapters: [{ mode: 'natnetwork', portForwards: [rule] }] } } })).toContain(
      'natNetworks.NatNetwork.portForwards',
    );
    expect(
      refused({ hypervisor: 'vmware', vms: { web: { adapters: [{ mode: 'nat', portForwards: [rule] }] } } }),
    ).toContain('vmnetnat.conf');
  });

  it('probe naming a machine the lab does not have: exit 2, as exec says', () => {
    const lab = labFile('probe.json', { vms: { web: {} } });
    expect(cli('probe', lab, 'wbe', 'host')).toEqual({
      stdout: '',
      stderr: 'vnetlab: there is no machine named "wbe" in this lab',
      code: 2,
    });
    expect(cli('probe', lab, 'web', 'dbx', '--tcp', '5432').code).toBe(2);
    expect(cli('probe', lab, 'internet', 'web').code).toBe(2);
    expect(cli('probe', lab, 'web', '10.9.9.9').code).toBe(0);
  });

  it('[VB-NATNET-4] a NAT network prefix longer than /30', () => {
    expect(refused({ natNetworks: { tiny: { cidr: '10.1.1.0/31' } } })).toContain(
      'natNetworks.tiny.cidr: 10.1.1.0/31 network is too small',
    );
  });

  it('for real: pnpm vnetlab check exits 2 with goals[0].probe.to', async () => {
    const run = promisify(execFile);
    const failure = await run(
      'pnpm',
      ['--silent', 'vnetlab', 'check', fixture('unknown-goal-machine.json')],
      {
        cwd: root,
      },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('goals[0].probe.to: "dbx" is not a machine of this lab');
  });

  it('for real: pnpm vnetlab exec shows curl reset by a forward to nobody', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      'pnpm',
      ['--silent', 'vnetlab', 'exec', fixture('pf-to-nobody.json'), 'host', 'curl http://127.0.0.1:8080/'],
      { cwd: root },
    );
    expect(stdout).toBe('curl: (56) Recv failure: Connection reset by peer\n');
  });
});
