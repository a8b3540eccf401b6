import { Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DatabaseBinding } from './backend';
import { Backup } from './backup';
import { Credentials } from './credentials';
import { DataSource } from './data-source';
import { DatabaseEngine } from './engine';
import { DatabaseKindModule, EngineSelection } from './kind';
import { checkParameters } from './parameters';

import { DatabaseSpec, RestoreSpec } from './resolved-spec';
import { BindOptions } from '../../core/connection-api';
import { InstanceSize } from '../../core/instance-size';
import { ServiceKind } from '../../core/kind';
import { kindModuleOf } from '../../core/kind-module';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { PortableService, PortableServiceProps } from '../../core/service';
import { invalid } from '../../private/errors';
import { checkDnsLabel } from '../../private/names';
import { allowMajorUpgrade, guardUpgrades } from '../../private/upgrade-guard';
import { checkEnum, checkInstance, daysOf, describeDuration, describeSize, describeValue, mebibytesOf } from '../../private/validate';

/** The storage every backend can allocate, in GiB. */
export const STORAGE_RANGE_GIB = { min: 20, max: 65536 };
/** Backup retention every backend supports, in days. */
export const RETENTION_RANGE_DAYS = { min: 1, max: 35 };
/** An RFC 3339 time with seconds and a zone. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** A backup's name, identifier or ARN (CloudNativePG `Backup` names, RDS snapshot identifiers and ARNs). */
const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,254}$/;
export { MAX_NAME_LENGTH } from '../../core/service';

/**
 * Portable properties of every relational database service.
 */
export interface PortableDatabaseProps extends PortableServiceProps {
  /**
   * Allocated storage, a whole number of GiB from 20 to 65536 (the range every backend supports).
   * @default Size.gibibytes(20)
   */
  readonly storage?: Size;
  /**
   * Compute.
   * @default InstanceSize.SMALL
   */
  readonly instanceSize?: InstanceSize;
  /**
   * Name of the database created for the application.
   * @default 'app'
   */
  readonly databaseName?: string;
  /**
   * High availability.
   * @default HighAvailability.AUTO
   */
  readonly highAvailability?: HighAvailability;
  /**
   * Backups.
   * @default Backup.daily() - daily at 03:00 UTC, kept 7 days
   */
  readonly backup?: Backup;
  /**
   * What happens to the data when the objects are deleted.
   * @default DeletionPolicy.RETAIN
   */
  readonly deletionPolicy?: DeletionPolicy;
  /**
   * Where the data comes from when the database is created: a named backup (`DataSource.backup()`), a copy of
   * another database of the app (`DataSource.cloneOf()`) or that database at a point in time
   * (`DataSource.pointInTime()`). Create-only: read once, when the database is created; the database keeps its own
   * credentials. Each backend honours each kind of source or refuses it at synth.
   * @default - an empty database
   */
  readonly restoreFrom?: DataSource;
  /**
   * The application user's credentials.
   * @default Credentials.generated() - user `app`, password generated in the cluster at deploy time
   */
  readonly credentials?: Credentials;
  /**
   * Engine parameters, by portable name: a fixed table of commonly tuned MySQL and PostgreSQL settings that every
   * backend can apply (RDS parameter group, Cloud SQL database flags, server options in the cluster). Unknown names
   * and out-of-range values fail at synth, suggesting the closest valid ones.
   *
   * Values are strings: integers and numbers (`'200'`, `'0.5'`); durations in the engine's base unit or with a unit
   * (`'30'`, `'250ms'`, `'2s'`, `'5min'`, `'1h'`, `'1d'`); sizes in the base unit or with a unit (PostgreSQL `'64kB'`,
   * `'64MB'`, `'1GB'`; MySQL `'16K'`, `'64M'`, `'1G'`); booleans `on`/`off`, `true`/`false`, `yes`/`no`, `1`/`0`;
   * enums and comma-separated lists (`'READ-COMMITTED'`, `'STRICT_TRANS_TABLES,NO_ZERO_DATE'`).
   *
   * MySQL: `max_connections`, `slow_query_log`, `long_query_time`, `log_queries_not_using_indexes`, `general_log`,
   * `innodb_print_all_deadlocks`, `wait_timeout`, `interactive_timeout`, `lock_wait_timeout`,
   * `innodb_lock_wait_timeout`, `max_allowed_packet`, `table_open_cache`, `transaction_isolation`, `sql_mode`,
   * `event_scheduler`, `log_bin_trust_function_creators`, `binlog_expire_logs_seconds` (not on RDS).
   * PostgreSQL: `max_connections`, `log_min_duration_statement`, `log_statement`, `log_connections`,
   * `log_disconnections`, `log_lock_waits`, `log_checkpoints`, `log_temp_files`, `log_autovacuum_min_duration`,
   * `work_mem`, `maintenance_work_mem`, `statement_timeout`, `lock_timeout`, `idle_in_transaction_session_timeout`,
   * `autovacuum_vacuum_scale_factor`, `autovacuum_analyze_scale_factor`, `default_transaction_isolation`,
   * `track_activity_query_size`, `pg_stat_statements.track`, `logical_replication` (`wal_level=logical`).
   *
   * Some settings need a restart to take effect (e.g. PostgreSQL `max_connections`): the in-cluster backends restart
   * the database pods when parameters change, RDS applies static parameters at the next reboot, and Cloud SQL
   * restarts the instance for flags that need it.
   * @default - none: the engine's (or provider's) defaults
   */
  readonly parameters?: { [name: string]: string };
  /**
   * Whether connections must be encrypted in transit. Every backend says whether it encrypts (the
   * `encryptionInTransit` capability, and the contract's `tls` key `true` / `false`); with `true`, a backend that
   * serves plaintext (the in-cluster StatefulSets) fails at synth instead.
   * @default false - the contract states whether TLS is on; plaintext is allowed
   */
  readonly requireTls?: boolean;
  /**
   * Allow a change of major version (`version` raised from `8.0` to `8.4`, from `16` to `17`) to be applied in place.
   * A major upgrade is irreversible (no way back but a restore) and takes the database down while it runs; where a
   * backend cannot do it in place (a PostgreSQL StatefulSet in the cluster), synth fails naming the way that works (a
   * new service restored from a backup). The backend's object carries the allowance as the annotation
   * `portabledata.io/allow-major-version-upgrade: "true"`, which the profile's upgrade guard (`upgradeGuard`) reads:
   * with the guard, a major change without it is refused when applied. Set it for the upgrade, and remove it after.
   * @default false - a change of major version is refused by the upgrade guard (where the profile has one)
   */
  readonly allowMajorVersionUpgrade?: boolean;
}

