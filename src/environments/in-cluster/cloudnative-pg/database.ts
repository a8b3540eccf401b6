import { Construct } from 'constructs';
import { BackupPruner } from './backup-pruner';
import { cnpgImports } from './lazy-imports';
import { bindsEveryWorkload } from '../../../core/features';
import { DeletionPolicy, HighAvailability } from '../../../core/policies';
import { Support } from '../../../core/support';
import * as k8s from '../../../imports/k8s';
import type { ClusterSpec, ClusterSpecBackupBarmanObjectStore } from '../../../imports/postgresql.cnpg.io';
import { invalid } from '../../../private/errors';
import { KEEP_ON_PRUNE } from '../../../private/gitops';
import { celHas, celImageTag } from '../../../private/upgrade-guard';
import { DatabaseBinding, IDatabaseBackend, DatabaseAnswers } from '../../../services/database/backend';
import { Backup } from '../../../services/database/backup';
import { checkParameters } from '../../../services/database/parameters';
import { checkPostgresNames, PostgresProviderNames } from '../../../services/database/postgres-names';
import { DatabaseSpec, RestoreSpec } from '../../../services/database/resolved-spec';
import { CLOUDNATIVE_PG_FIRST_TAGS, POSTGRES_IMAGE_TAGS } from '../catalog/engine-images';
import { imageTagFor } from '../catalog/pins';
import { serviceHost } from '../cluster-domain';
import { checkTag, CLOUDNATIVE_PG_FLAVOUR, CLOUDNATIVE_PG_REPOSITORY, cloudNativePgImage } from '../images';
import { ClientNetworkPolicy } from '../network-policy';
import { InClusterOptions } from '../options';
import { serverOption } from '../parameters';

/** Roles the operator creates in every cluster: the standbys' replication user and the PgBouncer poolers' user. */
const CLOUDNATIVE_PG_NAMES: PostgresProviderNames = {
  where: 'with CloudNativePG',
  users: ['streaming_replica', 'cnpg_pooler_pgbouncer'],
  userPrefixes: [],
  databases: [],
};
/** Instances of a highly available cluster: a primary and two standbys, one of them synchronous. */
const HA_INSTANCES = 3;
/** The operator's pods (label of the official manifests and Helm chart). */
const OPERATOR_POD_LABELS = { 'app.kubernetes.io/name': 'cloudnative-pg' };
/** Port of the instance manager's status endpoint, which the operator polls. */
const INSTANCE_MANAGER_PORT = 8000;

/** The pg_hba rule that refuses connections without TLS over TCP (CloudNativePG serves TLS by default). */
export const CNPG_REJECT_PLAINTEXT = 'hostnossl all all all reject';

