import { describe, expect, it } from 'vitest';
import { labView, PRODUCT_NAMES } from './labView';

const lab = {
  format: 'vnetlab/1',
  title: 'NAT or NAT Network?',
  host: { nics: { eth0: { kind: 'ethernet', lan: 'home', ip: 'dhcp' } } },
  vms: {
    web: {
      name: 'web server',
      adapters: [{ mode: 'nat' }, { mode: 'hostonly', network: 'vboxnet0', cable: false }],
    },
    db: {
      adapters: [
        { mode: 'internal', ip: { address: '10.10.0.2/24', gateway: '10.10.0.1' } },
        { mode: 'bridged' },
        {},
      ],
    },
  },
  goals: [{ id: 'web-out', text: 'web reaches the internet', expect: true }, { text: 'no id' }],
};

describe('labView', () => {
  it('resolves each adapter with the defaults of the product', () => {
    const view = labView(lab);
    expect(view.title).toBe('NAT or NAT Network?');
    expect(view.vms.map((vm) => vm.name)).toEqual(['web server', 'db']);
    expect(view.vms[0]?.adapters).toEqual([
      { slot: 0, mode: 'nat', network: '', cable: true, macvtap: false, address: 'dhcp' },
      { slot: 1, mode: 'hostonly', network: 'vboxnet0', cable: false, macvtap: false, address: 'dhcp' },
    ]);
    expect(view.vms[1]?.adapters).toEqual([
      {
        slot: 0,
        mode: 'internal',
        network: 'intnet',
        cable: true,
        macvtap: false,
        address: '10.10.0.2/24 via 10.10.0.1',
      },
      { slot: 1, mode: 'bridged', network: 'eth0', cable: true, macvtap: false, address: 'dhcp' },
      { slot: 2, mode: 'nat', network: '', cable: true, macvtap: false, address: 'dhcp' },
    ]);
  });

  it('uses the VMware defaults for a VMware lab', () => {
    const view = labView({
      hypervisor: 'vmware',
      vms: { a: { adapters: [{ mode: 'nat' }, { mode: 'lansegment' }] } },
    });
    expect(view.vms[0]?.adapters.map((a) => [a.mode, a.network])).toEqual([
      ['nat', 'vmnet8'],
      ['internal', 'LAN Segment 1'],
    ]);
  });

  it('survives anything', () => {
    for (const junk of [undefined, null, 42, 'x', [], { vms: 3 }, { vms: { a: null } }, { goals: {} }]) {
      expect(() => labView(junk)).not.toThrow();
    }
    expect(labView({}).title).toBe('Untitled lab');
    expect(labView(lab).goals).toEqual([
      { id: 'web-out', text: 'web reaches the internet', expect: true },
      { id: 'goal-2', text: 'no id', expect: true },
    ]);
  });

  it('names the product of every hypervisor the lab format knows, VirtualBox when absent or unknown', () => {
    expect(PRODUCT_NAMES[labView({ hypervisor: 'libvirt' }).hypervisor]).toBe('KVM / libvirt');
    expect(PRODUCT_NAMES[labView({ hypervisor: 'hyperv' }).hypervisor]).toBe('Hyper-V');
    expect(labView({ hypervisor: 'vmware' }).hypervisor).toBe('vmware');
    expect(labView({ hypervisor: 'qemu' }).hypervisor).toBe('virtualbox');
    expect(labView({}).hypervisor).toBe('virtualbox');
  });

  it('shows the title, the text and the goals in the page’s language where the lab has them', () => {
    const lab = {
      title: 'NAT',
      text: 'Each VM has its own NAT engine.',
      goals: [
        { id: 'a', text: 'the VM reaches the internet' },
        { id: 'b', text: 'the VM reaches the host' },
      ],
      i18n: {
        'zh-CN': {
          title: 'NAT 模式',
          text: '每台虚拟机都有自己的 NAT 引擎。',
          goals: { a: '访问外网没问题' },
        },
      },
    };
    expect(labView(lab).title).toBe('NAT');
    expect(labView(lab).text).toBe('Each VM has its own NAT engine.');
    expect(labView(lab).goals.map((goal) => goal.text)).toEqual([
      'the VM reaches the internet',
      'the VM reaches the host',
    ]);
    const zh = labView(lab, 'zh-CN');
    expect(zh.title).toBe('NAT 模式');
    expect(zh.text).toBe('每台虚拟机都有自己的 NAT 引擎。');
    // A translation without a text falls back to the English one; a lab without any shows none.
    expect(labView({ ...lab, i18n: { 'zh-CN': { title: 'NAT 模式' } } }, 'zh-CN').text).toBe(lab.text);
    expect(labView({ title: 'NAT' }).text).toBe('');
    expect(zh.goals.map((goal) => goal.text)).toEqual(['访问外网没问题', 'the VM reaches the host']);
  });
});