/**
 * The contract key and `uri` parameter of each engine's TLS mode, where the driver negotiates TLS itself: libpq's
 * `sslmode=require` (psql, psycopg, pgx, pgjdbc, node-postgres) and MySQL's connection-string option
 * `ssl-mode=REQUIRED` (MySQL Shell and the X DevAPI connectors; other MySQL drivers take TLS from the `tls` key).
 */
const TLS_URI_PARAMETERS: { [engine: string]: { key: string; value: string } } = {
  postgresql: { key: 'sslmode', value: 'require' },
  mysql: { key: 'ssl-mode', value: 'REQUIRED' },
};

/** The labels of a service's objects that select them for the upgrade guard's policies: the engine and the backend. */
const GUARD_SELECTOR_LABELS = ['app.kubernetes.io/managed-by', 'app.kubernetes.io/name', 'portabledata.io/backend'];

const DATABASE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;
const USERNAME = /^[a-zA-Z][a-zA-Z0-9_]{0,15}$/;
const RESERVED_DATABASES = ['mysql', 'information_schema', 'performance_schema', 'sys', 'postgres', 'template0', 'template1'];
const RESERVED_USERS = ['root', 'mysql', 'postgres', 'rdsadmin', 'cloudsqlsuperuser'];
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/**
 * Base of the relational database services: validates the portable props, asks the profile in scope for a
 * backend, checks what it honours and creates the connection contract.
 *
 * @example
 *
 * // Code that works with either engine takes the base class.
 * function connectionSecretOf(database: PortableDatabase): string {
 *   return database.connection.secretName;
 * }
 * connectionSecretOf(new PortableMySQL(chart, 'Orders'));     // '<name>-connection' of each
 * connectionSecretOf(new PortablePostgres(chart, 'Catalog'));
 */
export abstract class PortableDatabase extends PortableService {
  /** The resolved declaration the backend received. @internal */
  public readonly _spec: DatabaseSpec;