/**
 * PostgreSQL in the cluster through the CloudNativePG operator (`postgresql.cnpg.io/v1` `Cluster`), selected by
 * `new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG })`. The operator must be installed.
 *
 * | portable prop | CloudNativePG |
 * |---|---|
 * | name | `Cluster` `metadata.name`; host `<name>-rw.<namespace>.svc.<clusterDomain>` (the primary's Service), port 5432 |
 * | version | `imageName` `ghcr.io/cloudnative-pg/postgresql:<full version>-standard-trixie` |
 * | storage | `storage.size` (+ `storageClass` from the profile); the operator resizes claims in use, so it can grow |
 * | instanceSize | `resources` requests = limits (Guaranteed) |
 * | databaseName, credentials | `bootstrap.initdb` `database`, `owner` (+ `dataChecksums`); `secret` for `Credentials.fromSecret` |
 * | labels | on every synthesized object; the profile's and the user's also reach the operator's objects (`inheritedMetadata`) |
 * | highAvailability | `AUTO`: 3 instances, preferred anti-affinity; `REQUIRED`: 3, required anti-affinity; `NONE`: 1 |
 * | backup | volume snapshots: `backup.volumeSnapshot` + a daily `ScheduledBackup`, expired by a pruner CronJob |
 * | deletionPolicy | see below |
 * | parameters | `postgresql.parameters` (postgresql.conf names and values; `logical_replication` → `wal_level`, which CloudNativePG lets users set since 1.22.2). The operator preloads `pg_stat_statements` itself when a `pg_stat_statements.*` setting is given, and restarts the instances for settings that need it |
 *
 * - Credentials: with generated credentials the operator generates the owner's password in its Secret
 *   `<name>-app` (key `password`), which the binder maps into the connection Secret. With
 *   `Credentials.fromSecret(name)` the Secret is passed as `bootstrap.initdb.secret`: CloudNativePG requires it to be
 *   of type `kubernetes.io/basic-auth` with the keys `username` and `password`, and `username` must be the
 *   credentials' user (the database owner). The `postgres` superuser has no password (`enableSuperuserAccess: false`).
 * - High availability: with 3 instances the operator fails over to a standby; one standby is synchronous with
 *   `dataDurability: preferred` (like RDS Multi-AZ: commits wait for it, unless no standby is healthy). The
 *   operator manages the PodDisruptionBudgets (`enablePDB`). `REQUIRED` makes the instances' anti-affinity
 *   `required`: instances stay Pending rather than share a node.
 * - Deletion: CloudNativePG has no claim retention switch: its claims are owned by the `Cluster`, so deleting the
 *   `Cluster` (a `kubectl delete -f` of the YAML, a GitOps prune) deletes them (cloudnative-pg/cloudnative-pg#8442),
 *   and the StorageClass's `reclaimPolicy` decides what happens to the volumes. The profile declares it
 *   (`storageReclaimPolicy`), and the service's `deletionPolicy` must match: `RETAIN` needs a class with
 *   `reclaimPolicy: Retain` (the volumes stay `Released` with the data, to bind again by hand or restore from), and
 *   the `Cluster` is also kept when Argo CD or Flux prune it; `DELETE` needs a class that deletes them. With `RETAIN`
 *   the backups are owned by nothing, so a `Backup` and its `VolumeSnapshot`s (which `kubectl delete -f` of the YAML
 *   does not list) outlive the `Cluster`; with `DELETE` they are owned by the `Cluster` and go with it.
 * - Backups: CloudNativePG backs up to an object store or to volume snapshots; this backend uses volume snapshots
 *   of the profile's `volumeSnapshotClassName` (online, from a standby when there is one), daily at the start time.
 *   CloudNativePG does not expire snapshot backups, so a CronJob (the binder image) deletes those older than the
 *   retention, always keeping the newest. Snapshots stay in the storage system: copy them off-site for disaster
 *   recovery. Without `volumeSnapshotClassName`, backups must be disabled.
 * - TLS: CloudNativePG serves TLS with certificates of its own CA (the Secret `<name>-ca` holds it, for clients
 *   that verify), and `pg_hba` rejects plaintext TCP connections (`hostnossl all all all reject`, after the
 *   operator's own rules); the contract says `tls: true`, `sslmode: require`, and the `uri` ends in
 *   `?sslmode=require`. The application user is the database owner, not a superuser.
 * - Network: a NetworkPolicy admits the bound workloads to 5432, the instances to each other and the operator's
 *   pods (any namespace) to 5432 and 8000, and nothing else (add a policy of your own for metrics scraping on 9187).
 */
/**
 * The suffixes of the objects CloudNativePG names after a `Cluster`: its Services (`-rw`, `-ro`, `-r`, and `-any`
 * in older releases), Secrets (`-app`, `-superuser`, `-ca`, `-server`, `-replication`) and the primary's
 * PodDisruptionBudget (`-primary`).
 */
const CLOUDNATIVE_PG_SUFFIXES = ['-rw', '-ro', '-r', '-any', '-app', '-superuser', '-ca', '-server', '-replication', '-primary'];

/**
 * CloudNativePG goes back to a point in time (or clones to the end of a source's history) only by replaying WAL from
 * an object store archive (`backup.barmanObjectStore`, `externalClusters`): the profile's `walArchivePath`.
 */
