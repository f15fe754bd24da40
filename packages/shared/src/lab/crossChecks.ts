/**
 * What the schema cannot see field by field but the product (or the grader) would
 * refuse: a goal naming a machine the lab does not have, a port forward on an
 * adapter that has no NAT engine, a NAT network VirtualBox calls "too small".
 * Each error names the field's path, like the schema's own.
 */
import { parseCidr, parseIpv4 } from '../net/ipv4';
import { productName } from './defaults';
import type { LabError } from './labErrors';
import type { LabFile } from './schema';

export function crossChecks(file: LabFile): LabError[] {
  return [
    ...goalErrors(file),
    ...adapterErrors(file),
    ...natNetworkErrors(file),
    ...vmnetErrors(file),
    ...libvirtErrors(file),
    ...dhcpOptionErrors(file),
  ];
}

/**
 * DHCP-3: options set by hand are VirtualBox's (`VBoxManage dhcpserver --set-opt`) and
 * VMware's (vmnetdhcp.conf); libvirt's network XML and Hyper-V's switches have no such field.
 */
function dhcpOptionErrors(file: LabFile): LabError[] {
  const hypervisor = file.hypervisor ?? 'virtualbox';
  if (hypervisor === 'virtualbox' || hypervisor === 'vmware') return [];
  const message = `DHCP options are set with VBoxManage dhcpserver --set-opt or VMware's vmnetdhcp.conf; ${productName(hypervisor)} has no such setting`;
  const errors: LabError[] = [];
  for (const [name, net] of Object.entries(file.natNetworks ?? {}))
    if (net.dhcpOptions) errors.push({ path: `natNetworks.${name}.dhcpOptions`, message });
  for (const [field, nets] of [
    ['hostOnlyNetworks', file.hostOnlyNetworks],
    ['internalNetworks', file.internalNetworks],
  ] as const) {
    for (const [name, net] of Object.entries(nets ?? {}))
      if (net.dhcp?.options) errors.push({ path: `${field}.${name}.dhcp.options`, message });
  }
  return errors;
}

function machineNames(file: LabFile): Set<string> {
  const names = new Set<string>(['host']);
  for (const [id, vm] of Object.entries(file.vms ?? {})) {
    names.add(id);
    if (vm.name) names.add(vm.name);
  }
  for (const lan of Object.values(file.lans ?? {}))
    for (const id of Object.keys(lan.devices ?? {})) names.add(id);
  return names;
}

function goalErrors(file: LabFile): LabError[] {
  const errors: LabError[] = [];
  const names = machineNames(file);
  const listed = [...names].join(', ');
  const seen = new Set<string>();
  (file.goals ?? []).forEach((goal, index) => {
    const at = `goals[${index}]`;
    if (seen.has(goal.id))
      errors.push({ path: `${at}.id`, message: `"${goal.id}" is already the id of another goal` });
    seen.add(goal.id);
    const { from, to } = goal.probe;
    if (!names.has(from))
      errors.push({
        path: `${at}.probe.from`,
        message: `"${from}" is not a machine of this lab (it has ${listed})`,
      });
    if (!names.has(to) && to !== 'internet' && parseIpv4(to) === null)
      errors.push({
        path: `${at}.probe.to`,
        message: `"${to}" is not a machine of this lab, "internet" or an IPv4 address (it has ${listed})`,
      });
  });
  return errors;
}

const NAT_ONLY = [
  'portForwards',
  'natNet',
  'dnsHostResolver',
  'dnsProxy',
  'bindIp',
  'localhostReachable',
] as const;

function adapterErrors(file: LabFile): LabError[] {
  const errors: LabError[] = [];
  // VMware and libvirt keep port forwards on the NAT network, never on an adapter.
  const vmware = file.hypervisor !== undefined && file.hypervisor !== 'virtualbox';
  for (const [id, vm] of Object.entries(file.vms ?? {})) {
    (vm.adapters ?? []).forEach((adapter, slot) => {
      const mode = adapter.mode ?? 'nat';
      for (const field of NAT_ONLY) {
        if (adapter[field] === undefined) continue;
        const path = `vms.${id}.adapters[${slot}].${field}`;
        if (mode !== 'nat') {
          errors.push({
            path,
            message:
              field === 'portForwards' && mode === 'natnetwork'
                ? `port forwarding is an option of NAT mode; a NAT network's rules belong to natNetworks.${adapter.network ?? 'NatNetwork'}.portForwards`
                : `is an option of NAT mode, and this adapter is in ${mode} mode`,
          });
        } else if (vmware) {
          errors.push({
            path,
            message:
              field === 'portForwards' && file.hypervisor === 'vmware'
                ? `in VMware, port forwards belong to the NAT network (natNetworks.${adapter.network ?? 'vmnet8'}.portForwards, as vmnetnat.conf holds them)`
                : `is an option of VirtualBox NAT engines, not of ${productName(file.hypervisor ?? 'virtualbox')}`,
          });
        }
      }
    });
  }
  return errors;
}

