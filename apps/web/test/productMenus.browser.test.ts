import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browserSuite';
import { ARTIFACTS } from './chromium';
import { createRoom } from './server';

const suite = browserSuite();

async function openVm(lab: Record<string, unknown>, vm: string, locale = 'en-US'): Promise<Page> {
  const room = await createRoom(suite.server.origin, { format: 'vnetlab/1', ...lab });
  const context = await suite.newContext({ viewport: { width: 1366, height: 768 }, locale });
  const page = await context.newPage();
  await page.goto(new URL(room.url, suite.server.origin).href);
  await page.locator('[data-status="online"]').waitFor({ timeout: 15_000 });
  await page.locator('.vms-panel').getByRole('button', { name: vm, exact: true }).click();
  return page;
}

const dialogOf = (page: Page, vm: string) => page.getByRole('dialog', { name: new RegExp(vm) });
const attachedTo = (page: Page, vm: string, label = 'Attached to') =>
  dialogOf(page, vm).getByRole('combobox', { name: label, exact: true });
const guestLegend = (page: Page, vm: string) =>
  dialogOf(page, vm)
    .locator('.adapter-panel legend')
    .filter({ hasText: /Inside the guest|子系统内部/ });

/** What `command` prints on `machine` in the room's console. */
async function consoleSays(page: Page, machine: string, command: string): Promise<string> {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.console-line option').count()).toBeGreaterThan(1);
  await page.locator('.console-line select').selectOption(machine);
  const before = await page.locator('.console-output').count();
  await page.locator('.console-line input').fill(command);
  await page.locator('.console-line input').press('Enter');
  await expect
    .poll(() => page.locator('.console-output').count(), { timeout: 10_000 })
    .toBeGreaterThan(before);
  return (await page.locator('.console-output').last().textContent()) ?? '';
}

describe("each product's adapter menu", () => {
  it("[LV-7] a libvirt lab offers virt-manager's network sources; macvtap is a bridged adapter with macvtap", async () => {
    const page = await openVm(
      { hypervisor: 'libvirt', vms: { kvm1: { adapters: [{ mode: 'nat' }] } } },
      'kvm1',
    );
    const menu = attachedTo(page, 'kvm1', 'Network source (Attached to)');
    // DESIGN.md's contract finds the menu by `Attached to`, as a test outside the repository would.
    expect(await dialogOf(page, 'kvm1').getByRole('combobox', { name: 'Attached to' }).inputValue()).toBe(
      'nat',
    );
    // On screen the label says only virt-manager's words; the contract's are visually hidden.
    const label = dialogOf(page, 'kvm1').locator('label', { hasText: 'Network source' });
    expect(await label.evaluate((el) => el.firstChild?.textContent)).toBe('Network source');
    expect(await label.locator('.visually-hidden').textContent()).toBe(' (Attached to)');
    expect(await menu.locator('option').allTextContents()).toEqual([
      'Not attached',
      'Virtual network (NAT)',
      'Virtual network (isolated)',
      'Virtual network (no IP)',
      'Bridge device',
      'Macvtap device',
    ]);
    // The contract's substring lookup of `Name`: virt-manager says "Device name" for a device.
    const name = page.getByRole('dialog', { name: /kvm1/ }).getByRole('combobox', { name: 'Name' });
    expect(await name.inputValue()).toBe('default');
    await menu.selectOption({ label: 'Macvtap device' });
    await expect.poll(() => menu.inputValue(), { timeout: 10_000 }).toBe('macvtap');
    expect(await name.inputValue()).toBe('eth0');
    expect(
      await dialogOf(page, 'kvm1').getByRole('combobox', { name: 'Device name (Name)', exact: true }).count(),
    ).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'menus-libvirt.png') });
    // Back to NAT: macvtap goes with it, or the lab would be refused (LV-3).
    await menu.selectOption({ label: 'Virtual network (NAT)' });
    await expect.poll(() => menu.inputValue(), { timeout: 10_000 }).toBe('nat');
    expect(await page.locator('.field-error').count()).toBe(0);
  }, 90_000);

  it("[HV-4] a Hyper-V lab offers its virtual switches; the Default Switch's name is fixed", async () => {
    const page = await openVm({ hypervisor: 'hyperv', vms: { hv1: { adapters: [{ mode: 'nat' }] } } }, 'hv1');
    const menu = attachedTo(page, 'hv1', 'Virtual switch (Attached to)');
    expect(await dialogOf(page, 'hv1').getByRole('combobox', { name: 'Attached to' }).inputValue()).toBe(
      'nat',
    );
    expect(await menu.locator('option').allTextContents()).toEqual([
      'Not connected',
      'Default Switch',
      'External switch',
      'Internal switch',
      'Private switch',
    ]);
    const name = page
      .getByRole('dialog', { name: /hv1/ })
      .getByRole('combobox', { name: 'Name', exact: true });
    expect(await name.inputValue()).toBe('Default Switch');
    expect(await name.isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'menus-hyperv.png') });
  }, 90_000);
});

