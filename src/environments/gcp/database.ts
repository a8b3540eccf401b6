import { Construct } from 'constructs';
import { checkCloudSqlDatabaseVersion, checkCloudSqlInstanceId } from './catalog/checks';
import { cloudSqlEngine } from './engines';
import { checkGcpLabels } from './labels';
import { CloudSqlProxyBinder } from './proxy';
import { instanceSettings, MAX_TRANSACTION_LOG_DAYS } from './settings';
import { ResolvedGcpOptions } from './validate';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import * as sql from '../../imports/sql.cnrm.cloud.google.com';
import { celHas } from '../../private/upgrade-guard';
import { DatabaseBinding, IDatabaseBackend, DatabaseAnswers } from '../../services/database/backend';
import { Backup } from '../../services/database/backup';
import { checkPostgresNames } from '../../services/database/postgres-names';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/** Config Connector annotation naming the project of a resource. */
const PROJECT_ANNOTATION = 'cnrm.cloud.google.com/project-id';
/**
 * Config Connector annotation listing spec fields it must not manage: on update the direct SQLInstance controller
 * sends the live value instead (`supportedUnmanageableFields`, `ApplySQLInstanceGCPDefaults` stage 2, in
 * k8s-config-connector `pkg/controller/direct/sql/`; every `settings` field since 1.139). On create the declared
 * value is used.
 */
export const UNMANAGED_ANNOTATION = 'cnrm.cloud.google.com/unmanaged';
/**
 * With `diskAutoresize`, the disk size is `storage` at creation and Cloud SQL's afterwards: once Cloud SQL has grown
 * the disk, a declared (smaller) `diskSize` would be sent as a shrink, which Cloud SQL refuses, and every later
 * change of the instance would fail with it.
 */
export const UNMANAGED_DISK_SIZE = 'spec.settings.diskSize';
/** Config Connector annotation that keeps the GCP resource when its Kubernetes object is deleted. */
const DELETION_POLICY_ANNOTATION = 'cnrm.cloud.google.com/deletion-policy';

/**
 * MySQL and PostgreSQL on Cloud SQL through Config Connector (KCC): a `SQLInstance`, a `SQLDatabase` and a
 * `SQLUser`, all named after the service, and the Cloud SQL Auth Proxy as a sidecar of every bound workload. The
 * application connects to `127.0.0.1:<engine port>` (3306, 5432), so the connection Secret's host is known at synth
 * time (provider `gcp-cloudsql`).
 *
 * | portable                        | Cloud SQL (KCC `SQLInstance` unless noted)                                           |
 * |---------------------------------|--------------------------------------------------------------------------------------|
 * | name                            | `metadata.name`; `resourceID` = `namePrefix` + name                                  |
 * | version                         | `databaseVersion` (catalog; `MYSQL_<major>` / `POSTGRES_<major>` for `of()`; Cloud SQL manages minors) |
 * | instanceSize                    | `settings.tier` `db-custom-1-3840` / `2-8192` / `4-16384`, custom → `db-custom-<cpu>-<MiB>` |
 * | storage                         | `settings.diskSize` (GiB), `PD_SSD`, `diskAutoresize` (option, default on: `diskSize` is then the size at creation, and `cnrm.cloud.google.com/unmanaged: spec.settings.diskSize` keeps the size Cloud SQL grew it to) |
 * | highAvailability                | `availabilityType` REGIONAL (AUTO without backups: ZONAL; REQUIRED without: error)   |
 * | backup                          | `backupConfiguration`: start time, N backups kept, transaction logs over min(N, 7) days: MySQL `binaryLogEnabled`, PostgreSQL `pointInTimeRecoveryEnabled` |
 * | deletionPolicy RETAIN           | `deletionProtectionEnabled` + `deletion-policy: abandon` on all three objects        |
 * | databaseName                    | `SQLDatabase` `resourceID`; MySQL utf8mb4 / `utf8mb4_0900_ai_ci`, PostgreSQL `UTF8` / `en_US.UTF8` |
 * | credentials                     | `SQLUser` `resourceID` = user (MySQL: host `%`; PostgreSQL: no host), password from the credentials Secret |
 * | labels                          | `metadata.labels` (unprefixed ones become GCP labels: lower case only)              |
 * | parameters                      | `settings.databaseFlags` (each parameter's Cloud SQL flag, e.g. `logical_replication` → `cloudsql.logical_decoding`, MySQL logs + `log_output=FILE`); none without parameters |
 *
 * Always: Enterprise edition, encrypted connections only (`sslMode: ENCRYPTED_ONLY`), no authorized networks,
 * Cloud SQL connectors only (option `requireConnectors`), private IP only when `privateNetwork` is set.
 *
 * TLS: the application connects to the Cloud SQL Auth Proxy sidecar on `127.0.0.1` in plaintext, and the proxy
 * connects to the instance over TLS 1.3 with certificates it fetches for the workload's identity. The contract says
 * `tls: true` (encrypted in transit, between the pod and Cloud SQL) with no `sslmode` / `ssl-mode` key and no TLS
 * parameter in the `uri`: the driver must not ask the local proxy for TLS.
 *
 * Synth-time checks against the Cloud SQL catalog (src/catalog, snapshot; values outside its scope pass and are
 * left to the preflight): `databaseVersion` (`checkCloudSqlDatabaseVersion`), the tier for it on the Enterprise
 * edition (`checkCloudSqlTier`), the disk size (`checkCloudSqlStorage`), retained backups and transaction log days
 * (`checkCloudSqlBackupRetention`), the instance ID with the project (`checkCloudSqlInstanceId`) and each database
 * flag (`checkCloudSqlFlag`). Errors name the construct, the value, Cloud SQL and the closest valid values.
 *
 * PostgreSQL database and user names that PostgreSQL or Cloud SQL keep (`pg_*`, `cloudsql*`,
 * reserved key words) fail at synth.
 *
 * Binding a workload gives the Google service account of its Kubernetes ServiceAccount (GKE Workload Identity; one
 * per ServiceAccount, shared with the buckets bound to it) `roles/cloudsql.client` on the project, which the proxy
 * authenticates with: the workload must run as a ServiceAccount of its own created in the app, in a chart with a
 * namespace.
 *
 * Prerequisites: Config Connector with access to the project (and to set its IAM policy); with `privateNetwork`,
 * private services access on that network.
 *
 * Notes: Cloud SQL users created through the API get the `cloudsqlsuperuser` role. Instance names cannot be
 * reused for a while after deletion. The database name and the user name are immutable (`resourceID`).
 */
