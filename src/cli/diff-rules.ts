/**
 * What a change of one field does once applied, per API kind and field path: the table `plan --diff` classifies
 * with. Facts from the pinned CRDs (`Immutable.`, CEL `self == oldSelf`) and the controllers' code and docs (see
 * `docs/cli.md#plan---diff-what-a-change-does`); a field no rule names gets its kind's default.
 */

/** What applying a change does, from harmless to refused; the order is the severity. */
export const CONSEQUENCES = ['none', 'in-place', 'restart', 'failover', 'irreversible', 'replaces', 'refused'] as const;
/**
 * - `none`: nothing changes in the running service;
 * - `in-place`: applied online;
 * - `restart`: applied with a restart of the server (downtime without a standby);
 * - `failover`: applied on the standby first, then a failover (a short interruption);
 * - `irreversible`: applied in place, with no way back but a restore (a major version upgrade);
 * - `replaces`: the resource is deleted or re-created: its data is lost (or, with `DeletionPolicy.RETAIN`, left
 *   behind and not re-attached);
 * - `refused`: the API server or the controller refuses the change (a create-only or immutable field, a shrink, a
 *   downgrade).
 */
export type Consequence = typeof CONSEQUENCES[number];

/** Consequences a CI gate fails on: data is lost, or the apply will not go through. */
export const BLOCKING: readonly Consequence[] = ['replaces', 'refused'];

/** The severity of a consequence (its index in `CONSEQUENCES`). */
export const severity = (c: Consequence) => CONSEQUENCES.indexOf(c);

/** A consequence with its reason. */
export interface Verdict {
  readonly consequence: Consequence;
  readonly reason: string;
}

/** The change of one field: its old and new value (undefined when absent), and both whole objects. */
export interface FieldChange {
  readonly path: string;
  readonly old: unknown;
  readonly new: unknown;
  readonly oldObject: any;
  readonly newObject: any;
}

/** One rule: a field path (`[]` stands for any list index; a rule covers the fields below it). */
export interface FieldRule {
  readonly path: string;
  readonly verdict: Verdict | ((c: FieldChange) => Verdict);
}

/** The rules of one API kind. */
export interface KindRules {
  /** The API group (`''` for the core group). */
  readonly group: string;
  readonly kind: string;
  /** What a change no rule names does. */
  readonly otherwise: Verdict;
  /** Whether the object holds data: removing or renaming it replaces it. */
  readonly holdsData: boolean;
  readonly rules: readonly FieldRule[];
}

const v = (consequence: Consequence, reason: string): Verdict => ({ consequence, reason });

/** A version's numeric parts: `8.4.7` → [8, 4, 7], `POSTGRES_17` → [17], `REDIS_7_2` → [7, 2], `17.7-standard-trixie` → [17, 7]. */
export function versionParts(value: unknown): number[] {
  const s = String(value ?? '');
  const m = s.match(/(\d+(?:[._]\d+)*)/);
  return m ? m[1].split(/[._]/).map(Number) : [];
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * A version change: a downgrade is refused; a change of the first `majorParts` numbers (MySQL 8.0 → 8.4: two;
 * PostgreSQL 16 → 17: one) is a major upgrade, irreversible; anything else is `minor`.
 */
export function versionVerdict(c: FieldChange, majorParts: number, what: string, minor: Verdict): Verdict {
  const a = versionParts(c.old);
  const b = versionParts(c.new);
  if (c.old === undefined || c.new === undefined || a.length === 0 || b.length === 0) return minor;
  if (compareParts(b, a) < 0) return v('refused', `${what} ${c.old} → ${c.new} is a downgrade: no backend downgrades a data directory in place`);
  if (compareParts(b.slice(0, majorParts), a.slice(0, majorParts)) !== 0) {
    return v('irreversible', `${what} ${c.old} → ${c.new} is a major upgrade: applied in place at once, with no way back but a restore`);
  }
  return minor;
}

/** Kubernetes quantities and plain numbers, in bytes (or the number itself). */
export function quantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = value.match(/^(\d+(?:\.\d+)?)([KMGTPE]i?)?$/);
  if (!m) return undefined;
  const units: { [u: string]: number } = {
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  };
  return Number(m[1]) * (m[2] ? units[m[2]] : 1);
}