/** NATNetworkImpl.cpp setNetwork: a prefix past /30 is "network is too small", /0 "specifies zero prefix". */
function natNetworkErrors(file: LabFile): LabError[] {
  const errors: LabError[] = [];
  for (const [name, net] of Object.entries(file.natNetworks ?? {})) {
    if (net.cidr === undefined) continue;
    const cidr = parseCidr(net.cidr)!;
    const path = `natNetworks.${name}.cidr`;
    if (cidr.prefix > 30) errors.push({ path, message: `${net.cidr} network is too small` });
    else if (cidr.prefix === 0) errors.push({ path, message: `${net.cidr} specifies zero prefix` });
  }
  return errors;
}

/** VMW-6: VMware's virtual networks are vmnet0–vmnet19; a bridged one names a host NIC. */
function vmnetErrors(file: LabFile): LabError[] {
  const errors: LabError[] = [];
  const nics = new Set(Object.keys(file.host?.nics ?? { eth0: {} }));
  if (file.hypervisor === 'hyperv') {
    // HV-3: a Hyper-V host's NAT is the Default Switch alone.
    for (const name of Object.keys(file.natNetworks ?? {}))
      if (name !== 'Default Switch')
        errors.push({
          path: `natNetworks.${name}`,
          message:
            'Hyper-V has one NAT network, the "Default Switch"; other switches are External, Internal or Private',
        });
  }
  const promiscuous = file.host?.vmnetPromiscuous;
  if (promiscuous !== undefined && file.hypervisor !== 'vmware') {
    errors.push({
      path: 'host.vmnetPromiscuous',
      message: "/dev/vmnetN permissions are VMware's; this product sets promiscuous mode otherwise",
    });
  } else if (Array.isArray(promiscuous)) {
    promiscuous.forEach((name, index) => {
      if (!/^vmnet([0-9]|1[0-9])$/.test(name))
        errors.push({
          path: `host.vmnetPromiscuous[${index}]`,
          message: `"${name}" is not a VMnet: /dev/vmnet0 … /dev/vmnet19`,
        });
    });
  }
  for (const [name, net] of Object.entries(file.bridgedNetworks ?? {})) {
    const path = `bridgedNetworks.${name}`;
    if (file.hypervisor !== 'vmware') {
      errors.push({
        path,
        message: "bridged VMnets are VMware's; in VirtualBox a bridged adapter names the host NIC itself",
      });
    } else if (!/^vmnet(0|[2-9]|1[0-9])$/.test(name)) {
      errors.push({
        path,
        message: `"${name}" is not a bridged VMnet: VMware has vmnet0 and custom vmnet2–vmnet19`,
      });
    } else if (!nics.has(net.nic)) {
      errors.push({
        path: `${path}.nic`,
        message: `"${net.nic}" is not a NIC of the host (${[...nics].join(', ')})`,
      });
    }
  }
  return errors;
}

/** LV-4, LV-5: macvtap and routed networks are libvirt's. */
function libvirtErrors(file: LabFile): LabError[] {
  const errors: LabError[] = [];
  const libvirt = file.hypervisor === 'libvirt';
  for (const [id, vm] of Object.entries(file.vms ?? {})) {
    (vm.adapters ?? []).forEach((adapter, slot) => {
      if (adapter.macvtap === undefined) return;
      const path = `vms.${id}.adapters[${slot}].macvtap`;
      if (!libvirt) errors.push({ path, message: 'macvtap is a libvirt device (hypervisor: "libvirt")' });
      else if ((adapter.mode ?? 'nat') !== 'bridged')
        errors.push({ path, message: 'macvtap is an option of bridged mode' });
    });
  }
  for (const [name, net] of Object.entries(file.natNetworks ?? {})) {
    if (net.routed !== undefined && !libvirt)
      errors.push({
        path: `natNetworks.${name}.routed`,
        message: "routed networks are libvirt's (<forward mode='route'/>)",
      });
  }
  return errors;
}
