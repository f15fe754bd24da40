/**
 * The scenario library (`scenarios/`): every lab is valid, has its texts in English and
 * 简体中文, and locks only paths that exist. A build exercise passes `check` as it is;
 * a troubleshooting lab (`fault-*`) fails exactly the goals its planted fault breaks,
 * and passes once that one fault is fixed (the fix below), nothing else changed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(new URL(path, `file://${root}`), 'utf8');
const files = readdirSync(new URL('scenarios/', `file://${root}`)).filter((name) => name.endsWith('.json'));

type Lab = Record<string, unknown>;
/** [path, value] pairs, path as an array of keys and indexes; undefined deletes. */
type Fix = [readonly (string | number)[], unknown][];

const FAULTS: Record<string, { failing: string[]; fix: Fix }> = {
  'fault-clone-duplicate-address': {
    failing: ['host-web'],
    fix: [
      [['vms', 'web-clone', 'adapters', 0, 'ip', 'address'], '192.168.56.11/24'],
      [['vms', 'web-clone', 'adapters', 0, 'mac'], '080027A1B2C4'],
    ],
  },
  'fault-internal-name-case': {
    failing: ['vm-vm', 'vm-vm-back'],
    fix: [[['vms', 'vm2', 'adapters', 0, 'network'], 'intnet']],
  },
  'fault-missing-gateway': {
    failing: ['client-out'],
    fix: [[['vms', 'client', 'adapters', 0, 'ip', 'gateway'], '10.10.0.1']],
  },
  'fault-router-forwarding-off': {
    failing: ['client-out'],
    fix: [[['vms', 'router', 'ipForwarding'], true]],
  },
  'fault-cable-disconnected': {
    failing: ['web-out', 'web-host'],
    fix: [[['vms', 'web', 'adapters', 0, 'cable'], true]],
  },
  'fault-port-forward-loopback': {
    failing: ['laptop-ssh'],
    fix: [[['vms', 'server', 'adapters', 0, 'portForwards', 0, 'hostIp'], '']],
  },
  'fault-two-dhcp-servers': {
    failing: ['vm-out', 'vm-host'],
    fix: [[['hostOnlyNetworks', 'vboxnet0', 'dhcp'], null]],
  },
  'fault-privileged-host-port': {
    failing: ['host-web', 'web-out'],
    fix: [[['vms', 'web', 'adapters', 0, 'portForwards', 0, 'hostPort'], 8080]],
  },
};

function patched(lab: Lab, fix: Fix): Lab {
  const copy = structuredClone(lab);
  for (const [path, value] of fix) {
    let node = copy as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[path.at(-1) as string | number] = value;
  }
  return copy;
}

function check(lab: Lab) {
  const result = runCli(['check', 'lab.json', '--json'], () => JSON.stringify(lab));
  if (result.code === 2) throw new Error(result.stderr);
  return { code: result.code, goals: JSON.parse(result.stdout).goals as Record<string, { met: boolean }> };
}

describe('the scenario library', () => {
  it('has every troubleshooting lab the classroom needs', () => {
    expect(
      files
        .filter((file) => file.startsWith('fault-'))
        .map((file) => file.slice(0, -5))
        .sort(),
    ).toEqual(Object.keys(FAULTS).sort());
    for (const id of [
      'ssh-nat-port-forward',
      'router-vm-internal-internet',
      'vmware-vmnet8-nat',
      'vmware-vmnet1-hostonly',
    ])
      expect(files).toContain(`${id}.json`);
  });

  for (const file of files.filter((name) => name !== 'lab-format-example.json')) {
    it(`${file}: title, text and every goal in English and 简体中文`, () => {
      const lab = JSON.parse(read(`scenarios/${file}`)) as {
        title: string;
        text: string;
        goals: { id: string; text: string }[];
        i18n: { 'zh-CN': { title: string; text: string; goals: Record<string, string> } };
      };
      expect(lab.title).not.toBe('');
      const zh = lab.i18n['zh-CN'];
      expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
      // The seed article's experiments carry no exercise text, only their title and goals.
      if (!file.startsWith('seed-')) {
        expect(lab.text).not.toBe('');
        expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
      }
      // English in English: a goal's text does not lead with the Chinese one.
      for (const goal of lab.goals) expect(goal.text).not.toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(zh.goals).sort()).toEqual(lab.goals.map((goal) => goal.id).sort());
      for (const goal of lab.goals) expect(goal.text).not.toBe('');
    });
  }

  for (const [id, { failing, fix }] of Object.entries(FAULTS)) {
    it(`${id}: fails exactly its planted fault's goals, and passes once that is fixed`, () => {
      const lab = JSON.parse(read(`scenarios/${id}.json`)) as Lab;
      const faulty = check(lab);
      expect(faulty.code).toBe(1);
      const unmet = Object.entries(faulty.goals)
        .filter(([, goal]) => !goal.met)
        .map(([goal]) => goal);
      expect(unmet.sort()).toEqual([...failing].sort());
      const fixed = check(patched(lab, fix));
      expect(fixed.code).toBe(0);
      // The CLI itself, on the file as shipped.
      expect(runCli(['check', `scenarios/${id}.json`], read).code).toBe(1);
    });
  }

  it('check reports a locked path that matches nothing as an error naming it (exit 2)', () => {
    const lab = {
      ...(JSON.parse(read('scenarios/seed-2-nat.json')) as Lab),
      locked: ['vms.vm1.adapters[0].mode', 'vms.web.adapters[0].mode'],
    };
    const result = runCli(['check', 'lab.json'], () => JSON.stringify(lab));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('lab.json: locked[1]: "vms.web.adapters[0].mode" matches nothing in this lab');
    const bad = runCli(['check', 'lab.json'], () => JSON.stringify({ ...lab, locked: ['vms..x'] }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('locked[0]');
  });
});