export class CloudSqlDatabaseBackend implements IDatabaseBackend {
  /** Backend name. */
  public readonly name = 'gcp-kcc';
  public readonly capabilities: DatabaseAnswers = {
    highAvailability: Support.honouredBy('availabilityType REGIONAL: a standby in another zone with automatic failover (needs backups)'),
    backups: Support.honouredBy('backupConfiguration: daily backups at the start time, retainedBackups from the retention'),
    pointInTimeRecovery: (b: Backup) => (b.pointInTimeWindow!.toDays() <= MAX_TRANSACTION_LOG_DAYS
      ? Support.honouredBy('backupConfiguration: transactionLogRetentionDays = the window, with binary logs (MySQL) / pointInTimeRecoveryEnabled (PostgreSQL)')
      : Support.refused(`Cloud SQL keeps transaction logs 1 to ${MAX_TRANSACTION_LOG_DAYS} days (asked: ${b.pointInTimeWindow!.toDays()} days)`,
        `use pointInTimeWindow: Duration.days(${MAX_TRANSACTION_LOG_DAYS}) or less on this profile`)),
    restoreFromBackup: Support.refused(
      'Config Connector\'s SQLInstance has no restore-from-backup field (Cloud SQL restores a backup run only onto an existing instance, out of band)',
      'use DataSource.cloneOf() or DataSource.pointInTime() of a database of the app, or create the database empty and run gcloud sql backups restore'),
    clone: Support.honouredBy('cloneSource.sqlInstanceRef: Cloud SQL clones the source instance as it is at creation (Instances.Clone); the SQLUser sets the clone\'s own password'),
    pointInTime: Support.honouredBy('cloneSource.sqlInstanceRef and cloneSource.pointInTime: Cloud SQL clones the source as it was then, from its transaction logs; the SQLUser sets the clone\'s own password'),
    engineParameters: Support.honouredBy('settings.databaseFlags'),
    transitEncryption: Support.honouredBy(
      'sslMode ENCRYPTED_ONLY and the Cloud SQL Auth Proxy sidecar: the application talks plaintext to the proxy on 127.0.0.1 (no TLS parameter in the uri), the proxy speaks TLS to the instance'),
    majorVersionUpgrade: Support.honouredBy(
      'a new databaseVersion: Config Connector patches it first, and Cloud SQL upgrades the instance in place (downtime, irreversible; read replicas are not upgraded with it)'),
    deletionRetain: Support.honouredBy('deletionProtectionEnabled and the Config Connector deletion policy abandon: the instance outlives the objects, and Config Connector acquires it by its resourceID when they are applied again'),
    deletionDelete: Support.honouredBy('the Config Connector default deletion policy: deleting the objects deletes the instance'),
    ...bindsEveryWorkload('the Cloud SQL Auth Proxy as a native sidecar (an init container with restartPolicy Always, Kubernetes 1.29+: '
      + 'it stops when the application containers finish, so Jobs complete); the workload\'s Workload Identity gets roles/cloudsql.client on the project'),
  };

