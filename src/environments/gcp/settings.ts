import { SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkCloudSqlBackupRetention, checkCloudSqlFlag, checkCloudSqlStorage, checkCloudSqlTier } from './catalog/checks';
import { CLOUD_SQL_BACKUPS } from './catalog/rules';
import { CloudSqlEngine } from './engines';
import { cloudSqlFlags } from './parameters';
import { cloudSqlTier } from './tiers';
import { ResolvedGcpOptions } from './validate';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import * as sql from '../../imports/sql.cnrm.cloud.google.com';
import { invalid } from '../../private/errors';
import { checkParameters } from '../../services/database/parameters';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/** The Cloud SQL edition of every instance: custom machine tiers (`db-custom-*`) exist on Enterprise only. */
export const EDITION = 'ENTERPRISE';

/**
 * Cloud SQL keeps at most 7 days of transaction logs (MySQL binary logs, PostgreSQL write-ahead logs) on the
 * Enterprise edition.
 */
export const MAX_TRANSACTION_LOG_DAYS = CLOUD_SQL_BACKUPS.transactionLogDays[EDITION].max;

/**
 * REGIONAL (a standby in another zone, automatic failover) when high availability is wanted and possible.
 * Cloud SQL needs automated backups and binary logging (MySQL) or point-in-time recovery (PostgreSQL) for a
 * regional instance (KCC `availabilityType` docs), so AUTO without backups is ZONAL and REQUIRED without backups
 * fails.
 */
export function availabilityType(scope: IConstruct, spec: DatabaseSpec, engine: CloudSqlEngine): string {
  switch (spec.highAvailability) {
    case HighAvailability.NONE:
      return 'ZONAL';
    case HighAvailability.REQUIRED:
      if (!spec.backup.enabled) {
        invalid(scope, {
          prop: 'highAvailability',
          value: `${spec.highAvailability} with Backup.disabled()`,
          allowed: `HighAvailability.REQUIRED together with backups: a regional Cloud SQL instance needs automated backups and ${engine.transactionLogName}`,
          fix: 'keep backups (e.g. Backup.daily()), or use HighAvailability.AUTO or NONE',
        });
      }
      return 'REGIONAL';
    default:
      return spec.backup.enabled ? 'REGIONAL' : 'ZONAL';
  }
}

/**
 * Daily backups at the start time, as many kept as the retention has days, with the engine's transaction logs
 * (point-in-time recovery, and required for a regional instance) over the same days, up to Cloud SQL's 7: MySQL
 * `binaryLogEnabled`, PostgreSQL `pointInTimeRecoveryEnabled` (`binaryLogEnabled` is MySQL-only and never set for
 * PostgreSQL). Without backups the engine's setting is explicitly off.
 */
export function backupConfiguration(scope: IConstruct, spec: DatabaseSpec, engine: CloudSqlEngine): sql.SqlInstanceSpecSettingsBackupConfiguration {
  if (!spec.backup.enabled) return { enabled: false, [engine.transactionLog]: false };
  const days = spec.backup.retention!.toDays();
  // The recovery window where asked (the capability refuses more than Cloud SQL keeps), else as long as possible.
  const logDays = spec.backup.pointInTimeWindow?.toDays() ?? Math.min(MAX_TRANSACTION_LOG_DAYS, days);
  checkCloudSqlBackupRetention(scope, days, logDays, EDITION);
  return {
    enabled: true,
    startTime: spec.backup.startTime,
    [engine.transactionLog]: true,
    backupRetentionSettings: { retainedBackups: days, retentionUnit: 'COUNT' },
    transactionLogRetentionDays: logDays,
  };
}

/**
 * Network access: no authorized networks ever, encrypted connections only, and (by default) Cloud SQL connectors
 * only. With a private network, a private IP and no public IPv4; without one, a public IPv4 that only the Auth
 * Proxy (IAM-authorized, TLS) can use.
 */
export function ipConfiguration(options: ResolvedGcpOptions): sql.SqlInstanceSpecSettingsIpConfiguration {
  return {
    ipv4Enabled: options.privateNetwork === undefined,
    privateNetworkRef: options.privateNetwork === undefined ? undefined : { external: options.privateNetwork },
    sslMode: 'ENCRYPTED_ONLY',
  };
}

/**
 * The `databaseFlags` of the spec's parameters: each parameter's Cloud SQL flag and the flags it needs alongside
 * (`cloudSqlFlags()`, e.g. `log_output=FILE` with the MySQL slow query log), each checked against the Cloud
 * SQL flag catalog for the database version, sorted by name. Undefined without parameters (the engine's defaults).
 * Cloud SQL restarts the instance for flags that need it when they change.
 */
export function databaseFlags(
  scope: IConstruct,
  spec: DatabaseSpec,
  databaseVersion: string,
): sql.SqlInstanceSpecSettingsDatabaseFlags[] | undefined {
  const flags = new Map<string, { value: string; from: string }>();
  for (const m of checkParameters(spec.engine.name, spec.parameters, scope)) {
    for (const flag of cloudSqlFlags(m)) {
      const seen = flags.get(flag.name);
      if (seen && seen.value !== flag.value) {
        invalid(scope, {
          prop: `parameter ${m.spec.name}`,
          value: m.value,
          allowed: `on Cloud SQL, parameters whose flags agree: ${m.spec.name} sets ${flag.name}=${flag.value}, ${seen.from} sets ${flag.name}=${seen.value}`,
          fix: `remove ${m.spec.name} or ${seen.from} from parameters`,
        });
      }
      checkCloudSqlFlag(scope, databaseVersion, flag.name, flag.value);
      flags.set(flag.name, { value: flag.value, from: m.spec.name });
    }
  }
  if (flags.size === 0) return undefined;
  return [...flags.keys()].sort().map((name) => ({ name, value: flags.get(name)!.value }));
}

/**
 * The `settings` of the SQLInstance, checked against the Cloud SQL catalog: the tier for the database version and
 * edition, the disk size, the backup retention and the database flags.
 */
export function instanceSettings(
  scope: IConstruct,
  spec: DatabaseSpec,
  options: ResolvedGcpOptions,
  engine: CloudSqlEngine,
  databaseVersion: string,
): sql.SqlInstanceSpecSettings {
  const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
  const window = options.maintenanceWindow;
  const tier = cloudSqlTier(scope, spec.instanceSize);
  checkCloudSqlTier(scope, databaseVersion, tier, EDITION);
  const diskSize = spec.storage.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  checkCloudSqlStorage(scope, diskSize);
  return {
    // db-custom tiers exist on the Enterprise edition only; set it so the API's default edition never applies.
    edition: EDITION,
    tier,
    databaseFlags: databaseFlags(scope, spec, databaseVersion),
    availabilityType: availabilityType(scope, spec, engine),
    diskSize,
    diskType: 'PD_SSD',
    diskAutoresize: options.diskAutoresize,
    backupConfiguration: backupConfiguration(scope, spec, engine),
    ipConfiguration: ipConfiguration(options),
    connectorEnforcement: options.requireConnectors ? 'REQUIRED' : 'NOT_REQUIRED',
    deletionProtectionEnabled: retain,
    maintenanceWindow: window && { day: window.day, hour: window.hour, updateTrack: window.updateTrack },
  };
}
