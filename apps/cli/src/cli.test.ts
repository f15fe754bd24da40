/**
 * The command line, in-process for every scenario and for real (`pnpm vnetlab`)
 * for the public contract: exit codes, JSON, field paths on stderr.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const scenario = (name: string) => `scenarios/${name}`;
const read = (path: string) => readFileSync(new URL(path, `file://${root}`), 'utf8');
const cli = (...argv: string[]) => runCli(argv, read);

describe('vnetlab check on every scenario', () => {
  // Troubleshooting labs (fault-*) fail on purpose: scenarios.test.ts checks them.
  for (const file of readdirSync(new URL('scenarios/', `file://${root}`)).filter(
    (name) => !name.startsWith('fault-'),
  )) {
    it(`${file}: every goal is met`, () => {
      const result = cli('check', scenario(file));
      expect(result.stderr).toBe('');
      expect(result.stdout).not.toContain('✗');
      expect(result.code).toBe(0);
    });
  }
});

describe('the seed article, through the CLI', () => {
  it('two NAT VMs are both 10.0.2.15 and cannot ping each other', () => {
    for (const vm of ['vm1', 'vm2']) {
      expect(cli('exec', scenario('seed-2-nat.json'), vm, 'ip addr').stdout).toContain('inet 10.0.2.15/24');
    }
    const probe = JSON.parse(cli('probe', scenario('seed-2-nat.json'), 'vm1', 'vm2', '--json').stdout);
    expect(probe.reachable).toBe(false);
    expect(probe.why.code).toBe('nat-private');
    // What the article's screenshot shows: the ping to the other VM's address answers from itself.
    expect(cli('exec', scenario('seed-2-nat.json'), 'vm1', 'ping -c 1 www.example.com').stdout).toContain(
      '1 received',
    );
  });

  it('NAT Network VMs are on one subnet and ping each other', () => {
    const vm2 = cli('exec', scenario('seed-3-natnetwork.json'), 'vm2', 'ip addr').stdout;
    expect(vm2).toContain('inet 10.0.2.5/24');
    expect(cli('exec', scenario('seed-3-natnetwork.json'), 'vm1', 'ping -c 2 10.0.2.5').stdout).toContain(
      '2 packets transmitted, 2 received, 0% packet loss',
    );
  });

  it('host-only reaches the internet only when the host shares and the guest has a gateway', () => {
    expect(cli('exec', scenario('seed-4-hostonly.json'), 'vm1', 'ping -c 1 93.184.215.14').stdout).toBe(
      'ping: connect: Network is unreachable\n',
    );
    const shared = scenario('seed-5-hostonly-shared.json');
    expect(cli('exec', shared, 'vm1', 'curl http://example.com/').stdout).toContain('Example Domain');
    expect(cli('exec', shared, 'vm2', 'ip route').stdout).not.toContain('default');
  });

  it('internal networks reach only each other', () => {
    const file = scenario('seed-6-internal.json');
    expect(cli('exec', file, 'vm1', 'nc -zv 10.10.0.11 22').stdout).toContain('succeeded!');
    expect(cli('probe', file, 'host', 'vm1').stdout).toMatch(/^unreachable/);
  });
});

describe('consoles that parse like the real tools, through the CLI', () => {
  const lab = 'apps/cli/src/fixtures/consoles.json';

  it('ping -c1 and -c 1, curl -w with a quoted format, nc -zv, ss, dig', () => {
    expect(cli('exec', lab, 'web', 'ping -c1 -s 8 192.168.56.1').stdout).toContain(
      '16 bytes from 192.168.56.1: icmp_seq=1 ttl=128\n',
    );
    expect(
      cli('exec', lab, 'web', "curl -s -o /dev/null -w '%{http_code}' http://192.168.56.10/").stdout,
    ).toBe('200\n');
    expect(cli('exec', lab, 'web', 'nc -zv -w 3 192.168.56.20 3389').stdout).toBe(
      'Connection to 192.168.56.20 3389 port [tcp/ms-wbt-server] succeeded!\n',
    );
    expect(cli('exec', lab, 'web', 'ss -tln').stdout).toContain('0.0.0.0:80');
    expect(cli('exec', lab, 'web', 'dig +short win').stdout).toBe('');
  });

  it('[WIN-1] the Windows guest drops pings but answers ipconfig as Windows does', () => {
    expect(cli('exec', lab, 'web', 'ping -c 1 192.168.56.20').stdout).toContain('100% packet loss');
    expect(cli('exec', lab, 'win', 'ipconfig').stdout).toContain(
      '   IPv4 Address. . . . . . . . . . . : 192.168.56.20\n',
    );
    expect(cli('exec', lab, 'host', 'route print').stdout).toContain('Software Loopback Interface 1');
  });

  it('exec --json gives the exit status and the lab edit of ip link set', () => {
    const json = JSON.parse(cli('exec', lab, 'web', 'sudo ip link set enp0s8 down', '--json').stdout);
    expect(json).toEqual({
      output: '',
      exitCode: 0,
      edit: { path: 'vms.web.adapters[1].cable', value: false },
    });
    const refused = JSON.parse(cli('exec', lab, 'web', 'ping -c abc 1.1.1.1', '--json').stdout);
    expect(refused).toEqual({ output: "ping: invalid argument: 'abc'", exitCode: 1, edit: null });
  });
});

describe('vnetlab output', () => {
  it('prints the matrix as a table and as JSON', () => {
    const table = cli('matrix', scenario('seed-1-bridged.json'));
    expect(table.stdout.split('\n')[0]).toMatch(/host\s+vm1\s+vm2\s+laptop\s+internet/);
    const json = JSON.parse(cli('matrix', scenario('seed-1-bridged.json'), '--json').stdout);
    expect(json.sources).toEqual(['host', 'vm1', 'vm2', 'laptop']);
    expect(json.cells.length).toBeGreaterThan(10);
  });

  it('gives the same bytes for the same lab', () => {
    const once = cli('matrix', scenario('lab-format-example.json'), '--json').stdout;
    expect(cli('matrix', scenario('lab-format-example.json'), '--json').stdout).toBe(once);
  });

  it('exit 2 and the field path for a bad file; exit 2 for a missing one', () => {
    const bad = runCli(
      ['check', 'bad.json'],
      () => '{"format":"vnetlab/1","vms":{"web":{"adapters":[{"mode":"bridge"}]}}}',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: vms.web.adapters[0].mode: "bridge" is not one of');
    expect(cli('check', 'scenarios/nope.json').code).toBe(2);
  });
});

describe('pnpm vnetlab, for real', () => {
  const run = promisify(execFile);
  const pnpm = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run('pnpm', ['--silent', 'vnetlab', ...args], { cwd: root });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const failure = error as { stdout: string; stderr: string; code: number };
      return { stdout: failure.stdout, stderr: failure.stderr, code: failure.code };
    }
  };

  it('probe --json prints the contract fields', async () => {
    const result = await pnpm(
      'probe',
      'scenarios/lab-format-example.json',
      'host',
      'web',
      '--tcp',
      '22',
      '--json',
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['reachable', 'via', 'hops', 'reason', 'why']);
    expect(json.reachable).toBe(true);
  });

  it('exec passes a quoted -w format through the real shell and the real CLI; [WIN-5] the Windows host drops a closed port silently', async () => {
    const result = await pnpm(
      'exec',
      'apps/cli/src/fixtures/consoles.json',
      'web',
      "curl -sS -w '%{http_code}\\n' -o /dev/null http://192.168.56.1:9/",
    );
    // The fixture's host is Windows: nothing on port 9, and its firewall answers nothing,
    // so curl waits out the kernel's SYN retries rather than being refused.
    expect(result).toMatchObject({
      code: 0,
      stdout:
        "curl: (28) Failed to connect to 192.168.56.1 port 9 after 134061 ms: Couldn't connect to server\n000\n",
    });
  });

  it('check exits 1 when a goal fails, 2 on a bad file', async () => {
    const failing = await pnpm('check', 'apps/cli/src/fixtures/failing-goal.json');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('✗ web-db');
    const bad = await pnpm('check', 'apps/cli/src/fixtures/bad-mode.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('vms.web.adapters[1].mode: "bridge" is not one of');
  });
});