  /**
   * @param kind the engine's kind (`PortableMySQL.KIND`, `PortablePostgres.KIND`): it reads the `version` prop
   */
  protected constructor(scope: Construct, id: string, kind: ServiceKind, props: PortableDatabaseProps) {
    super(scope, id, kind, props ?? {});
    props = props ?? {};
    const engine = (kindModuleOf(kind) as DatabaseKindModule).select(this.node.path, (props as { version?: unknown }).version);

    const credentials = checkInstance(this, 'credentials', props.credentials ?? Credentials.generated(), Credentials, 'Credentials.generated()');
    const highAvailability = checkEnum(this, 'highAvailability', props.highAvailability ?? HighAvailability.AUTO, HighAvailability, 'HighAvailability');
    const deletionPolicy = checkEnum(this, 'deletionPolicy', props.deletionPolicy ?? DeletionPolicy.RETAIN, DeletionPolicy, 'DeletionPolicy');
    const backup = this.checkBackup(checkInstance(this, 'backup', props.backup ?? Backup.daily(), Backup, 'Backup.daily()'));
    const parameters = this.checkParameters(engine.engine, props.parameters ?? {});
    const requireTls = props.requireTls ?? false;
    if (typeof requireTls !== 'boolean') {
      invalid(this, { prop: 'requireTls', value: requireTls, allowed: 'true or false', fix: 'use requireTls: true to fail where connections are plaintext' });
    }
    const allowMajorVersionUpgrade = props.allowMajorVersionUpgrade ?? false;
    if (typeof allowMajorVersionUpgrade !== 'boolean') {
      invalid(this, {
        prop: 'allowMajorVersionUpgrade',
        value: allowMajorVersionUpgrade,
        allowed: 'true or false',
        fix: 'write allowMajorVersionUpgrade: true for the apply that raises the major version, and remove it after',
      });
    }

    this._spec = {
      engine: engine.engine,
      majorVersion: this.checkVersion(engine),
      fullVersion: engine.fullVersion,
      name: this.name,
      storage: this.checkStorage(props.storage ?? Size.gibibytes(20)),
      instanceSize: this.checkInstanceSize(props.instanceSize ?? InstanceSize.SMALL),
      databaseName: this.checkDatabaseName(props.databaseName ?? 'app'),
      highAvailability,
      backup,
      restore: props.restoreFrom === undefined ? undefined : this.checkRestore(engine.engine, props.restoreFrom),
      deletionPolicy,
      credentials: this.checkCredentials(credentials),
      credentialsSecretName: credentials.secretName ?? `${this.name}-credentials`,
      requireTls,
      allowMajorVersionUpgrade,
      parameters,
      labels: this._serviceLabels(engine.engine.name),
      binderImage: this.profile.binderImage,
    };

    const binding = this._serve<DatabaseSpec, DatabaseBinding>(this._spec, (b) => {
      const endpoint = this._endpoint(b);
      if (b.clientNegotiatesTls && !b.tls) {
        invalid(this, {
          prop: 'backend binding tls',
          value: { tls: b.tls, clientNegotiatesTls: b.clientNegotiatesTls },
          allowed: 'clientNegotiatesTls only when the connection is encrypted (tls)',
          fix: 'fix the backend: a plaintext connection has no TLS for the driver to negotiate',
        });
      }
      const tlsParameter = b.clientNegotiatesTls ? TLS_URI_PARAMETERS[engine.engine.name] : undefined;
      return {
        values: {
          ...endpoint.values,
          database: this._spec.databaseName,
          username: credentials.username,
          tls: String(b.tls),
          ...(tlsParameter ? { [tlsParameter.key]: tlsParameter.value } : {}),
        },
        optionalKeys: tlsParameter ? [tlsParameter.key] : [],
        deferred: endpoint.deferred,
        credentials: b.credentialsFrom ? {
          secret: b.credentialsFrom.secretName,
          generate: false,
          username: credentials.username,
          usernameKey: 'username',
          passwordKey: b.credentialsFrom.passwordKey,
          passwordKeys: [b.credentialsFrom.passwordKey],
        } : {
          secret: this._spec.credentialsSecretName,
          generate: credentials.isGenerated,
          username: credentials.username,
          usernameKey: 'username',
          passwordKey: credentials.passwordKey,
          passwordKeys: [credentials.passwordKey, ...(b.generatedPasswordKeys ?? [])],
        },
      };
    });
    if (allowMajorVersionUpgrade) allowMajorUpgrade(binding.guarded.object);
    if (this.profile.upgradeGuard) {
      const labels = this._spec.labels;
      const selector = Object.fromEntries(GUARD_SELECTOR_LABELS.map((l) => [l, labels[l]]));
      guardUpgrades(this, binding.guarded, selector);
    }
  }