describe("each product's adapter page", () => {
  it("[LV-7] a libvirt adapter has virt-manager's Link state and Device model, no promiscuous mode, and the engine's enp1s0", async () => {
    const page = await openVm(
      { hypervisor: 'libvirt', vms: { kvm1: { adapters: [{ mode: 'nat' }] } } },
      'kvm1',
    );
    const dialog = dialogOf(page, 'kvm1');
    const link = dialog.getByRole('checkbox', { name: 'Link state: active', exact: true });
    expect(await link.isChecked()).toBe(true);
    expect(await dialog.getByRole('combobox', { name: 'Device model', exact: true }).inputValue()).toBe(
      'virtio',
    );
    expect(await dialog.getByText('Promiscuous Mode').count()).toBe(0);
    expect(await dialog.getByText('Cable Connected').count()).toBe(0);
    // The canvas legend says an unplugged link in virt-manager's words too.
    const legend = page.getByRole('list', { name: 'Legend' });
    await expect.poll(() => legend.textContent(), { timeout: 15_000 }).toContain('Link state: not active');
    expect(await legend.textContent()).not.toContain('Cable unplugged');
    expect(await guestLegend(page, 'kvm1').textContent()).toBe('Inside the guest · enp1s0');
    // <link state='down'/>: the guest's NIC loses its carrier, as the console then says.
    await link.uncheck();
    await expect.poll(() => link.isChecked(), { timeout: 10_000 }).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'adapter-libvirt.png') });
    const said = await consoleSays(page, 'kvm1', 'ip -br link');
    expect(said).toMatch(/^enp1s0\s/m);
    expect(said).toContain('NO-CARRIER');
  }, 90_000);

  it('[HV-4] a Hyper-V adapter has no cable box: without a link it is "Not connected"; no promiscuous mode; eth0', async () => {
    const page = await openVm(
      { hypervisor: 'hyperv', vms: { hv1: { adapters: [{ mode: 'nat', cable: false }] } } },
      'hv1',
    );
    const dialog = dialogOf(page, 'hv1');
    const menu = attachedTo(page, 'hv1', 'Virtual switch (Attached to)');
    expect(await menu.inputValue()).toBe('none');
    expect(await dialog.getByRole('combobox', { name: 'Hardware', exact: true }).inputValue()).toBe(
      'synthetic',
    );
    // The adapter page's only check box is "Enable Network Adapter".
    expect(await dialog.locator('.adapter-panel input[type="checkbox"]').count()).toBe(1);
    expect(await dialog.getByText(/Cable Connected|Link state|Promiscuous/).count()).toBe(0);
    expect(await guestLegend(page, 'hv1').textContent()).toBe('Inside the guest · eth0');
    // Connecting it to the Default Switch plugs it in: the guest gets the switch's DHCP lease (HV-1).
    await menu.selectOption({ label: 'Default Switch' });
    await expect.poll(() => menu.inputValue(), { timeout: 10_000 }).toBe('nat');
    await page.screenshot({ path: join(ARTIFACTS, 'adapter-hyperv.png') });
    const said = await consoleSays(page, 'hv1', 'ip -br addr');
    expect(said).toMatch(/^eth0\s+UP\s+172\.26\./m);
  }, 90_000);

  it('[LV-7] [HV-4] in 简体中文 too; VirtualBox keeps its own words and names the NIC enp0s3', async () => {
    const kvm = await openVm(
      { hypervisor: 'libvirt', vms: { kvm1: { adapters: [{ mode: 'nat' }] } } },
      'kvm1',
      'zh-CN',
    );
    expect(await attachedTo(kvm, 'kvm1', '网络源').inputValue()).toBe('nat');
    expect(await dialogOf(kvm, 'kvm1').getByRole('checkbox', { name: '链接状态：活动' }).isChecked()).toBe(
      true,
    );
    expect(await guestLegend(kvm, 'kvm1').textContent()).toBe('子系统内部 · enp1s0');
    await kvm.screenshot({ path: join(ARTIFACTS, 'adapter-libvirt-zh.png') });
    const hv = await openVm(
      { hypervisor: 'hyperv', vms: { hv1: { adapters: [{ mode: 'nat' }] } } },
      'hv1',
      'zh-CN',
    );
    expect(await attachedTo(hv, 'hv1', '虚拟交换机').locator('option').first().textContent()).toBe('未连接');
    await hv.screenshot({ path: join(ARTIFACTS, 'adapter-hyperv-zh.png') });
    const vbox = await openVm({ vms: { vb1: { adapters: [{ mode: 'nat' }] } } }, 'vb1');
    const dialog = dialogOf(vbox, 'vb1');
    expect(await attachedTo(vbox, 'vb1').inputValue()).toBe('nat');
    expect(await dialog.getByRole('checkbox', { name: 'Cable Connected' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('combobox', { name: 'Promiscuous Mode' }).inputValue()).toBe('deny');
    expect(await guestLegend(vbox, 'vb1').textContent()).toBe('Inside the guest · enp0s3');
  }, 120_000);

  it('[VMW-12] a VMware adapter has "Connected", its .vmx virtualDev, no promiscuous menu; ens33', async () => {
    const page = await openVm(
      {
        hypervisor: 'vmware',
        vms: { ws1: { adapters: [{ mode: 'nat' }, { mode: 'hostonly', cable: false }] } },
      },
      'ws1',
    );
    const dialog = dialogOf(page, 'ws1');
    expect(await attachedTo(page, 'ws1', 'Network connection (Attached to)').inputValue()).toBe('nat');
    expect(await dialog.getByRole('checkbox', { name: 'Connected', exact: true }).isChecked()).toBe(true);
    expect(
      await dialog.getByRole('combobox', { name: 'ethernet0.virtualDev (.vmx)', exact: true }).inputValue(),
    ).toBe('e1000');
    expect(await dialog.getByText(/Cable Connected|Promiscuous/).count()).toBe(0);
    expect(await guestLegend(page, 'ws1').textContent()).toBe('Inside the guest · ens33');
    const legend = page.getByRole('list', { name: 'Legend' });
    await expect.poll(() => legend.textContent(), { timeout: 15_000 }).toContain('Not connected');
    await page.screenshot({ path: join(ARTIFACTS, 'adapter-vmware.png') });
  }, 90_000);
});

