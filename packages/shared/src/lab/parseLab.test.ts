import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeLabError } from './labErrors';
import { parseLab, parseLabJson } from './parseLab';

const errorsOf = (input: unknown) => {
  const result = parseLab(input);
  if (result.ok) throw new Error('expected the lab to be refused');
  return result.errors.map(describeLabError);
};

describe('parseLab', () => {
  it('accepts the example of lab-format.md and applies the defaults', () => {
    const text = readFileSync(
      new URL('../../../../scenarios/lab-format-example.json', import.meta.url),
      'utf8',
    );
    const result = parseLabJson(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const web = result.lab.vms.find((vm) => vm.id === 'web')!;
    expect(web.adapters[0]).toMatchObject({ slot: 0, mode: 'nat', network: '', cable: true, ip: 'dhcp' });
    expect(web.adapters[1]).toMatchObject({ mode: 'hostonly', network: 'vboxnet0' });
    expect(result.lab.vms.find((vm) => vm.id === 'db')!.name).toBe('db');
    expect(result.lab.goals[0]).toMatchObject({ id: 'web-out', expect: true });
  });

  it('gives a minimal lab every default of both products', () => {
    const vbox = parseLab({ format: 'vnetlab/1', vms: { a: { adapters: [{}] } } });
    expect(vbox.ok && vbox.lab.hostOnlyNetworks[0]).toMatchObject({
      name: 'vboxnet0',
      hostIp: '192.168.56.1/24',
      dhcp: { server: '192.168.56.100', from: '192.168.56.101', to: '192.168.56.254' },
    });
    expect(vbox.ok && vbox.lab.lans[0]).toMatchObject({
      name: 'home',
      cidr: '192.168.1.0/24',
      gateway: '192.168.1.1',
      internet: true,
    });
    expect(vbox.ok && vbox.lab.host.nics[0]).toMatchObject({
      name: 'eth0',
      kind: 'ethernet',
      lan: 'home',
      ip: 'dhcp',
    });
    const vmware = parseLab({ format: 'vnetlab/1', hypervisor: 'vmware', vms: { a: { adapters: [{}] } } });
    expect(vmware.ok && vmware.lab.vms[0]!.adapters[0]).toMatchObject({ mode: 'nat', network: 'vmnet8' });
  });

  it("[WIN-1] a VM's os: linux by default; windows drops echo requests unless its firewall says icmp", () => {
    const parsed = parseLab({
      format: 'vnetlab/1',
      vms: { a: {}, win: { os: 'windows' }, open: { os: 'windows', firewall: { icmp: true } } },
    });
    expect(parsed.ok && parsed.lab.vms.map((vm) => [vm.os, vm.firewall.icmp])).toEqual([
      ['linux', true],
      ['windows', false],
      ['windows', true],
    ]);
    const bad = parseLab({ format: 'vnetlab/1', vms: { win: { os: 'macos' } } });
    expect(bad.ok || bad.errors[0]?.path).toBe('vms.win.os');
  });

  it("[WIN-7] [WIN-8] firewall.enabled false admits everything; a Windows host NIC's profile decides its echo", () => {
    const parsed = parseLab({
      format: 'vnetlab/1',
      host: { os: 'windows', nics: { Ethernet: {}, 'Wi-Fi': { kind: 'wifi', profile: 'public' } } },
      vms: { win: { os: 'windows', firewall: { enabled: false, icmp: false, allow: ['tcp/22'] } } },
    });
    expect(parsed.ok && parsed.lab.vms[0]!.firewall).toEqual({
      enabled: false,
      icmp: true,
      allow: null,
      icmpDroppedOn: [],
    });
    expect(parsed.ok && parsed.lab.host.nics.map((nic) => nic.profile)).toEqual(['private', 'public']);
    expect(parsed.ok && parsed.lab.host.firewall.icmpDroppedOn).toEqual(['Wi-Fi']);
    const bad = parseLab({ format: 'vnetlab/1', host: { nics: { eth0: { profile: 'domain' } } } });
    expect(bad.ok || bad.errors[0]?.path).toBe('host.nics.eth0.profile');
    const badFirewall = parseLab({ format: 'vnetlab/1', vms: { a: { firewall: { enabled: 'no' } } } });
    expect(badFirewall.ok || badFirewall.errors[0]?.path).toBe('vms.a.firewall.enabled');
  });

  it('names the path of a bad field, as lab-format.md shows', () => {
    const errors = errorsOf({
      format: 'vnetlab/1',
      vms: { web: { adapters: [{ mode: 'nat' }, { mode: 'bridge' }] } },
    });
    expect(errors).toEqual([
      'vms.web.adapters[1].mode: "bridge" is not one of none, nat, natnetwork, bridged, hostonly, internal, lansegment',
    ]);
  });

  it('explains bad addresses, missing fields, unknown fields and wrong types', () => {
    expect(
      errorsOf({ format: 'vnetlab/1', vms: { a: { adapters: [{ ip: { address: '10.0.0.300/24' } }] } } }),
    ).toEqual([
      'vms.a.adapters[0].ip.address: "10.0.0.300/24" is not an IPv4 address with a prefix (a.b.c.d/len)',
    ]);
    expect(errorsOf({ format: 'vnetlab/1', vms: { a: { adapters: [{ ip: 'static' }] } } })[0]).toContain(
      'vms.a.adapters[0].ip: "static" is not "dhcp"',
    );
    expect(errorsOf({ vms: {} })).toEqual(['format: is required']);
    expect(errorsOf({ format: 'vnetlab/2' })).toEqual(['format: "vnetlab/2" must be "vnetlab/1"']);
    expect(errorsOf({ format: 'vnetlab/1', vms: { a: { adaptors: [] } } })).toEqual([
      'vms.a.adaptors: is not a field of vnetlab/1',
    ]);
    expect(errorsOf({ format: 'vnetlab/1', vms: { a: { listen: ['ssh'] } } })).toEqual([
      'vms.a.listen[0]: "ssh" is not a service like "tcp/22", "udp/53" or "tcp/127.0.0.1:8080"',
    ]);
    expect(
      errorsOf({ format: 'vnetlab/1', goals: [{ id: 'g', probe: { from: 'a', to: 'b', kind: 'tcp' } }] }),
    ).toEqual(['goals[0].probe.port: a tcp probe needs a port']);
    expect(errorsOf([])).toEqual(['expected object, got a list']);
  });

  it('refuses names that would make probes ambiguous', () => {
    expect(
      errorsOf({ format: 'vnetlab/1', lans: { home: { devices: { web: {} } } }, vms: { web: {}, host: {} } }),
    ).toEqual([
      'vms.host: "host" names the host; give this VM another id',
      'lans.home.devices.web: "web" is already the id of a VM; give this device another name',
    ]);
  });

  it('reports a JSON syntax error at the document', () => {
    const result = parseLabJson('{ "format": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/^not valid JSON/);
  });

  it('generates MACs that are deterministic and unique', () => {
    const adapters = Array.from({ length: 8 }, () => ({}));
    const vms = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`vm${i}`, { adapters }]));
    const first = parseLab({ format: 'vnetlab/1', vms });
    const second = parseLab({ format: 'vnetlab/1', vms });
    if (!first.ok || !second.ok) throw new Error('refused');
    const macs = first.lab.vms.flatMap((vm) => vm.adapters.map((adapter) => adapter.mac));
    expect(new Set(macs).size).toBe(macs.length);
    expect(macs).toEqual(second.lab.vms.flatMap((vm) => vm.adapters.map((adapter) => adapter.mac)));
  });
});