  /**
   * Binds a workload to this database: `DB_*` environment variables and/or a mounted binding in its containers,
   * and what the backend adds (a NetworkPolicy rule in-cluster, the Cloud SQL Auth Proxy on GCP). Fails at synth
   * when the backend cannot bind this kind of workload.
   *
   * @param workload a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject
   * (e.g. a `KubeDeployment` of `cdk8s import k8s`): anything whose ApiObject has a pod template
   */
  public bind(workload: IConstruct, options: BindOptions = {}): void {
    this._bindConnection(workload, options ?? {});
  }

  private checkVersion(engine: EngineSelection): string {
    const major = engine.majorVersion;
    const latest = engine.knownMajors[engine.knownMajors.length - 1];
    if (typeof major !== 'string') {
      invalid(this, {
        prop: 'version',
        value: describeValue(major),
        allowed: `a major version string, one of the catalog's ${engine.engine.name} versions ${engine.knownMajors.join(', ')}`,
        fix: `quote the version, e.g. of('${latest}'), or use a catalog constant`,
      });
    }
    if (engine.fullVersion !== undefined && typeof engine.fullVersion !== 'string') {
      invalid(this, {
        prop: 'version',
        value: describeValue(engine.fullVersion),
        allowed: `a full version string of major ${major} (e.g. ${major}.1)`,
        fix: `quote the full version, e.g. of('${major}', '${major}.1')`,
      });
    }
    if (!/^\d+(\.\d+)?$/.test(major) || (!engine.knownMajors.includes(major) && engine.fullVersion === undefined)) {
      invalid(this, {
        prop: 'version',
        value: major,
        allowed: `one of the catalog's ${engine.engine.name} versions ${engine.knownMajors.join(', ')}`,
        fix: 'use a catalog constant, or pin a version the catalog does not list with `of(major, fullVersion)`',
      });
    }
    if (engine.fullVersion !== undefined && !(engine.fullVersion === major || engine.fullVersion.startsWith(`${major}.`))) {
      invalid(this, {
        prop: 'version',
        value: engine.fullVersion,
        allowed: `a full version of major ${major} (e.g. ${major}.1)`,
        fix: 'make the full version start with the major version',
      });
    }
    // A pin names one release: `8.4` or `17` would be a floating image tag (another server after a restart) and
    // RDS's default minor, not a pin.
    const parts = '\\.\\d+'.repeat(engine.fullVersionParts - major.split('.').length);
    if (engine.fullVersion !== undefined && (parts === '' || !new RegExp(`^${major.replace(/\./g, '\\.')}${parts}$`).test(engine.fullVersion))) {
      invalid(this, {
        prop: 'version',
        value: engine.fullVersion,
        allowed: `a full ${engine.engine.name} version of major ${major}, ${engine.fullVersionParts} numbers (e.g. `
          + `${fullExample(major, engine.fullVersionParts)}): a pin names one release, never a floating tag`,
        fix: `pin a release, e.g. of('${major}', '${fullExample(major, engine.fullVersionParts)}'), or leave the version unpinned `
          + '(`npx cdk8s-portable-data plan` shows the version each profile deploys)',
      });
    }
    return major;
  }