/** The VM list's tags of a VM's adapters (mode, then an unplugged link's word), once results drew them. */
async function vmListTags(page: Page, vm: string, count: number): Promise<string[]> {
  const tags = page.locator(`.vms-panel [data-vm="${vm}"] .mode-tag`);
  await expect.poll(() => tags.count(), { timeout: 15_000 }).toBe(count);
  return tags.allTextContents();
}

const unpluggedTags = (page: Page, vm: string) =>
  page.locator(`.vms-panel [data-vm="${vm}"] .unplugged`).allTextContents();

/** The legend's entries, once the lab parsed (the canvas legend follows the lab's product). */
async function legendOf(page: Page, first: string): Promise<string[]> {
  const items = page.getByRole('list', { name: /Legend|图例/ }).locator('li');
  await expect.poll(() => items.first().textContent(), { timeout: 15_000 }).toBe(first);
  return (await items.allTextContents()).map((text) => text.trim());
}

describe("each product's words in the legend, the VM list and the dialog's Name, MAC and Advanced", () => {
  it('[VMW-12] VMware: NAT, Custom, LAN segment in the VM list; Specific virtual network, Advanced, MAC Address, Generate', async () => {
    const page = await openVm(
      {
        hypervisor: 'vmware',
        hostOnlyNetworks: { vmnet1: {}, vmnet2: { hostIp: '192.168.101.1/24' } },
        vms: {
          ws1: {
            adapters: [
              { mode: 'nat' },
              { mode: 'hostonly', network: 'vmnet2' },
              { mode: 'lansegment', network: 'seg1', cable: false },
            ],
          },
        },
      },
      'ws1',
    );
    const dialog = dialogOf(page, 'ws1');
    const network = dialog.getByRole('combobox', { name: 'Specific virtual network (Name)', exact: true });
    expect(await network.inputValue()).toBe('vmnet8');
    expect(await dialog.locator('.adapter-panel legend').first().textContent()).toBe('Advanced');
    expect(await dialog.getByRole('textbox', { name: 'MAC Address', exact: true }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Generate', exact: true }).count()).toBe(1);
    await dialog.getByRole('tab', { name: 'Adapter 3', exact: true }).click();
    expect(await dialog.getByRole('combobox', { name: 'LAN segment (Name)', exact: true }).inputValue()).toBe(
      'seg1',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'words-vmware-dialog.png') });
    await page.keyboard.press('Escape');
    expect(await vmListTags(page, 'ws1', 3)).toEqual(['NAT', 'Custom', 'LAN segment']);
    expect(await unpluggedTags(page, 'ws1')).toEqual(['not connected']);
    expect(await legendOf(page, 'NAT')).toEqual(
      expect.arrayContaining(['NAT', 'Custom (NAT)', 'Bridged', 'Host-only', 'LAN segment', 'Not connected']),
    );
    expect((await legendOf(page, 'NAT')).join('|')).not.toMatch(/NAT Network|Internal|Cable unplugged/);
    await page.screenshot({ path: join(ARTIFACTS, 'words-vmware-list.png') });
  }, 90_000);

  it('[VMW-12] VMware in 简体中文: 网络连接, 特定虚拟网络, MAC 地址, 生成; the VM list says 自定义', async () => {
    const page = await openVm(
      {
        hypervisor: 'vmware',
        hostOnlyNetworks: { vmnet1: {}, vmnet2: { hostIp: '192.168.101.1/24' } },
        vms: { ws1: { adapters: [{ mode: 'hostonly', network: 'vmnet2' }] } },
      },
      'ws1',
      'zh-CN',
    );
    const dialog = dialogOf(page, 'ws1');
    expect(await dialog.getByRole('combobox', { name: '网络连接', exact: true }).inputValue()).toBe('custom');
    expect(await dialog.getByRole('combobox', { name: '特定虚拟网络', exact: true }).inputValue()).toBe(
      'vmnet2',
    );
    expect(await dialog.getByRole('textbox', { name: 'MAC 地址', exact: true }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: '生成', exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'words-vmware-zh.png') });
    await page.keyboard.press('Escape');
    expect(await vmListTags(page, 'ws1', 1)).toEqual(['自定义']);
  }, 90_000);

  it("[LV-7] libvirt: virt-manager's words in the VM list, the legend and the Virtual Network Interface group", async () => {
    const page = await openVm(
      {
        hypervisor: 'libvirt',
        vms: {
          kvm1: {
            adapters: [
              { mode: 'nat' },
              { mode: 'bridged', network: 'eth0', macvtap: true },
              { mode: 'hostonly', cable: false },
            ],
          },
        },
      },
      'kvm1',
    );
    const dialog = dialogOf(page, 'kvm1');
    expect(await dialog.locator('.adapter-panel legend').first().textContent()).toBe(
      'Virtual Network Interface',
    );
    expect(await dialog.getByRole('textbox', { name: 'MAC address', exact: true }).count()).toBe(1);
    // virt-manager has no button that makes a new MAC address.
    expect(await dialog.getByRole('button', { name: /Generate/ }).count()).toBe(0);
    await dialog.getByRole('tab', { name: 'Adapter 2', exact: true }).click();
    expect(await dialog.getByRole('combobox', { name: 'Device name (Name)', exact: true }).inputValue()).toBe(
      'eth0',
    );
    await page.keyboard.press('Escape');
    expect(await vmListTags(page, 'kvm1', 3)).toEqual([
      'Virtual network (NAT)',
      'Macvtap device',
      'Virtual network (isolated)',
    ]);
    expect(await unpluggedTags(page, 'kvm1')).toEqual(['link state: not active']);
    const legend = await legendOf(page, 'Virtual network (NAT)');
    expect(legend.slice(0, 4)).toEqual([
      'Virtual network (NAT)',
      'Bridge device',
      'Isolated network',
      'Virtual network (no IP)',
    ]);
    // The guests share libvirt's `default` NAT network (LV-1): one node, not a NAT engine each.
    await expect
      .poll(() => page.locator('.topology-frame').textContent(), { timeout: 15_000 })
      .toContain('NAT · default');
    expect(await page.locator('.topology-frame').textContent()).not.toContain('10.0.2.0/24');
    await page.screenshot({ path: join(ARTIFACTS, 'words-libvirt-list.png') });
  }, 90_000);

  it('[HV-4] Hyper-V: switches in the VM list and legend; Advanced Features with a MAC address Dynamic or Static', async () => {
    const page = await openVm(
      {
        hypervisor: 'hyperv',
        vms: { hv1: { adapters: [{ mode: 'nat' }, { mode: 'internal', network: 'Private' }] } },
      },
      'hv1',
    );
    const dialog = dialogOf(page, 'hv1');
    expect(await dialog.locator('.adapter-panel legend').first().textContent()).toBe('Advanced Features');
    const mac = dialog.getByRole('textbox', { name: 'MAC address', exact: true });
    const choice = dialog.getByRole('radiogroup', { name: 'MAC address' });
    expect(await choice.getByRole('radio', { name: 'Dynamic' }).isChecked()).toBe(true);
    expect(await mac.isDisabled()).toBe(true);
    // Static: a fixed address from Hyper-V's pool (00:15:5D), which can then be typed.
    await choice.getByRole('radio', { name: 'Static' }).check();
    await expect.poll(() => mac.inputValue(), { timeout: 10_000 }).toMatch(/^00155d/i);
    expect(await mac.isDisabled()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'words-hyperv-dialog.png') });
    await choice.getByRole('radio', { name: 'Dynamic' }).check();
    await expect.poll(() => mac.inputValue(), { timeout: 10_000 }).toBe('');
    await page.keyboard.press('Escape');
    expect(await vmListTags(page, 'hv1', 2)).toEqual(['Default Switch', 'Private switch']);
    const legend = await legendOf(page, 'Default Switch');
    expect(legend.slice(0, 4)).toEqual([
      'Default Switch',
      'External switch',
      'Internal switch',
      'Private switch',
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'words-hyperv-list.png') });
  }, 90_000);

  it('VirtualBox keeps its own words in the legend and the VM list', async () => {
    const page = await openVm(
      {
        vms: {
          vb1: { adapters: [{ mode: 'nat' }, { mode: 'natnetwork' }, { mode: 'hostonly', cable: false }] },
        },
      },
      'vb1',
    );
    const dialog = dialogOf(page, 'vb1');
    expect(await dialog.getByRole('combobox', { name: 'Name', exact: true }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: /Generate a new MAC address/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await vmListTags(page, 'vb1', 3)).toEqual(['NAT', 'NAT Network', 'Host-only']);
    expect(await unpluggedTags(page, 'vb1')).toEqual(['unplugged']);
    expect((await legendOf(page, 'NAT')).slice(0, 5)).toEqual([
      'NAT',
      'NAT Network',
      'Bridged',
      'Host-only',
      'Internal',
    ]);
  }, 90_000);
});