  /** @param options the profile's options, resolved once by the profile */
  constructor(private readonly options: ResolvedGcpOptions) {
  }

  /** Creates the SQLInstance, SQLDatabase and SQLUser, and says the app connects through the Auth Proxy. */
  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    const o = this.options;
    const engine = cloudSqlEngine(scope, spec);
    if (engine.reservedNames) checkPostgresNames(scope, spec, engine.reservedNames);
    checkGcpLabels(scope, spec.labels, 'Cloud SQL labels');
    const instanceId = `${o.namePrefix}${spec.name}`;
    checkCloudSqlInstanceId(scope, o.projectId, instanceId);
    const databaseVersion = engine.databaseVersion(spec.majorVersion);
    checkCloudSqlDatabaseVersion(scope, databaseVersion);
    const metadata = {
      name: spec.name,
      labels: spec.labels,
      annotations: {
        [PROJECT_ANNOTATION]: o.projectId,
        ...(spec.deletionPolicy === DeletionPolicy.RETAIN ? { [DELETION_POLICY_ANNOTATION]: 'abandon' } : {}),
      },
    };
    const instanceRef = { name: spec.name };

    const instance = new sql.SqlInstance(scope, 'SQLInstance', {
      metadata: o.diskAutoresize
        ? { ...metadata, annotations: { ...metadata.annotations, [UNMANAGED_ANNOTATION]: UNMANAGED_DISK_SIZE } }
        : metadata,
      spec: {
        resourceId: instanceId,
        region: o.region,
        databaseVersion,
        cloneSource: spec.restore?.source === undefined ? undefined : {
          sqlInstanceRef: { name: spec.restore.source.name },
          pointInTime: spec.restore.time,
        },
        settings: instanceSettings(scope, spec, o, engine, databaseVersion),
      },
    });
    new sql.SqlDatabase(scope, 'SQLDatabase', {
      metadata,
      spec: {
        instanceRef,
        resourceId: spec.databaseName,
        charset: engine.charset,
        collation: engine.collation(spec.majorVersion),
      },
    });
    new sql.SqlUser(scope, 'SQLUser', {
      metadata,
      spec: {
        instanceRef,
        resourceId: spec.credentials.username,
        host: engine.userHost,
        password: { valueFrom: { secretKeyRef: { name: spec.credentialsSecretName, key: spec.credentials.passwordKey } } },
      },
    });

    return {
      guarded: {
        object: instance,
        version: {
          field: 'spec.databaseVersion',
          present: (r) => celHas(r, 'spec.databaseVersion'),
          value: (r) => `${r}.spec.databaseVersion`,
          majorParts: spec.engine.name === 'mysql' ? 2 : 1,
        },
        storage: { field: 'spec.settings.diskSize', present: (r) => celHas(r, 'spec.settings.diskSize'), value: (r) => `${r}.spec.settings.diskSize`, quantity: false },
      },
      provider: 'gcp-cloudsql',
      host: '127.0.0.1',
      port: spec.engine.port,
      // Encrypted between the pod and Cloud SQL by the proxy; the driver speaks plaintext to 127.0.0.1 (the proxy's
      // local listener is plain TCP), so the contract has no sslmode / ssl-mode key.
      tls: true,
      clientNegotiatesTls: false,
      workloadBinder: new CloudSqlProxyBinder({
        image: o.proxyImage,
        connectionName: `${o.projectId}:${o.region}:${instanceId}`,
        port: spec.engine.port,
        privateIp: o.privateNetwork !== undefined,
        projectId: o.projectId,
      }),
    };
  }
}