const NO_WAL_ARCHIVE = Support.refused(
  'CloudNativePG replays WAL only from an object store archive (backup.barmanObjectStore), and the profile names none (walArchivePath)',
  'set walArchivePath and walArchiveSecretName in new InClusterProfile() (an S3 bucket, e.g. a PortableObjectStore\'s, and the Secret of its keys), '
    + 'or restore a named Backup with DataSource.backup(\'<Backup name>\')');

/** Whether the database's backups go to the WAL archive: it asks for a recovery window (which the capabilities honour only with one). */
function archived(spec: DatabaseSpec): boolean {
  return spec.backup.enabled && spec.backup.pointInTimeWindow !== undefined;
}

export class CloudNativePgDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'cloudnative-pg';

  public readonly capabilities: DatabaseAnswers;

  constructor(private readonly options: InClusterOptions = {}) {
    const classPolicy = options.storageReclaimPolicy ?? DeletionPolicy.DELETE;
    const storageClass = options.storageClassName === undefined ? 'the default StorageClass' : `StorageClass "${options.storageClassName}"`;
    const reclaim = (policy: DeletionPolicy) => classPolicy === policy
      ? Support.honouredBy(policy === DeletionPolicy.RETAIN
        ? `deleting the Cluster deletes its claims, and ${storageClass} keeps their volumes (reclaimPolicy Retain); the backups and their snapshots are owned by nothing; Argo CD and Flux prunes keep the Cluster`
        : `deleting the Cluster deletes its claims and ${storageClass} their volumes; the backups are owned by the Cluster and go with it`)
      : Support.refused(
        `deleting the Cluster deletes its claims (CloudNativePG owns them), so the reclaimPolicy of ${storageClass} decides (the profile's storageReclaimPolicy: ${classPolicy})`,
        policy === DeletionPolicy.RETAIN
          ? 'use a StorageClass with reclaimPolicy: Retain and set storageReclaimPolicy: DeletionPolicy.RETAIN in the profile, or use DeletionPolicy.DELETE'
          : 'use DeletionPolicy.RETAIN, or a StorageClass with reclaimPolicy: Delete (storageReclaimPolicy: DeletionPolicy.DELETE)');
    const archive = options.walArchivePath;
    const snapshots = options.volumeSnapshotClassName === undefined
      ? Support.refused(
        'CloudNativePG backs up to an object store or to volume snapshots, and the profile sets no volumeSnapshotClassName',
        'set volumeSnapshotClassName in new InClusterProfile() (a VolumeSnapshotClass of the data volumes\' CSI driver) or use Backup.disabled()')
      : Support.honouredBy(`daily volume snapshots of class ${options.volumeSnapshotClassName} (a ScheduledBackup), expired by a pruner CronJob`);
    const archiving = archive === undefined ? undefined
      : Support.honouredBy(`WAL archived continuously to ${archive} (backup.barmanObjectStore, a folder per database), with daily base backups there (a ScheduledBackup), both kept the retention (retentionPolicy)`);
    // A clone or a point in time replays the source's archive: the source needs a recovery window.
    const fromArchive = (how: string) => (r: RestoreSpec) => (archiving === undefined ? NO_WAL_ARCHIVE
      : r.source!.backup.enabled && r.source!.backup.pointInTimeWindow !== undefined
        ? Support.honouredBy(how)
        : Support.refused(`CloudNativePG replays the source's WAL archive, and ${r.source!.path} has no recovery window, so it archives none`,
          `give ${r.source!.path} a recovery window (backup: Backup.daily({ pointInTimeWindow: Duration.days(7) })), or restore a named Backup with DataSource.backup()`));
    this.capabilities = {
      highAvailability: Support.honouredBy('3 instances with failover to a synchronous standby; REQUIRED makes their anti-affinity required'),
      // With a recovery window the backups go to the archive (base backups and WAL); otherwise to volume snapshots.
      backups: (b: Backup) => (b.pointInTimeWindow !== undefined && archiving !== undefined ? archiving : snapshots),
      pointInTimeRecovery: archiving ?? NO_WAL_ARCHIVE,
      restoreFromBackup: Support.honouredBy('bootstrap.recovery.backup: CloudNativePG recovers the named Backup of the namespace at creation; the owner gets the new cluster\'s own password (Secret <name>-app)'),
      clone: fromArchive('bootstrap.recovery.source: an externalCluster reading the source\'s WAL archive, replayed to its end; the owner gets the new cluster\'s own password (Secret <name>-app), and the new cluster archives to a folder of its own'),
      pointInTime: fromArchive('bootstrap.recovery.source and recoveryTarget.targetTime: the source\'s base backup before the time and its WAL up to it; the owner gets the new cluster\'s own password (Secret <name>-app)'),
      engineParameters: Support.honouredBy('postgresql.parameters of the Cluster'),
      transitEncryption: Support.honouredBy(
        'TLS with the operator\'s own CA (Secret <name>-ca); pg_hba rejects plaintext connections (hostnossl ... reject); the uri carries sslmode=require'),
      majorVersionUpgrade: Support.honouredBy(
        'an imageName of the new major: CloudNativePG 1.26+ stops every instance and runs pg_upgrade --link in a Job (offline, in place); the pinned CRD reports it in status.pgDataImageInfo'),
      deletionRetain: reclaim(DeletionPolicy.RETAIN),
      deletionDelete: reclaim(DeletionPolicy.DELETE),
      ...bindsEveryWorkload('environment variables or a mounted binding, and a NetworkPolicy rule admitting the workload\'s pods'),
    };
  }

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    const cnpg = cnpgImports();
    this.checkSpec(scope, spec);
    const port = spec.engine.port;
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const podSelector = { 'cnpg.io/cluster': spec.name };

    const cluster = new (cnpg.Cluster)(scope, 'Cluster', {
      metadata: { name: spec.name, labels: spec.labels, annotations: retain ? { ...KEEP_ON_PRUNE } : undefined },
      spec: this.clusterSpec(scope, spec),
    });

    const policy = new ClientNetworkPolicy(scope, 'NetworkPolicy', {
      name: spec.name,
      labels: spec.labels,
      podSelector,
      port,
      rules: [{
        from: [
          // Replication, joining standbys and the instance managers.
          { podSelector: { matchLabels: podSelector } },
          // The operator, wherever it is installed (cnpg-system by default).
          { namespaceSelector: {}, podSelector: { matchLabels: OPERATOR_POD_LABELS } },
        ],
        ports: [port, INSTANCE_MANAGER_PORT].map((p) => ({ port: k8s.IntOrString.fromNumber(p), protocol: 'TCP' })),
      }],
    });

    if (spec.backup.enabled) this.backups(scope, spec, retain);

    return {
      guarded: {
        object: cluster,
        version: { field: 'spec.imageName tag', present: (o) => celHas(o, 'spec.imageName'), value: (o) => celImageTag(`${o}.spec.imageName`), majorParts: 1 },
        storage: { field: 'spec.storage.size', present: (o) => celHas(o, 'spec.storage.size'), value: (o) => `${o}.spec.storage.size`, quantity: true },
      },
      provider: 'cloudnative-pg',
      host: serviceHost(`${spec.name}-rw`, this.options.clusterDomain),
      reservedNames: CLOUDNATIVE_PG_SUFFIXES.map((suffix) => `${spec.name}${suffix}`),
      port,
      tls: true,
      clientNegotiatesTls: true,
      credentialsFrom: spec.credentials.isGenerated ? { secretName: `${spec.name}-app`, passwordKey: 'password' } : undefined,
      workloadBinder: policy,
    };
  }

  private checkSpec(scope: Construct, spec: DatabaseSpec): void {
    if (spec.engine.name !== 'postgresql') {
      invalid(scope, {
        prop: 'engine',
        value: spec.engine.name,
        allowed: 'postgresql: CloudNativePG runs PostgreSQL only',
        fix: 'give this kind of service another backend in the profile',
      });
    }
    checkPostgresNames(scope, spec, CLOUDNATIVE_PG_NAMES);
    if (!spec.credentials.isGenerated && spec.credentials.passwordKey !== 'password') {
      invalid(scope, {
        prop: 'credentials.passwordKey',
        value: spec.credentials.passwordKey,
        allowed: '"password": CloudNativePG reads the owner\'s credentials from the keys `username` and `password` of a kubernetes.io/basic-auth Secret',
        fix: `store the password under the key "password" of Secret "${spec.credentials.secretName}" and drop passwordKey`,
      });
    }
  }

  private clusterSpec(scope: Construct, spec: DatabaseSpec): ClusterSpec {
    const cnpg = cnpgImports();
    const ha = spec.highAvailability !== HighAvailability.NONE;
    const cpu = String(spec.instanceSize.cpu);
    const memory = `${spec.instanceSize.memoryMebibytes}Mi`;
    // The profile's and the user's labels reach the pods and claims; the operator keeps its own app.kubernetes.io/*.
    const inherited = Object.fromEntries(Object.entries(spec.labels).filter(([k]) => !k.startsWith('app.kubernetes.io/')));
    const parameters = Object.fromEntries(checkParameters(spec.engine.name, spec.parameters, scope).map(serverOption).map((o) => [o.name, o.value]));
    return {
      instances: ha ? HA_INSTANCES : 1,
      imageName: cloudNativePgImage(this.version(scope, spec)).render(),
      inheritedMetadata: Object.keys(inherited).length > 0 ? { labels: inherited } : undefined,
      enableSuperuserAccess: false,
      // A budget of one instance would block every node drain (the primary's minAvailable: 1).
      enablePdb: ha,
      affinity: ha ? {
        enablePodAntiAffinity: true,
        podAntiAffinityType: spec.highAvailability === HighAvailability.REQUIRED ? 'required' : 'preferred',
        topologyKey: 'kubernetes.io/hostname',
      } : undefined,
      postgresql: {
        parameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        // After the operator's own rules (the socket, and certificate authentication of its replication and pooler
        // users, all hostssl) and before its default `host all all all scram-sha-256`: plaintext over TCP is refused.
        pgHba: [CNPG_REJECT_PLAINTEXT],
        synchronous: ha ? {
          method: cnpg.ClusterSpecPostgresqlSynchronousMethod.ANY,
          number: 1,
          dataDurability: cnpg.ClusterSpecPostgresqlSynchronousDataDurability.PREFERRED,
        } : undefined,
      },
      resources: {
        requests: { cpu: cnpg.ClusterSpecResourcesRequests.fromString(cpu), memory: cnpg.ClusterSpecResourcesRequests.fromString(memory) },
        limits: { cpu: cnpg.ClusterSpecResourcesLimits.fromString(cpu), memory: cnpg.ClusterSpecResourcesLimits.fromString(memory) },
      },
      storage: { size: `${spec.storage.toGibibytes()}Gi`, storageClass: this.options.storageClassName },
      bootstrap: spec.restore !== undefined ? {
        // A new cluster from a Backup of the namespace, or from the source's archive (read at creation only): the
        // database and its owner, with the new cluster's own password (its Secret <name>-app, or the user's).
        recovery: {
          backup: spec.restore.backupName !== undefined ? { name: spec.restore.backupName } : undefined,
          source: spec.restore.source?.name,
          recoveryTarget: spec.restore.time !== undefined ? { targetTime: spec.restore.time } : undefined,
          database: spec.databaseName,
          owner: spec.credentials.username,
          secret: spec.credentials.secretName !== undefined ? { name: spec.credentials.secretName } : undefined,
        },
      } : {
        initdb: {
          database: spec.databaseName,
          owner: spec.credentials.username,
          secret: spec.credentials.secretName !== undefined ? { name: spec.credentials.secretName } : undefined,
          dataChecksums: true,
        },
      },
      externalClusters: spec.restore?.source !== undefined
        ? [{ name: spec.restore.source.name, barmanObjectStore: this.archiveOf(spec.restore.source.name) }]
        : undefined,
      backup: archived(spec) ? {
        barmanObjectStore: this.ownArchive(spec),
        retentionPolicy: `${spec.backup.retention!.toDays()}d`,
      } : spec.backup.enabled ? {
        volumeSnapshot: {
          className: this.options.volumeSnapshotClassName,
          // Deleting a Backup (the pruner) deletes its snapshots.
          snapshotOwnerReference: cnpg.ClusterSpecBackupVolumeSnapshotSnapshotOwnerReference.BACKUP,
        },
      } : undefined,
    };
  }

  /**
   * The archive of a database (`serverName` = its name, a folder of the profile's `walArchivePath`): WAL and base
   * backups, with the access keys of the profile's Secret.
   */
  private archiveOf(serverName: string) {
    const secret = this.options.walArchiveSecretName!;
    return {
      destinationPath: this.options.walArchivePath!,
      endpointUrl: this.options.walArchiveEndpoint,
      serverName,
      s3Credentials: {
        accessKeyId: { name: secret, key: 'access-key-id' },
        secretAccessKey: { name: secret, key: 'secret-access-key' },
      },
    };
  }

  /** The archive a database writes: its own, compressed. */
  private ownArchive(spec: DatabaseSpec): ClusterSpecBackupBarmanObjectStore {
    const cnpg = cnpgImports();
    return {
      ...this.archiveOf(spec.name),
      wal: { compression: cnpg.ClusterSpecBackupBarmanObjectStoreWalCompression.GZIP },
      data: { compression: cnpg.ClusterSpecBackupBarmanObjectStoreDataCompression.GZIP },
    };
  }

  private version(scope: Construct, spec: DatabaseSpec): string {
    return checkTag(scope, imageTagFor(scope, spec, {
      engine: 'PostgreSQL',
      image: `${CLOUDNATIVE_PG_REPOSITORY} (<version>-${CLOUDNATIVE_PG_FLAVOUR})`,
      versionClass: 'PostgresVersion',
      newestConstant: 'V17',
      newest: POSTGRES_IMAGE_TAGS,
      first: CLOUDNATIVE_PG_FIRST_TAGS,
    }));
  }

  private backups(scope: Construct, spec: DatabaseSpec, retain: boolean): void {
    const cnpg = cnpgImports();
    const [hh, mm] = spec.backup.startTime!.split(':').map(Number);
    const name = `${spec.name}-backup`;
    const labels = { ...spec.labels, 'app.kubernetes.io/component': 'backup' };
    new (cnpg.ScheduledBackup)(scope, 'ScheduledBackup', {
      metadata: { name, labels },
      spec: {
        cluster: { name: spec.name },
        method: archived(spec) ? cnpg.ScheduledBackupSpecMethod.BARMAN_OBJECT_STORE : cnpg.ScheduledBackupSpecMethod.VOLUME_SNAPSHOT,
        // CloudNativePG's schedules have a seconds field (robfig/cron), in the operator's time zone: UTC unless
        // the operator's Deployment sets TZ.
        schedule: `0 ${mm} ${hh} * * *`,
        // A first backup as soon as the cluster is healthy, not a day later.
        immediate: true,
        backupOwnerReference: retain ? cnpg.ScheduledBackupSpecBackupOwnerReference.NONE : cnpg.ScheduledBackupSpecBackupOwnerReference.CLUSTER,
      },
    });
    // The archive's retentionPolicy expires its base backups and WAL; snapshots need the pruner.
    if (archived(spec)) return;
    new BackupPruner(scope, 'BackupPruner', {
      name: `${name}-prune`,
      scheduledBackupName: name,
      retentionDays: spec.backup.retention!.toDays(),
      schedule: `${mm} ${hh} * * *`,
      labels,
      image: spec.binderImage,
    });
  }
}