/** Storage: growing is online, shrinking is refused (no backend shrinks a disk). */
export function storageVerdict(c: FieldChange, grow: Verdict = v('in-place', 'storage grows online')): Verdict {
  const a = quantity(c.old);
  const b = quantity(c.new);
  if (a !== undefined && b !== undefined && b < a) {
    return v('refused', `storage ${c.old} → ${c.new} is a shrink: disks only grow (the cloud refuses it, and a claim cannot shrink)`);
  }
  if (a !== undefined && b === undefined) {
    return v('none', 'the size is no longer declared: the live size is kept (the controller takes it from the cloud)');
  }
  return grow;
}

const createOnly = (what: string) => v('refused', `${what} is create-only: the controller ignores or refuses a change (a new name makes a new resource)`);
const immutable = (what: string) => v('refused', `${what} is immutable (the CRD refuses a change)`);
const settings = v('in-place', 'applied online by the controller');

/** Restart, or failover when the object has a standby (`standby(o)`). */
const restartOrFailover = (what: string, standby: (o: any) => boolean) => (c: FieldChange): Verdict => (standby(c.newObject)
  ? v('failover', `${what}: applied on the standby, then a failover`)
  : v('restart', `${what}: applied with a restart (no standby: downtime)`));

/** The fields Config Connector leaves alone on update (`cnrm.cloud.google.com/unmanaged`, comma-separated). */
const unmanaged = (o: any): string[] => String(o?.metadata?.annotations?.['cnrm.cloud.google.com/unmanaged'] ?? '').split(',').map((f) => f.trim());
const rdsMultiAz = (o: any) => o?.spec?.multiAZ === true;
const cnpgReplicas = (o: any) => (o?.spec?.instances ?? 1) > 1;
const rdsMajorParts = (o: any) => (o?.spec?.engine === 'mysql' ? 2 : 1);

