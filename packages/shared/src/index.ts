export type { HypervisorDefaults } from './lab/defaults';
export {
  DEFAULT_LAN,
  defaultsFor,
  HYPERV,
  LIBVIRT,
  productName,
  VBOX_NAT,
  VBOX_NATNET,
  VIRTUALBOX,
  VMWARE,
  VMWARE_NAT,
  vboxNatSubnet,
} from './lab/defaults';
export { guestIfaceName, windowsEthernetName } from './lab/guestNics';
export { isLocked, type Lockable, lockedBy, pathSteps } from './lab/isLocked';
export { describeLabError, formatPath, type LabError } from './lab/labErrors';
export { createLabParser, type LabParser } from './lab/labParser';
export { checkJsonValue, checkLabLimits, LAB_LIMITS, type LabLimits, measureLab } from './lab/limits';
export {
  type ConcretePath,
  formatConcretePath,
  type LockPathParse,
  type LockSegment,
  matchLockPath,
  parseLockPath,
  unmatchedLockPaths,
} from './lab/lockPaths';
export { type ParseLabResult, parseLab, parseLabJson } from './lab/parseLab';
export { ADAPTER_MODES, type LabFile, labFileSchema, probeSpecSchema } from './lab/schema';
export { formatService, isServiceText, parseService } from './lab/services';
export type {
  Adapter,
  AdapterMode,
  BridgedNetwork,
  Device,
  DhcpOptions,
  DhcpRange,
  Firewall,
  Goal,
  Host,
  HostNic,
  HostOnlyNetwork,
  Hypervisor,
  InternalNetwork,
  IpConfig,
  Lab,
  LabTranslation,
  Lan,
  NatEngineOptions,
  NatNetwork,
  PortForward,
  ProbeSpec,
  Promiscuous,
  Proto,
  Reservation,
  Route,
  Service,
  StaticIp,
  Vm,
} from './lab/types';
export { atLeast, CURRENT_VERSION, parseVersion } from './lab/versions';
export {
  broadcastOf,
  type Cidr,
  formatCidr,
  formatIpv4,
  hostIn,
  type Ipv4,
  inSubnet,
  isLoopback,
  isPublic,
  maskOf,
  networkOf,
  parseCidr,
  parseIpv4,
} from './net/ipv4';
export { ROUND_OPENED_REASON } from './sync/closeReasons';
export { chinese } from './why/chinese';
export { chineseLabel } from './why/chineseLabels';
export { english, type Renderers } from './why/english';
export { LOCALES, type Locale, renderLabError, renderLabMessage, renderWhy } from './why/render';
export { type Why, type WhyCode, type WhyParams, why } from './why/why';
export { repairConcurrentWrites } from './yjs/concurrentWrites';
export { LabReader, machineCount } from './yjs/LabReader';
export {
  fromYValue,
  type JsonObject,
  type JsonValue,
  LAB_ROOT,
  labMap,
  READ_DEPTH,
  RESULTS_DOC_SUFFIX,
  RESULTS_ROOT,
  readLab,
  toYMap,
  toYValue,
  writeLab,
  yMapToJson,
} from './yjs/labDoc';
export {
  addHostOnlyNetwork,
  addLanDevice,
  addNatNetwork,
  addVm,
  applyLabEdit,
  cloneVm,
  deleteVm,
  disableAdapter,
  type EditOutcome,
  enableAdapter,
  type FieldWrite,
  freeName,
  freshMac,
  goalsNaming,
  importLab,
  insertItem,
  isDisabledAdapter,
  type LabPath,
  regenerateMac,
  removeItem,
  renameVm,
  setField,
  setFields,
} from './yjs/labEdits';
export {
  clearPositions,
  LAYOUT_ROOT,
  layoutMap,
  type NodePosition,
  positionOf,
  readLayout,
  wholeUnits,
  writePositions,
} from './yjs/layoutDoc';