  /** Validates each parameter against the portable table and returns them normalized, sorted by name. */
  private checkParameters(engine: DatabaseEngine, parameters: { [name: string]: string }): { [name: string]: string } {
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
      invalid(this, { prop: 'parameters', value: describeValue(parameters), allowed: 'a map of portable parameter names to string values', fix: "write e.g. { max_connections: '200' }" });
    }
    for (const [name, value] of Object.entries(parameters)) {
      if (typeof value !== 'string') {
        invalid(this, { prop: `parameters[${JSON.stringify(name)}]`, value: describeValue(value), allowed: 'a string', fix: `quote the value, e.g. '${String(value)}'` });
      }
    }
    const normalized: { [name: string]: string } = {};
    for (const m of checkParameters(engine.name, parameters, this)) normalized[m.spec.name] = m.value;
    return normalized;
  }

  private checkStorage(storage: Size): Size {
    const gib = mebibytesOf(storage) / 1024;
    if (!Number.isInteger(gib) || gib < STORAGE_RANGE_GIB.min || gib > STORAGE_RANGE_GIB.max) {
      invalid(this, {
        prop: 'storage',
        value: describeSize(storage),
        allowed: `a whole number of GiB from ${STORAGE_RANGE_GIB.min} to ${STORAGE_RANGE_GIB.max}`,
        fix: `use e.g. Size.gibibytes(${STORAGE_RANGE_GIB.min})`,
      });
    }
    return storage;
  }

  private checkInstanceSize(size: InstanceSize): InstanceSize {
    checkInstance(this, 'instanceSize', size, InstanceSize, 'InstanceSize.SMALL');
    if (typeof size.cpu !== 'number') {
      invalid(this, { prop: 'instanceSize cpu', value: describeValue(size.cpu), allowed: 'a whole number of vCPUs from 1 to 96', fix: 'use e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })' });
    }
    const mib = mebibytesOf(size.memory);
    if (Number.isNaN(mib)) {
      invalid(this, { prop: 'instanceSize memory', value: describeSize(size.memory), allowed: 'a Size of at least 512 MiB', fix: 'use e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })' });
    }
    if (!Number.isInteger(size.cpu) || size.cpu < 1 || size.cpu > 96 || !Number.isInteger(mib) || mib < 512) {
      invalid(this, {
        prop: 'instanceSize',
        value: size.toString(),
        allowed: 'a whole number of vCPUs from 1 to 96 and at least 512 MiB of memory',
        fix: 'use InstanceSize.SMALL, MEDIUM, LARGE or a realistic InstanceSize.custom()',
      });
    }
    return size;
  }

  private checkDatabaseName(name: string): string {
    if (!DATABASE_NAME.test(name) || RESERVED_DATABASES.includes(name.toLowerCase())) {
      invalid(this, {
        prop: 'databaseName',
        value: name,
        allowed: `1 to 63 letters, digits or underscores, starting with a letter, not one of ${RESERVED_DATABASES.join(', ')}`,
        fix: 'choose a name such as "app"',
      });
    }
    return name;
  }

  private checkCredentials(credentials: Credentials): Credentials {
    if (!USERNAME.test(credentials.username) || RESERVED_USERS.includes(credentials.username.toLowerCase())) {
      invalid(this, {
        prop: 'credentials.username',
        value: credentials.username,
        allowed: `1 to 16 letters, digits or underscores, starting with a letter, not one of ${RESERVED_USERS.join(', ')}`,
        fix: 'choose a user name such as "app"',
      });
    }
    if (!credentials.isGenerated) {
      checkDnsLabel(this, 'credentials secret name', credentials.secretName!, 253, 'db-credentials');
    }
    for (const [prop, key] of [['credentials passwordKey', credentials.passwordKey], ['credentials adminPasswordKey', credentials.adminPasswordKey]]) {
      if (typeof key !== 'string' || !SECRET_KEY.test(key)) {
        invalid(this, {
          prop,
          value: key,
          allowed: 'a Secret data key: 1 to 253 letters, digits, "-", "_" or "."',
          fix: "use the key of the Secret, e.g. 'password'",
        });
      }
    }
    return credentials;
  }

  private checkBackup(backup: Backup): Backup {
    if (!backup.enabled) return backup;
    if (!TIME.test(backup.startTime ?? '')) {
      invalid(this, {
        prop: 'backup.startTime',
        value: backup.startTime,
        allowed: 'a UTC time HH:MM from 00:00 to 23:59',
        fix: "use e.g. Backup.daily({ startTime: '03:00' })",
      });
    }
    const days = daysOf(backup.retention);
    if (!Number.isInteger(days) || days < RETENTION_RANGE_DAYS.min || days > RETENTION_RANGE_DAYS.max) {
      invalid(this, {
        prop: 'backup.retention',
        value: describeDuration(backup.retention),
        allowed: `a whole number of days from ${RETENTION_RANGE_DAYS.min} to ${RETENTION_RANGE_DAYS.max}`,
        fix: 'use e.g. Duration.days(7)',
      });
    }
    if (backup.pointInTimeWindow !== undefined) {
      const window = daysOf(backup.pointInTimeWindow);
      if (!Number.isInteger(window) || window < 1 || window > days) {
        invalid(this, {
          prop: 'backup.pointInTimeWindow',
          value: describeDuration(backup.pointInTimeWindow),
          allowed: `a whole number of days from 1 to the retention (${days} days): a point in time is restored from the backup before it and the log after it`,
          fix: `use e.g. Duration.days(${Math.min(7, days)}), or a longer retention`,
        });
      }
    }
    return backup;
  }

  /** Checks where the data comes from: the backup's name, or a source database of the app and the time. */
  private checkRestore(engine: DatabaseEngine, restoreFrom: DataSource): RestoreSpec {
    const from = checkInstance(this, 'restoreFrom', restoreFrom, DataSource, "DataSource.backup('<name>')");
    if (from._type === 'backup') {
      if (typeof from._backupName !== 'string' || !BACKUP_NAME.test(from._backupName)) {
        invalid(this, {
          prop: 'restoreFrom',
          value: `DataSource.backup(${quoted(from._backupName)})`,
          allowed: 'the name, identifier or ARN of a backup: 1 to 255 letters, digits, ".", "_", "-", ":" or "/", starting with a letter or digit',
          fix: "name the backup, e.g. DataSource.backup('orders-db-20261201') (kubectl get backups, aws rds describe-db-snapshots)",
        });
      }
      return { type: 'backup', backupName: from._backupName };
    }
    const call = from._type === 'clone' ? 'DataSource.cloneOf' : 'DataSource.pointInTime';
    const source = from._source as unknown;
    if (!(source instanceof PortableDatabase) || source.node.root !== this.node.root || source === this) {
      invalid(this, {
        prop: 'restoreFrom',
        value: `${call}(${source instanceof Construct ? source.node.path : describeValue(source)})`,
        allowed: `another PortableMySQL or PortablePostgres of this app (${engine.name}), declared before this one`,
        fix: `pass the source database, e.g. ${call}(orders${from._type === 'clone' ? '' : ", '2026-12-01T09:00:00Z'"})`,
      });
    }
    const s = source._spec;
    if (s.engine.name !== engine.name || source.backendName !== this.backendName) {
      invalid(this, {
        prop: 'restoreFrom',
        value: `${call}(${source.node.path}): ${s.engine.name} on the ${source.backendName} backend`,
        allowed: `a ${engine.name} database on the same backend (${this.backendName}): a restore copies one engine's data within one provider`,
        fix: s.engine.name !== engine.name ? `restore from a ${engine.name} database, or make this database ${s.engine.name}` : 'declare both databases under the same profile',
      });
    }
    const sourceSpec = { name: s.name, path: source.node.path, backup: s.backup, majorVersion: s.majorVersion };
    if (from._type === 'clone') return { type: 'clone', source: sourceSpec };
    return { type: 'pointInTime', source: sourceSpec, time: this.checkPointInTime(source, from._time) };
  }

  /** A point in time: RFC 3339 with a zone, not in the future, of a source with a recovery window; returned in UTC. */
  private checkPointInTime(source: PortableDatabase, time: unknown): string {
    const ms = typeof time === 'string' && RFC3339.test(time) ? Date.parse(time) : NaN;
    if (Number.isNaN(ms)) {
      invalid(this, {
        prop: 'restoreFrom',
        value: `DataSource.pointInTime(${source.node.path}, ${quoted(time)})`,
        allowed: 'an RFC 3339 time with seconds and a zone, e.g. 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00',
        fix: "write the time in full, e.g. '2026-12-01T09:00:00Z'",
      });
    }
    const window = source._spec.backup.enabled ? source._spec.backup.pointInTimeWindow : undefined;
    // Where the backend refuses points in time, its refusal (checked with the other features) says why.
    if (window === undefined && this.supportOf('pointInTime').honoured) {
      invalid(this, {
        prop: 'restoreFrom',
        value: `DataSource.pointInTime(${source.node.path}, ${JSON.stringify(time)})`,
        allowed: `a point in time of a database with a recovery window: ${source.node.path} has none`,
        fix: `give ${source.node.path} a recovery window, e.g. backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }), or use DataSource.cloneOf()`,
      });
    }
    if (ms > Date.now()) {
      invalid(this, {
        prop: 'restoreFrom',
        value: `DataSource.pointInTime(${source.node.path}, ${JSON.stringify(time)})`,
        allowed: `a time in the recovery window of ${source.node.path}${window ? ` (the last ${window.toDays()} days)` : ''}, not in the future`,
        fix: 'use a past time, or DataSource.cloneOf() for the latest data',
      });
    }
    return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  }
}

/** A value in a factory call of a message: a string quoted, anything else described. */
function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(describeValue(value));
}

/** A full version of a major for messages: `8.4` → `8.4.0` (3 numbers), `17` → `17.0` (2). */
function fullExample(major: string, parts: number): string {
  return [...major.split('.'), ...new Array<string>(Math.max(0, parts - major.split('.').length)).fill('0')].join('.');
}