/** The table: one entry per API kind the library writes. */
export const KIND_RULES: readonly KindRules[] = [
  {
    group: 'rds.services.k8s.aws',
    kind: 'DBInstance',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.allocatedStorage', verdict: (c) => storageVerdict(c) },
      { path: 'spec.maxAllocatedStorage', verdict: v('in-place', 'storage autoscaling limit, applied online') },
      { path: 'spec.engineVersion', verdict: (c) => versionVerdict(c, rdsMajorParts(c.newObject), 'engineVersion', restartOrFailover('a minor version change', rdsMultiAz)(c)) },
      { path: 'spec.dbInstanceClass', verdict: restartOrFailover('a new instance class (ModifyDBInstance, applied immediately)', rdsMultiAz) },
      { path: 'spec.dbParameterGroupRef', verdict: v('restart', 'a new parameter group: static parameters apply at the next reboot') },
      { path: 'spec.dbParameterGroupName', verdict: v('restart', 'a new parameter group: static parameters apply at the next reboot') },
      { path: 'spec.multiAZ', verdict: v('in-place', 'adding or removing the standby is online') },
      { path: 'spec.dbInstanceIdentifier', verdict: createOnly('dbInstanceIdentifier') },
      { path: 'spec.dbSnapshotIdentifier', verdict: createOnly('dbSnapshotIdentifier (restore from a snapshot)') },
      { path: 'spec.engine', verdict: createOnly('engine') },
      { path: 'spec.dbName', verdict: createOnly('dbName') },
      { path: 'spec.masterUsername', verdict: createOnly('masterUsername') },
      { path: 'spec.storageEncrypted', verdict: createOnly('storageEncrypted') },
      { path: 'spec.kmsKeyID', verdict: createOnly('kmsKeyID') },
    ],
  },
  {
    group: 'rds.services.k8s.aws',
    kind: 'DBParameterGroup',
    holdsData: false,
    otherwise: settings,
    rules: [
      { path: 'spec.parameterOverrides', verdict: v('restart', 'dynamic parameters apply at once, static ones at the next reboot') },
      { path: 'spec.family', verdict: immutable('family') },
      { path: 'spec.name', verdict: immutable('name') },
    ],
  },
  {
    group: 'elasticache.services.k8s.aws',
    kind: 'ReplicationGroup',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.engineVersion', verdict: (c) => versionVerdict(c, 1, 'engineVersion', v('in-place', 'a minor engine upgrade, node by node')) },
      { path: 'spec.cacheNodeType', verdict: restartOrFailover('a new node type (online scaling)', (o) => o?.spec?.automaticFailoverEnabled === true) },
      { path: 'spec.snapshotName', verdict: immutable('snapshotName (restore from a snapshot)') },
      { path: 'spec.kmsKeyID', verdict: immutable('kmsKeyID') },
      { path: 'spec.networkType', verdict: immutable('networkType') },
      { path: 'spec.replicationGroupID', verdict: createOnly('replicationGroupID') },
      { path: 'spec.atRestEncryptionEnabled', verdict: createOnly('atRestEncryptionEnabled') },
    ],
  },
  {
    group: 'mq.services.k8s.aws',
    kind: 'Broker',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.engineVersion', verdict: (c) => versionVerdict(c, 1, 'engineVersion', v('restart', 'a new engine version: applied at the next maintenance window or reboot (the controller never reboots the broker)')) },
      { path: 'spec.hostInstanceType', verdict: v('restart', 'a new instance type: applied at the next maintenance window or reboot (the controller never reboots the broker)') },
      { path: 'spec.name', verdict: createOnly('name') },
      { path: 'spec.deploymentMode', verdict: createOnly('deploymentMode') },
      { path: 'spec.engineType', verdict: createOnly('engineType') },
      { path: 'spec.storageType', verdict: createOnly('storageType') },
      { path: 'spec.subnetIDs', verdict: createOnly('subnetIDs') },
      { path: 'spec.publiclyAccessible', verdict: createOnly('publiclyAccessible') },
      { path: 'spec.encryptionOptions', verdict: createOnly('encryptionOptions') },
    ],
  },
  {
    group: 's3.services.k8s.aws',
    kind: 'Bucket',
    holdsData: true,
    otherwise: settings,
    rules: [{ path: 'spec.name', verdict: immutable('name') }],
  },
  {
    group: 'sql.cnrm.cloud.google.com',
    kind: 'SQLInstance',
    holdsData: true,
    otherwise: settings,
    rules: [
      {
        path: 'spec.settings.diskSize',
        verdict: (c) => (unmanaged(c.newObject).includes('spec.settings.diskSize')
          ? v('none', 'Cloud SQL sizes the disk (diskAutoresize): Config Connector sends the live size (cnrm.cloud.google.com/unmanaged), so a new storage is not applied')
          : storageVerdict(c)),
      },
      {
        path: 'spec.databaseVersion',
        verdict: (c) => versionVerdict(c, String(c.newObject?.spec?.databaseVersion ?? '').startsWith('MYSQL') ? 2 : 1, 'databaseVersion', v('restart', 'a new version: applied with a restart')),
      },
      { path: 'spec.settings.tier', verdict: restartOrFailover('a new machine tier', () => false) },
      { path: 'spec.settings.availabilityType', verdict: v('restart', 'adding or removing the standby restarts the instance') },
      { path: 'spec.settings.databaseFlags', verdict: v('restart', 'Cloud SQL restarts the instance for flags that need it') },
      { path: 'spec.region', verdict: immutable('region') },
      { path: 'spec.resourceID', verdict: immutable('resourceID') },
      { path: 'spec.settings.diskType', verdict: immutable('settings.diskType') },
      { path: 'spec.cloneSource', verdict: immutable('cloneSource (clone from another instance)') },
      { path: 'spec.encryptionKMSCryptoKeyRef', verdict: immutable('encryptionKMSCryptoKeyRef') },
    ],
  },
  {
    group: 'redis.cnrm.cloud.google.com',
    kind: 'RedisInstance',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.redisVersion', verdict: (c) => versionVerdict(c, 1, 'redisVersion', v('failover', 'a new version: a failover (STANDARD_HA) or a restart')) },
      { path: 'spec.memorySizeGb', verdict: (c) => storageVerdict(c, v('in-place', 'memory scales online')) },
      ...['tier', 'transitEncryptionMode', 'connectMode', 'locationId', 'alternativeLocationId', 'reservedIpRange', 'region', 'resourceID', 'authorizedNetworkRef']
        .map((f) => ({ path: `spec.${f}`, verdict: immutable(f) })),
    ],
  },
  {
    group: 'storage.cnrm.cloud.google.com',
    kind: 'StorageBucket',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.location', verdict: immutable('location') },
      { path: 'spec.resourceID', verdict: immutable('resourceID') },
    ],
  },
  ...['Database', 'ObjectStore', 'Cache', 'Queue'].map((kind): KindRules => ({
    group: 'portabledata.io',
    kind,
    holdsData: true,
    otherwise: v('in-place', 'the Composition patches the composed resources online'),
    rules: [
      { path: 'spec.parameters.storageGB', verdict: (c) => storageVerdict(c) },
      { path: 'spec.parameters.majorVersion', verdict: (c) => versionVerdict(c, c.newObject?.spec?.parameters?.engine === 'mysql' ? 2 : 1, 'majorVersion', v('restart', 'a new version')) },
      { path: 'spec.parameters.engineVersion', verdict: (c) => versionVerdict(c, c.newObject?.spec?.parameters?.engine === 'mysql' ? 2 : 1, 'engineVersion', v('restart', 'a new version')) },
      { path: 'spec.parameters.instanceSize', verdict: v('restart', 'a new instance size: the composed instance restarts') },
      { path: 'spec.parameters.engine', verdict: createOnly('engine') },
      { path: 'spec.parameters.identifier', verdict: v('replaces', 'a new identifier composes a new cloud resource') },
      { path: 'spec.parameters.databaseName', verdict: createOnly('databaseName') },
      { path: 'spec.parameters.username', verdict: createOnly('username') },
      { path: 'spec.compositionSelector', verdict: v('replaces', 'another Composition composes other resources: the old ones are deleted (or orphaned)') },
    ],
  })),
  {
    group: 'apps',
    kind: 'StatefulSet',
    holdsData: true,
    otherwise: v('restart', 'a new pod template: the pods are re-created one by one'),
    rules: [
      { path: 'spec.replicas', verdict: v('in-place', 'scaled online') },
      {
        path: 'spec.volumeClaimTemplates',
        verdict: immutable('volumeClaimTemplates (a larger storage of an in-cluster database: set storageExpansion: true in the profile, on a StorageClass that allows '
          + 'expansion, and the claim template stays as it is while the binder grows the claims)'),
      },
      { path: 'spec.selector', verdict: immutable('selector') },
      { path: 'spec.serviceName', verdict: immutable('serviceName') },
      { path: 'spec.podManagementPolicy', verdict: immutable('podManagementPolicy') },
      { path: 'spec.persistentVolumeClaimRetentionPolicy', verdict: v('in-place', 'applied to the claims online') },
      { path: 'spec.updateStrategy', verdict: v('in-place', 'applied at the next rollout') },
      { path: 'spec.template.spec.containers[].image', verdict: imageVerdict },
      { path: 'spec.template.spec.initContainers[].image', verdict: imageVerdict },
    ],
  },
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    holdsData: true,
    otherwise: immutable('a claim\'s spec, except its storage request,'),
    rules: [{ path: 'spec.resources.requests.storage', verdict: (c) => storageVerdict(c, v('in-place', 'the claim grows online if its StorageClass allows expansion')) }],
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    holdsData: true,
    otherwise: v('failover', 'a rolling update: replicas first, then a switchover (a restart with one instance)'),
    rules: [
      { path: 'spec.storage.size', verdict: (c) => storageVerdict(c) },
      { path: 'spec.walStorage.size', verdict: (c) => storageVerdict(c) },
      { path: 'spec.instances', verdict: v('in-place', 'replicas are added or removed online') },
      { path: 'spec.bootstrap', verdict: createOnly('bootstrap (how the cluster is initialized)') },
      { path: 'spec.imageName', verdict: (c) => versionVerdict(c, 1, 'PostgreSQL image', restartOrFailover('a new minor image: a rolling update', cnpgReplicas)(c)) },
      { path: 'spec.resources', verdict: restartOrFailover('new resources: a rolling update', cnpgReplicas) },
      { path: 'spec.postgresql.parameters', verdict: restartOrFailover('parameters: reloaded, or a rolling restart for those that need one', cnpgReplicas) },
      { path: 'spec.backup', verdict: settings },
    ],
  },
  {
    group: 'rabbitmq.com',
    kind: 'RabbitmqCluster',
    holdsData: true,
    otherwise: v('restart', 'the operator rolls the server pods'),
    rules: [
      { path: 'spec.persistence.storage', verdict: (c) => storageVerdict(c) },
      { path: 'spec.image', verdict: imageVerdict },
    ],
  },
  {
    group: 'objectbucket.io',
    kind: 'ObjectBucketClaim',
    holdsData: true,
    otherwise: immutable('an ObjectBucketClaim\'s spec'),
    rules: [],
  },
];