/** The VM list's column headers of a VM's adapter table, once it is drawn. */
async function vmListColumns(page: Page, vm: string): Promise<string[]> {
  const headers = page.locator(`.vms-panel [data-vm="${vm}"] thead th`);
  await expect.poll(() => headers.count(), { timeout: 15_000 }).toBe(4);
  return headers.allTextContents();
}

const historyOf = (page: Page, name: string) => page.getByRole('list', { name, exact: true });

describe("the VM list's column and badge, and the history, in each product's words", () => {
  it('[VMW-12] VMware: "Network connection"; unticking "Connected" badges the adapter "not connected" and the history says so', async () => {
    const page = await openVm({ hypervisor: 'vmware', vms: { ws1: { adapters: [{ mode: 'nat' }] } } }, 'ws1');
    const connected = dialogOf(page, 'ws1').getByRole('checkbox', { name: 'Connected', exact: true });
    await connected.uncheck();
    await expect.poll(() => connected.isChecked(), { timeout: 10_000 }).toBe(false);
    await page.keyboard.press('Escape');
    expect(await vmListColumns(page, 'ws1')).toEqual(['#', 'Network connection', 'Network', 'Address']);
    await expect.poll(() => unpluggedTags(page, 'ws1'), { timeout: 15_000 }).toEqual(['not connected']);
    await expect
      .poll(() => historyOf(page, 'History').textContent(), { timeout: 15_000 })
      .toContain('unticked "Connected" of ws1 (adapter 1)');
    expect(await historyOf(page, 'History').textContent()).not.toContain('cable');
    await page.screenshot({ path: join(ARTIFACTS, 'vmlist-vmware-unticked.png') });
  }, 90_000);

  it('[LV-7] libvirt in 简体中文: 网络源; clearing 链接状态：活动 badges 链接状态：非活动 and the history says 非活动', async () => {
    const page = await openVm(
      { hypervisor: 'libvirt', vms: { kvm1: { adapters: [{ mode: 'nat' }] } } },
      'kvm1',
      'zh-CN',
    );
    const link = dialogOf(page, 'kvm1').getByRole('checkbox', { name: '链接状态：活动', exact: true });
    await link.uncheck();
    await expect.poll(() => link.isChecked(), { timeout: 10_000 }).toBe(false);
    await page.keyboard.press('Escape');
    expect(await vmListColumns(page, 'kvm1')).toEqual(['#', '网络源', '网络', '地址']);
    await expect.poll(() => unpluggedTags(page, 'kvm1'), { timeout: 15_000 }).toEqual(['链接状态：非活动']);
    await expect
      .poll(() => historyOf(page, '历史').textContent(), { timeout: 15_000 })
      .toContain('把 kvm1（网卡 1）的链接状态设为非活动');
    expect(await historyOf(page, '历史').textContent()).not.toContain('网线');
    await page.screenshot({ path: join(ARTIFACTS, 'vmlist-libvirt-zh.png') });
  }, 90_000);

  it('[HV-4] Hyper-V: "Virtual switch", an adapter without a link badged "not connected"; in 简体中文 虚拟交换机 and 未连接', async () => {
    const lab = {
      hypervisor: 'hyperv',
      vms: { hv1: { adapters: [{ mode: 'nat' }, { mode: 'internal', network: 'Private', cable: false }] } },
    };
    const page = await openVm(lab, 'hv1');
    await page.keyboard.press('Escape');
    expect(await vmListColumns(page, 'hv1')).toEqual(['#', 'Virtual switch', 'Network', 'Address']);
    await expect.poll(() => unpluggedTags(page, 'hv1'), { timeout: 15_000 }).toEqual(['not connected']);
    const zh = await openVm(lab, 'hv1', 'zh-CN');
    await zh.keyboard.press('Escape');
    expect(await vmListColumns(zh, 'hv1')).toEqual(['#', '虚拟交换机', '网络', '地址']);
    await expect.poll(() => unpluggedTags(zh, 'hv1'), { timeout: 15_000 }).toEqual(['未连接']);
    await zh.screenshot({ path: join(ARTIFACTS, 'vmlist-hyperv-zh.png') });
  }, 120_000);

  it('VirtualBox keeps "Mode" and its cable: unplugging says so in the history', async () => {
    const page = await openVm({ vms: { vb1: { adapters: [{ mode: 'nat' }] } } }, 'vb1');
    const cable = dialogOf(page, 'vb1').getByRole('checkbox', { name: 'Cable Connected' });
    await cable.uncheck();
    await expect.poll(() => cable.isChecked(), { timeout: 10_000 }).toBe(false);
    await page.keyboard.press('Escape');
    expect(await vmListColumns(page, 'vb1')).toEqual(['#', 'Mode', 'Network', 'Address']);
    await expect.poll(() => unpluggedTags(page, 'vb1'), { timeout: 15_000 }).toEqual(['unplugged']);
    await expect
      .poll(() => historyOf(page, 'History').textContent(), { timeout: 15_000 })
      .toContain('unplugged the cable of vb1 (adapter 1)');
  }, 90_000);
});
