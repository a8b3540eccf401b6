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

/**
 * A RabbitMQ version change (`4.2` → `4.3`, or image tags `4.2.9` → `4.3.6`): RabbitMQ upgrades one minor at a time
 * (its feature flags) and never downgrades, so a new minor is irreversible and a skipped minor or a downgrade is
 * refused; a patch release of the same minor is `patch`. `when` says when the change is applied.
 */
export function rabbitmqVersionVerdict(c: FieldChange, what: string, patch: Verdict, when: string): Verdict {
  const a = versionParts(c.old);
  const b = versionParts(c.new);
  if (c.old === undefined || c.new === undefined || a.length < 2 || b.length < 2) return patch;
  if (compareParts(b, a) < 0) return v('refused', `${what} ${c.old} → ${c.new} is a downgrade: RabbitMQ never downgrades (its feature flags stay enabled)`);
  if (a[0] === b[0] && a[1] === b[1]) return patch;
  if (a[0] === b[0] && b[1] - a[1] > 1) {
    return v('refused', `${what} ${c.old} → ${c.new} skips a minor: RabbitMQ upgrades one minor at a time (upgrade to each minor in between first)`);
  }
  return v('irreversible', `${what} ${c.old} → ${c.new} is a new RabbitMQ minor: ${when}, with no way back (its feature flags are enabled after the upgrade)`);
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
/** When Amazon MQ applies a broker's pending change: the mq-controller calls UpdateBroker, never RebootBroker. */
const MQ_PENDING = 'applied at the broker\'s next maintenance window or reboot (the ACK controller never reboots the broker)';
/** Azure Database flexible servers: ASO sends the whole spec; a major is applied in place, irreversibly. */
const asoMajorParts = (c: FieldChange) => (String(c.newObject?.apiVersion ?? '').startsWith('dbformysql') ? 2 : 1);

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
    kind: 'CacheParameterGroup',
    holdsData: false,
    otherwise: settings,
    rules: [
      { path: 'spec.parameterNameValues', verdict: v('in-place', 'parameters apply to the replication group online') },
      {
        path: 'spec.cacheParameterGroupFamily',
        verdict: v('refused', 'cacheParameterGroupFamily is create-only (ElastiCache cannot change the family of a parameter group); the library names each group after its family, so a new major writes a new group instead'),
      },
      { path: 'spec.cacheParameterGroupName', verdict: createOnly('cacheParameterGroupName') },
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
      {
        path: 'spec.snapshotName',
        verdict: (c) => (c.old !== undefined && c.new !== undefined
          ? immutable('snapshotName (restore from a snapshot)')
          : v('none', 'snapshotName is read only when the replication group is created: adding or removing it later restores nothing')),
      },
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
      {
        path: 'spec.engineVersion',
        verdict: (c) => rabbitmqVersionVerdict(c, 'engineVersion', v('restart', `a new engine version: ${MQ_PENDING}`), MQ_PENDING),
      },
      { path: 'spec.autoMinorVersionUpgrade', verdict: v('in-place', 'applied online; the patch releases it lets in land in the maintenance window') },
      { path: 'spec.hostInstanceType', verdict: v('restart', `a new instance type: ${MQ_PENDING}`) },
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
      {
        path: 'spec.redisVersion',
        verdict: (c) => versionVerdict(c, 1, 'redisVersion', restartOrFailover('a new version (UpgradeInstance, data kept)', (o) => o?.spec?.tier === 'STANDARD_HA')(c)),
      },
      {
        path: 'spec.memorySizeGb',
        verdict: restartOrFailover('new memory (scaled with the data kept; a smaller size only when the data fits it)', (o) => o?.spec?.tier === 'STANDARD_HA'),
      },
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
  ...['dbformysql.azure.com', 'dbforpostgresql.azure.com'].map((group): KindRules => ({
    group,
    kind: 'FlexibleServer',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.storage.storageSizeGB', verdict: (c) => storageVerdict(c) },
      { path: 'spec.version', verdict: (c) => versionVerdict(c, asoMajorParts(c), 'version', v('restart', 'a new version: applied with a restart')) },
      { path: 'spec.sku', verdict: restartOrFailover('a new compute size (sku)', (o) => ['ZoneRedundant', 'SameZone'].includes(o?.spec?.highAvailability?.mode)) },
      { path: 'spec.highAvailability', verdict: v('in-place', 'adding or removing the standby is online') },
      { path: 'spec.azureName', verdict: immutable('azureName (ASO refuses a change)') },
      { path: 'spec.owner', verdict: immutable('owner (ASO refuses a change)') },
      { path: 'spec.location', verdict: createOnly('location') },
      { path: 'spec.administratorLogin', verdict: createOnly('administratorLogin') },
      { path: 'spec.createMode', verdict: createOnly('createMode (how the server is created)') },
    ],
  })),
  {
    group: 'cache.azure.com',
    kind: 'RedisEnterprise',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.sku', verdict: v('in-place', 'Azure Managed Redis scales online (down only when the data fits the smaller size)') },
      { path: 'spec.azureName', verdict: immutable('azureName (ASO refuses a change)') },
      { path: 'spec.owner', verdict: immutable('owner (ASO refuses a change)') },
      { path: 'spec.location', verdict: createOnly('location') },
    ],
  },
  {
    group: 'cache.azure.com',
    kind: 'RedisEnterpriseDatabase',
    holdsData: true,
    otherwise: settings,
    rules: [
      { path: 'spec.clusteringPolicy', verdict: createOnly('clusteringPolicy (chosen at creation; a change deletes the database)') },
      { path: 'spec.port', verdict: createOnly('port') },
      { path: 'spec.modules', verdict: createOnly('modules (added only at creation)') },
      { path: 'spec.azureName', verdict: immutable('azureName (ASO refuses a change)') },
      { path: 'spec.owner', verdict: immutable('owner (ASO refuses a change)') },
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
      ...['memoryMiB', 'memoryGiB'].map((p) => ({
        path: `spec.parameters.${p}`,
        verdict: restartOrFailover('new memory: the composed cache is scaled (ElastiCache node type, Memorystore memorySizeGb) with its data kept', (o) => o?.spec?.parameters?.highAvailability === true),
      })),
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
        verdict: (c) => (c.path.endsWith('.spec.resources.requests.storage') && storageVerdict(c).consequence === 'refused'
          ? storageVerdict(c)
          : immutable('volumeClaimTemplates (StatefulSet: a larger storage needs the claims grown by hand)')),
      },
      { path: 'spec.selector', verdict: immutable('selector') },
      { path: 'spec.serviceName', verdict: immutable('serviceName') },
      { path: 'spec.podManagementPolicy', verdict: immutable('podManagementPolicy') },
      { path: 'spec.persistentVolumeClaimRetentionPolicy', verdict: v('in-place', 'applied to the claims online') },
      { path: 'spec.updateStrategy', verdict: v('in-place', 'applied at the next rollout') },
      { path: 'spec.template.spec.containers[].image', verdict: (c) => statefulSetImageVerdict(c) },
      { path: 'spec.template.spec.initContainers[].image', verdict: (c) => statefulSetImageVerdict(c) },
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
      { path: 'spec.image', verdict: (c) => imageVerdict(c, restartOrFailover('a new image: the operator rolls the server pods', (o) => (o?.spec?.replicas ?? 1) > 1)(c)) },
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

/** The image's repository name (`docker.io/library/valkey/valkey:8.0.2@sha…` → `valkey`). */
const imageName = (image: string) => image.split('@')[0].replace(/:[^:/]*$/, '').split('/').pop() ?? '';

/** The number of leading version numbers that make a major for an image (MySQL 8.0 / 8.4 and MariaDB: two). */
function imageMajorParts(image: string): number {
  return ['mysql', 'mariadb'].includes(imageName(image)) ? 2 : 1;
}

/** The tag of an image reference (`repo:tag@digest` → `tag`). */
function imageTag(image: unknown): string | undefined {
  const s = String(image ?? '').split('@')[0];
  const i = s.lastIndexOf(':');
  return i > s.lastIndexOf('/') ? s.slice(i + 1) : undefined;
}

function imageVerdict(c: FieldChange, patch: Verdict = v('restart', 'a new image: the pods are re-created one by one')): Verdict {
  const repo = (x: unknown) => String(x ?? '').split('@')[0].replace(/:[^:/]*$/, '');
  if (c.old !== undefined && c.new !== undefined && repo(c.old) !== repo(c.new)) {
    return v('restart', `another image (${repo(c.old)} → ${repo(c.new)}): the pods are re-created; check that it reads the same data`);
  }
  const tagChange: FieldChange = { ...c, old: imageTag(c.old), new: imageTag(c.new) };
  const image = String(c.new ?? c.old);
  if (imageName(image) === 'rabbitmq') {
    return rabbitmqVersionVerdict(tagChange, `image ${repo(image)}`, patch, 'the broker upgrades its data at the restart');
  }
  return versionVerdict(tagChange, imageMajorParts(image), `image ${repo(image)}`, patch);
}

/**
 * A StatefulSet's image: without claim templates it keeps no data across restarts, so a new major only restarts it;
 * a new PostgreSQL major cannot start on the old data directory (the plain StatefulSet runs no `pg_upgrade`).
 */
function statefulSetImageVerdict(c: FieldChange): Verdict {
  const verdict = imageVerdict(c);
  if (verdict.consequence !== 'irreversible') return verdict;
  const what = verdict.reason.split(' is a ')[0];
  const claims = c.newObject?.spec?.volumeClaimTemplates ?? [];
  if (claims.length === 0) {
    return v('restart', `${what} is a major upgrade: the pods are re-created, and they keep no data across restarts (no volume claim), so there is nothing to upgrade`);
  }
  if (imageName(String(c.new)) === 'postgres') {
    return v('refused', `${what} is a major upgrade: PostgreSQL cannot start a new major on the old data directory, and the StatefulSet runs no pg_upgrade (the pod fails until the image is reverted); upgrade by restoring a dump into a new service, or use CloudNativePG (offline pg_upgrade)`);
  }
  return verdict;
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