/** The number of leading version numbers that make a major for an image (MySQL 8.0 / 8.4 and MariaDB: two). */
function imageMajorParts(image: string): number {
  return /(^|\/)(mysql|mariadb)(:|@|$)/.test(image.split(':')[0] + ':') ? 2 : 1;
}

/** The tag of an image reference (`repo:tag@digest` → `tag`). */
function imageTag(image: unknown): string | undefined {
  const s = String(image ?? '').split('@')[0];
  const i = s.lastIndexOf(':');
  return i > s.lastIndexOf('/') ? s.slice(i + 1) : undefined;
}

function imageVerdict(c: FieldChange): Verdict {
  const repo = (x: unknown) => String(x ?? '').split('@')[0].replace(/:[^:/]*$/, '');
  if (c.old !== undefined && c.new !== undefined && repo(c.old) !== repo(c.new)) {
    return v('restart', `another image (${repo(c.old)} → ${repo(c.new)}): the pods are re-created; check that it reads the same data`);
  }
  const tagChange: FieldChange = { ...c, old: imageTag(c.old), new: imageTag(c.new) };
  return versionVerdict(tagChange, imageMajorParts(String(c.new ?? c.old)), `image ${repo(c.new ?? c.old)}`, v('restart', 'a new image: the pods are re-created one by one'));
}

/** The rules of an object's kind, if the table has them. */
export function rulesFor(group: string, kind: string): KindRules | undefined {
  return KIND_RULES.find((r) => r.group === group && r.kind === kind);
}

/** `a.b[3].c` → `a.b[].c`. */
const general = (path: string) => path.replace(/\[\d+\]/g, '[]');

/** The verdict on one changed field: the most specific rule covering its path, or the kind's default. */
export function classify(rules: KindRules | undefined, change: FieldChange): Verdict {
  if (rules === undefined) return v('in-place', 'applied by the API server (no data in this object)');
  const path = general(change.path);
  const rule = [...rules.rules]
    .filter((r) => path === r.path || path.startsWith(`${r.path}.`) || path.startsWith(`${r.path}[`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (rule === undefined) return rules.otherwise;
  return typeof rule.verdict === 'function' ? rule.verdict(change) : rule.verdict;
}
