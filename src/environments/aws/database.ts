import { Chart, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { adoptRetained } from './adoption';
import { checkRdsBackupRetention, checkRdsEngineVersion, checkRdsIdentifier, checkRdsInstanceClass, checkRdsStorage, rdsStorageRange } from './catalog/checks';
import { RDS_POSTGRES_NAMES } from './catalog/postgres-names';
import { instanceClassFor } from './instance-classes';
import { AwsDatabaseOptions, AwsOptions } from './options';
import { parameterGroup as createParameterGroup } from './parameter-group';
import { backupWindow, overlapsDailyWindow, parseMaintenanceWindow } from './windows';
import { DeferredValue } from '../../core/backend';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import { DbInstance, DbInstanceSpecTags } from '../../imports/rds.services.k8s.aws';
import { invalid } from '../../private/errors';
import { celHas, GuardedObject } from '../../private/upgrade-guard';
import { DatabaseBinding, IDatabaseBackend, DatabaseAnswers } from '../../services/database/backend';
import { engineMajors } from '../../services/database/catalog';
import { checkPostgresNames, PostgresProviderNames } from '../../services/database/postgres-names';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/** ACK annotation that selects the region of a resource. */
const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
/**
 * ACK annotation that says whether deleting the resource deletes the AWS resource (`delete`) or abandons it
 * (`retain`); it wins over the namespace annotation and the controller's `--deletion-policy` (ACK docs,
 * "Deletion Policy").
 */
const ACK_DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';
/**
 * rds-controller annotations read when it deletes a DB instance (without them it skips the final snapshot and
 * keeps the automated backups): rds-controller `apis/v1alpha1/annotations.go`.
 */
const RDS_DELETE_ANNOTATIONS = {
  skipFinalSnapshot: 'rds.services.k8s.aws/skip-final-snapshot',
  finalSnapshotIdentifier: 'rds.services.k8s.aws/final-db-snapshot-identifier',
  deleteAutomatedBackups: 'rds.services.k8s.aws/delete-automated-backups',
};

const MAX_TAGS = 45; // RDS allows 50 tags; ACK adds its own (controller version, namespace).

/** What the backend knows about each engine it serves. */
interface RdsEngine {
  /** RDS `engine`. */
  readonly engine: string;
  /** Majors the backend can create without a pinned full version. */
  readonly majors: string[];
  /** Names the engine and RDS keep for themselves, checked beyond the portable rules. @default - none */
  readonly reservedNames?: PostgresProviderNames;
}

/** By `DatabaseEngine.name`: RDS calls PostgreSQL `postgres` (the servicebinding.io type is `postgresql`). */
const ENGINES: { [engine: string]: RdsEngine } = {
  mysql: { engine: 'mysql', majors: [...engineMajors('mysql')] },
  postgresql: { engine: 'postgres', majors: [...engineMajors('postgresql')], reservedNames: RDS_POSTGRES_NAMES },
};

/**
 * Relational databases (MySQL, PostgreSQL) on Amazon RDS through AWS Controllers for Kubernetes (ACK): one
 * `rds.services.k8s.aws/v1alpha1` `DBInstance` per service, private (the profile's DB subnet group and security
 * groups, `publiclyAccessible: false`), storage always encrypted (the profile's KMS key or `aws/rds`).
 *
 * | portable             | MySQL                           | PostgreSQL                                              |
 * |----------------------|---------------------------------|---------------------------------------------------------|
 * | engine               | `engine: mysql`                 | `engine: postgres`                                      |
 * | version (catalog)    | `engineVersion: '8.4'`          | `engineVersion: '17'`                                   |
 * | port                 | 3306                            | 5432                                                    |
 * | databaseName         | `dbName`                        | `dbName`; not a reserved key word, `rdsadmin`, `postgres`, `template0/1` |
 * | credentials.username | `masterUsername`                | `masterUsername`; not a reserved key word, `pg_*`, `rds_*`, `rdsadmin`, … |
 *
 * Everything else (instance class, storage, Multi-AZ, backups, windows, deletion, tags) is the same for both
 * engines. Every instance has a `DBParameterGroup` of the version's family, referenced by `dbParameterGroupRef`,
 * that enforces TLS (MySQL `require_secure_transport=1`, PostgreSQL `rds.force_ssl=1`) and holds the `parameters`
 * (see `parameterGroup()`). The contract says `tls: true` and the `uri` carries `ssl-mode=REQUIRED` /
 * `sslmode=require`; clients that verify the server need the RDS CA bundle.
 *
 * Synth-time checks against the RDS catalog (src/catalog, snapshot; values outside its scope pass and are left
 * to the preflight): the engine version (`checkRdsEngineVersion`), the instance class for that version, including
 * the profile's `instanceClasses` overrides (`checkRdsInstanceClass`), the storage range of the engine and storage
 * type (`checkRdsStorage`), the backup retention (`checkRdsBackupRetention`), the DB instance identifier
 * (`checkRdsIdentifier`) and each parameter (`checkRdsParameter`). Errors name the construct, the value, AWS RDS
 * and the closest valid values.
 *
 * - Version: the major only (`engineVersion: '8.4'` or `'17'`, RDS picks its default minor) with automatic minor
 *   upgrades, which the rds-controller treats as in sync (its `reconcileEngineVersion` accepts `17.x` for `17`); a
 *   version pinned with `of(major, full)` is passed as is with automatic minor upgrades off (otherwise RDS upgrades
 *   it and older controllers try to downgrade: aws-controllers-k8s/community#2009, #2380).
 * - Credentials: the application user is the RDS master user; `masterUserPassword` references the credentials
 *   Secret (the rds-controller reads only `Opaque` Secrets; passwords are 8 to 41 characters for MySQL, 8 to 128
 *   for PostgreSQL, without `/`, `"` or `@`: the generated ones are 32 letters and digits).
 * - Host: read at deploy time from the DBInstance's `status.endpoint.address`.
 * - High availability: Multi-AZ for `AUTO` and `REQUIRED` (every RDS class supports it), single-AZ for `NONE`.
 * - Backups: automated backups kept `retention` days in a 30-minute window from `startTime`; `Backup.disabled()`
 *   sets the retention to 0 (RDS then applies no automatic minor upgrades either).
 * - Deletion: `RETAIN` sets `deletionProtection` and the ACK deletion policy `retain` (deleting the object
 *   abandons the instance), and asks for a final snapshot `<identifier>-final` should it ever be deleted through
 *   ACK. It also sets the ACK adoption policy `adopt-or-create` (on the DBInstance and its DBParameterGroup), so
 *   applying the YAML again after `kubectl delete -f` adopts the kept instance instead of failing with "already
 *   exists" (`ACK.Terminal`); the controllers' `ResourceAdoption` feature gate must be on. `DELETE` sets the deletion policy `delete` explicitly (overriding a namespace or controller default),
 *   skips the final snapshot and deletes the automated backups: the data is gone with the object.
 * - Storage: `allocatedStorage` in GiB with storage autoscaling up to `maxAllocatedStorageFactor` times that.
 *   RDS cannot shrink storage: after autoscaling grew it, raise `storage` to at least the new size.
 */
export class AwsRdsDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'aws-ack';
  public readonly capabilities: DatabaseAnswers = {
    highAvailability: Support.honouredBy('multiAZ: a synchronous standby in another Availability Zone with automatic failover'),
    backups: Support.honouredBy('automated backups: backupRetentionPeriod and preferredBackupWindow'),
    pointInTimeRecovery: Support.honouredBy('automated backups and transaction logs: RDS restores any point of the backupRetentionPeriod (the window is within the retention)'),
    restoreFromBackup: Support.honouredBy('dbSnapshotIdentifier: the rds-controller creates the instance with RestoreDBInstanceFromDBSnapshot (read at creation only)'),
    clone: Support.refused(
      'the rds-controller\'s DBInstance restores only from a snapshot (dbSnapshotIdentifier): it has no source instance or latest-restorable-time field',
      'restore out of band (aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier <source> --use-latest-restorable-time '
        + '--target-db-instance-identifier <identifier>) and apply this database to adopt it, or use DataSource.backup(\'<snapshot>\')'),
    pointInTime: Support.refused(
      'the rds-controller\'s DBInstance has no point-in-time restore (RestoreDBInstanceToPointInTime is not mapped; only DBCluster has it)',
      'restore out of band (aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier <source> --restore-time <time> '
        + '--target-db-instance-identifier <identifier>) and apply this database without restoreFrom to adopt it, or use DataSource.backup(\'<snapshot>\')'),
    engineParameters: Support.honouredBy('a DBParameterGroup of the engine family'),
    transitEncryption: Support.honouredBy(
      'the DBParameterGroup sets require_secure_transport=1 (MySQL) / rds.force_ssl=1 (PostgreSQL): RDS refuses plaintext; the uri carries ssl-mode=REQUIRED / sslmode=require'),
    majorVersionUpgrade: Support.honouredBy(
      'a new engineVersion and a DBParameterGroup of the new family (<identifier>-<family>): the rds-controller modifies the instance with AllowMajorVersionUpgrade and ApplyImmediately, which it always sends (the CRD has no field for either)'),
    deletionRetain: Support.honouredBy('deletionProtection and the ACK deletion policy retain: the DB instance outlives the object; the adoption policy adopt-or-create takes it back when the object is applied again'),
    deletionDelete: Support.honouredBy('the ACK deletion policy delete, without a final snapshot'),
    ...bindsEveryWorkload('environment variables or a mounted binding'),
  };

  /** @param options the profile's options, validated by the profile */
  constructor(private readonly options: AwsOptions & AwsDatabaseOptions) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    const engine = this.engineOf(scope, spec);
    const engineVersion = spec.fullVersion ?? spec.majorVersion;
    checkRdsEngineVersion(scope, engine.engine, engineVersion);
    if (engine.reservedNames) checkPostgresNames(scope, spec, engine.reservedNames);
    const identifier = `${this.options.namePrefix ?? ''}${spec.name}`;
    checkRdsIdentifier(scope, identifier);
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const pinned = spec.fullVersion !== undefined;
    const instanceClass = this.instanceClassOf(scope, spec, engine.engine, engineVersion);
    const storageType = this.options.storageType ?? 'gp3';
    const storage = this.storageOf(scope, spec, engine.engine, storageType);
    const backup = this.backupOf(scope, spec);
    const port = spec.engine.port;
    const namespace = Chart.of(scope).namespace;
    const ackAnnotations = {
      [ACK_REGION_ANNOTATION]: this.options.region,
      [ACK_DELETION_POLICY_ANNOTATION]: retain ? 'retain' : 'delete',
    };
    const tags = this.tagsOf(scope, spec);
    const parameterGroup = createParameterGroup(scope, spec, {
      engine: engine.engine, engineVersion, identifier, annotations: ackAnnotations, tags, adopt: retain,
    });

    const instance = new DbInstance(scope, 'DBInstance', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: {
          ...ackAnnotations,
          ...(retain
            ? {
              [RDS_DELETE_ANNOTATIONS.skipFinalSnapshot]: 'false',
              [RDS_DELETE_ANNOTATIONS.finalSnapshotIdentifier]: `${identifier}-final`,
              ...adoptRetained({ dbInstanceIdentifier: identifier }),
            }
            : { [RDS_DELETE_ANNOTATIONS.skipFinalSnapshot]: 'true', [RDS_DELETE_ANNOTATIONS.deleteAutomatedBackups]: 'true' }),
        },
      },
      spec: {
        dbInstanceIdentifier: identifier,
        dbSnapshotIdentifier: spec.restore?.backupName,
        engine: engine.engine,
        engineVersion,
        autoMinorVersionUpgrade: !pinned,
        dbInstanceClass: instanceClass,
        dbParameterGroupRef: { from: { name: parameterGroup } },
        dbName: spec.databaseName,
        masterUsername: spec.credentials.username,
        masterUserPassword: { name: spec.credentialsSecretName, key: spec.credentials.passwordKey, namespace },
        allocatedStorage: storage.allocated,
        maxAllocatedStorage: storage.max,
        storageType,
        storageEncrypted: true,
        kmsKeyId: this.options.kmsKeyArn,
        publiclyAccessible: false,
        dbSubnetGroupName: this.options.dbSubnetGroupName,
        vpcSecurityGroupIDs: [...this.options.vpcSecurityGroupIds],
        port,
        multiAz: spec.highAvailability !== HighAvailability.NONE,
        backupRetentionPeriod: backup.retention,
        preferredBackupWindow: backup.window,
        preferredMaintenanceWindow: this.options.maintenanceWindow,
        copyTagsToSnapshot: true,
        deletionProtection: retain,
        tags,
      },
    });

    const hostFrom: DeferredValue = {
      apiGroup: DbInstance.GVK.apiVersion.split('/')[0],
      apiVersion: DbInstance.GVK.apiVersion.split('/')[1],
      resource: 'dbinstances',
      name: spec.name,
      fieldPath: 'status.endpoint.address',
    };
    const guarded: GuardedObject = {
      object: instance,
      version: {
        field: 'spec.engineVersion',
        present: (o) => celHas(o, 'spec.engineVersion'),
        value: (o) => `${o}.spec.engineVersion`,
        majorParts: engine.engine === 'mysql' ? 2 : 1,
      },
      storage: { field: 'spec.allocatedStorage', present: (o) => celHas(o, 'spec.allocatedStorage'), value: (o) => `${o}.spec.allocatedStorage`, quantity: false },
    };
    return { provider: 'aws-rds', port, hostFrom, tls: true, clientNegotiatesTls: true, guarded };
  }

  private engineOf(scope: Construct, spec: DatabaseSpec): RdsEngine {
    const engine = ENGINES[spec.engine.name];
    if (!engine) {
      invalid(scope, {
        prop: 'engine',
        value: spec.engine.name,
        allowed: `the engines the ${this.name} backend serves: ${Object.keys(ENGINES).join(', ')}`,
        fix: 'select a profile with a backend for this engine',
      });
    }
    if (spec.fullVersion === undefined && !engine.majors.includes(spec.majorVersion)) {
      invalid(scope, {
        prop: 'version',
        value: spec.majorVersion,
        allowed: `on AWS RDS, one of the catalog's ${spec.engine.name} versions ${engine.majors.join(', ')}`,
        fix: 'use a catalog constant, or pin an RDS engine version with `of(major, fullVersion)`',
      });
    }
    return engine;
  }

  /**
   * The class of the instance size (the profile's `instanceClasses` override, or the default), checked against the
   * classes RDS offers for the engine version; an override that RDS does not offer fails naming the option.
   */
  private instanceClassOf(scope: Construct, spec: DatabaseSpec, engine: string, engineVersion: string): string {
    const size = spec.instanceSize.name;
    const instanceClass = instanceClassFor(scope, spec.instanceSize, this.options.instanceClasses);
    const overridden = size !== 'custom' && this.options.instanceClasses?.[size] !== undefined;
    checkRdsInstanceClass(overridden ? `${scope.node.path} (aws profile option instanceClasses.${size})` : scope, engine, engineVersion, instanceClass);
    return instanceClass;
  }

  /** Allocated storage (checked against the RDS range of the engine and storage type) and the autoscaling cap. */
  private storageOf(scope: Construct, spec: DatabaseSpec, engine: string, storageType: string): { allocated: number; max?: number } {
    const allocated = spec.storage.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    checkRdsStorage(scope, engine, storageType, allocated);
    const max = Math.min(Math.floor(allocated * (this.options.maxAllocatedStorageFactor ?? 2)), rdsStorageRange(engine, storageType)!.max);
    // RDS requires the autoscaling cap to be at least 10% above the allocated storage.
    return max >= Math.ceil(allocated * 1.1) ? { allocated, max } : { allocated };
  }

  private backupOf(scope: Construct, spec: DatabaseSpec): { retention: number; window?: string } {
    const retention = spec.backup.enabled ? spec.backup.retention!.toDays() : 0;
    checkRdsBackupRetention(scope, retention);
    if (!spec.backup.enabled) return { retention };
    const startTime = spec.backup.startTime!;
    const maintenance = this.options.maintenanceWindow;
    const weekly = maintenance === undefined ? undefined : parseMaintenanceWindow(maintenance);
    if (weekly && overlapsDailyWindow(weekly, startTime)) {
      invalid(scope, {
        prop: 'backup.startTime',
        value: startTime,
        allowed: `a backup window (${backupWindow(startTime)} UTC daily) that does not overlap the profile's maintenance window ${maintenance}`,
        fix: 'move the backup start time or the profile\'s maintenanceWindow',
      });
    }
    return { retention, window: backupWindow(startTime) };
  }

  private tagsOf(scope: Construct, spec: DatabaseSpec): DbInstanceSpecTags[] {
    const keys = Object.keys(spec.labels).sort();
    const tooLong = keys.filter((k) => k.length > 128);
    if (keys.length > MAX_TAGS || tooLong.length > 0) {
      invalid(scope, {
        prop: 'labels',
        value: tooLong.length > 0 ? tooLong : `${keys.length} labels`,
        allowed: `at most ${MAX_TAGS} labels with keys of at most 128 characters (they become RDS tags)`,
        fix: 'drop labels from the service or the profile',
      });
    }
    return keys.map((key) => ({ key, value: spec.labels[key] }));
  }
}
