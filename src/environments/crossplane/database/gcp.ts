import { Construct } from 'constructs';
import { DATABASE_PARAMETERS as DB, DatabaseClaimParameters, DatabaseCompositionChecks, ENGINES, ENGINE_PORTS } from './api';
import { invalid } from '../../../private/errors';
import { engineMajors } from '../../../services/database/catalog';
import { checkCloudSqlBackupRetention, checkCloudSqlDatabaseVersion, checkCloudSqlStorage, checkCloudSqlTier } from '../../gcp/catalog/checks';
import { cloudSqlDatabaseVersionOf } from '../../gcp/catalog/database-versions';
import { CLOUD_SQL_BACKUPS } from '../../gcp/catalog/rules';
import { CloudComposition } from '../compositions';
import { GCP_NETWORK_NAME_RULE, GCP_PROJECT_ID_RULE, checkGcpProject, gcpNetworkProblem } from '../gcp-names';
import { combineParameters, fromParameter, orphanOnRetain } from '../parameters';
import {
  ComposedTemplate, EXTERNAL_NAME, booleanTransforms, clampMaxTransform, fromComposite, fromFieldPath, mapTransform,
} from '../patch-and-transform';
import { GCP_REGION, checkObjectName, checkPattern } from '../platform-skeleton';

/** The edition of the Composition's instances. */
const CLOUD_SQL_EDITION = 'ENTERPRISE';

/**
 * Options of the GCP database Composition (crossplane-contrib provider-upjet-gcp, `sql.gcp.upbound.io`).
 */
export interface CrossplaneDatabaseGcpOptions {
  /** Region of the instances, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * GCP project of the instances.
   * @default - the project of the ProviderConfig
   */
  readonly project?: string;
  /**
   * VPC network for private IP (`projects/<project>/global/networks/<network>`, with private services access
   * configured). When set, instances get a private IP only and `host` is that IP.
   * @default - no private network: a public IPv4 without authorized networks (reachable only through the Cloud SQL
   * Auth Proxy or connectors), and `host` is the public IP
   */
  readonly privateNetwork?: string;
  /**
   * Name of the provider-upjet-gcp ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/** The GCP database Composition: its options checked, its composed resources, its catalog checks of a claim. */
export const GCP_DATABASE_COMPOSITION: CloudComposition<CrossplaneDatabaseGcpOptions> & DatabaseCompositionChecks = {
  compose: (scope, options) => gcpComposedResources(checkGcp(scope, options)),
  checkClaim: checkClaimOnCloudSql,
};

function checkGcp(scope: Construct, gcp: CrossplaneDatabaseGcpOptions | undefined): CrossplaneDatabaseGcpOptions {
  if (!gcp) {
    return invalid(scope, {
      prop: 'gcp',
      value: undefined,
      allowed: 'GCP options (region) when the GCP Composition is included',
      fix: 'pass gcp: { region }, or clouds: [CrossplaneCloud.AWS]',
    });
  }
  checkPattern(scope, 'gcp.region', gcp.region, GCP_REGION, 'a GCP region such as "europe-west1"', 'set the region of the instances');
  checkGcpProject(scope, gcp.project);
  const networkProblem = gcp.privateNetwork === undefined ? undefined : gcpNetworkProblem(gcp.privateNetwork);
  if (networkProblem) {
    invalid(scope, {
      prop: 'gcp.privateNetwork',
      value: gcp.privateNetwork,
      allowed: `projects/<project>/global/networks/<network>, with <project> ${GCP_PROJECT_ID_RULE} and <network> ${GCP_NETWORK_NAME_RULE}; ${networkProblem}`,
      fix: 'pass the network path of the VPC with private services access, with the project\'s ID',
    });
  }
  if (gcp.providerConfigName !== undefined) checkObjectName(scope, 'gcp.providerConfigName', gcp.providerConfigName);
  return gcp;
}

/** Cloud SQL tiers of the named sizes (as in `InstanceSize`; the smallest custom shape has 3840 MiB). */
export const CLOUD_SQL_NAMED_TIERS: { [size: string]: string } = {
  small: 'db-custom-1-3840',
  medium: 'db-custom-2-8192',
  large: 'db-custom-4-16384',
};

/** Longest transaction log retention of Cloud SQL Enterprise edition (days): binary logs, write-ahead logs. */
const MAX_LOG_RETENTION_DAYS = 7;

/**
 * Label of the composed Cloud SQL instance that carries the engine's port, so that the `port` connection detail
 * can read it from the instance (Cloud SQL has no port field; connection details take no transforms).
 */
export const PORT_LABEL = 'portabledata.io/port';

/**
 * The backup setting of each engine that keeps the transaction logs point-in-time recovery and a regional instance
 * need: MySQL `binaryLogEnabled`, PostgreSQL `pointInTimeRecoveryEnabled` (`binaryLogEnabled` is MySQL-only).
 */
const TRANSACTION_LOGS: { [engine: string]: string } = { mysql: 'binaryLogEnabled', postgresql: 'pointInTimeRecoveryEnabled' };

/** `User` `host` of each engine: MySQL users connect from any host; Cloud SQL refuses a host for PostgreSQL users. */
const USER_HOSTS: { [engine: string]: string | undefined } = { mysql: '%' };

/** `Database` charset and collation of each engine (Cloud SQL creates PostgreSQL databases in UTF8 / en_US.UTF8 only). */
const ENCODINGS: { [engine: string]: { charset: string; collation: string } } = {
  mysql: { charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' },
  postgresql: { charset: 'UTF8', collation: 'en_US.UTF8' },
};

const FP = 'spec.forProvider';
const SETTINGS = `${FP}.settings`;
const BACKUP = `${SETTINGS}.backupConfiguration`;

/**
 * The composed resources of the GCP Composition (provider-upjet-gcp, cluster-scoped): a Cloud SQL
 * `DatabaseInstance` (`sql.gcp.upbound.io/v1beta2`), the application's `Database` (`sql.gcp.upbound.io/v1beta1`)
 * and its `User` (`v1beta2`, the only version provider-upjet-gcp v3 serves), both bound to the instance of the same composite resource
 * (`instanceSelector.matchControllerRef`). Cloud names come from the `crossplane.io/external-name` annotation.
 *
 * | parameter | field |
 * |---|---|
 * | identifier | instance external name (the Cloud SQL instance name) |
 * | engine + majorVersion | `databaseVersion` `MYSQL_8_0`, `MYSQL_8_4`, `POSTGRES_15` … `POSTGRES_17` (Cloud SQL takes the major only: `engineVersion` is not used) |
 * | instanceSize (+ cpu, memoryMiB) | `settings.tier` (named sizes as `InstanceSize` documents; custom: `db-custom-<cpu>-<memoryMiB>`, which Cloud SQL accepts for 1 or an even number of vCPUs and 0.9 to 6.5 GiB per vCPU in multiples of 256 MiB) |
 * | storageGB | `settings.diskSize` (PD_SSD, no autoresize so that the declared size stays the truth) |
 * | highAvailability | `settings.availabilityType` REGIONAL / ZONAL |
 * | engine + backup.enabled | `settings.backupConfiguration` `enabled` with MySQL `binaryLogEnabled` or PostgreSQL `pointInTimeRecoveryEnabled` (as enabled) |
 * | backup | `settings.backupConfiguration` `startTime`, `backupRetentionSettings.retainedBackups`, `transactionLogRetentionDays` (the recovery window, else the retention; capped at 7) |
 * | restore | `clone` `sourceInstanceName` (+ `pointInTime`) (create-only); a snapshot is not restored (the claim fails at synth under a `provider: gcp` selector) |
 * | deletionPolicy | Retain: `deletionProtection`, `settings.deletionProtectionEnabled`, `spec.deletionPolicy: Orphan` on the three resources; Delete: none of these |
 * | databaseName | Database external name; MySQL utf8mb4 / `utf8mb4_0900_ai_ci`, PostgreSQL `UTF8` / `en_US.UTF8` |
 * | username, passwordSecretRef | User external name (MySQL: host `%`; PostgreSQL: no host), `passwordSecretRef` (namespace: the claim's) |
 *
 * Network: SSL only (`sslMode: ENCRYPTED_ONLY`); a private IP only when `privateNetwork` is set (then `host` is
 * `status.atProvider.privateIpAddress`), else a public IPv4 with no authorized networks (`host` is
 * `status.atProvider.publicIpAddress`, reachable only through the Cloud SQL Auth Proxy or connectors).
 * `port` is the engine's port, read from the instance's `portabledata.io/port` label that a patch sets by engine.
 *
 * Engine-specific objects (the backup configuration, the User's `forProvider`) are written whole by a `map` patch
 * that comes before the patches of their fields: function-patch-and-transform replaces the value at `toFieldPath`
 * by default, so a field the other engine must not have (MySQL-only `binaryLogEnabled`, `host`) is never set.
 */
function gcpComposedResources(options: CrossplaneDatabaseGcpOptions): ComposedTemplate[] {
  const project = options.project ? { project: options.project } : {};
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const privateIp = options.privateNetwork !== undefined;
  const versions: Record<string, string> = {};
  const backups: Record<string, unknown> = {};
  for (const engine of ENGINES) {
    for (const major of engineMajors(engine)) versions[`${engine}-${major}`] = cloudSqlDatabaseVersionOf(engine, major);
    for (const enabled of [true, false]) backups[`${engine}-${enabled}`] = { enabled, [TRANSACTION_LOGS[engine]]: enabled };
  }
  const retainTrue = mapTransform({ Retain: true, Delete: false });

  const instance: ComposedTemplate = {
    name: 'cloudsql-instance',
    base: {
      apiVersion: 'sql.gcp.upbound.io/v1beta2',
      kind: 'DatabaseInstance',
      spec: {
        forProvider: {
          region: options.region,
          ...project,
          settings: {
            edition: CLOUD_SQL_EDITION,
            diskType: 'PD_SSD',
            diskAutoresize: false,
            ipConfiguration: {
              ipv4Enabled: !privateIp,
              ...(privateIp ? { privateNetwork: options.privateNetwork } : {}),
              sslMode: 'ENCRYPTED_ONLY',
            },
            backupConfiguration: { enabled: false },
          },
        },
        providerConfigRef,
      },
    },
    patches: [
      fromParameter(DB, 'identifier', EXTERNAL_NAME),
      fromParameter(DB, 'engine', `metadata.labels[${PORT_LABEL}]`, [mapTransform(portLabels())]),
      combineParameters(DB, ['engine', 'majorVersion'], '%s-%s', `${FP}.databaseVersion`, [mapTransform(versions)]),
      // Named sizes; `custom` is replaced by the next patch (the schema requires cpu and memoryMiB for it).
      fromParameter(DB, 'instanceSize', `${SETTINGS}.tier`, [mapTransform({ ...CLOUD_SQL_NAMED_TIERS, custom: 'custom' })]),
      combineParameters(DB, ['cpu', 'memoryMiB'], 'db-custom-%v-%v', `${SETTINGS}.tier`),
      fromParameter(DB, 'storageGB', `${SETTINGS}.diskSize`),
      fromParameter(DB, 'highAvailability', `${SETTINGS}.availabilityType`, booleanTransforms('REGIONAL', 'ZONAL')),
      // Replaces the whole backup configuration: keep it before the patches of its other fields.
      combineParameters(DB, ['engine', 'backup.enabled'], '%s-%v', BACKUP, [mapTransform(backups)]),
      fromParameter(DB, 'backup.startTime', `${BACKUP}.startTime`),
      fromParameter(DB, 'backup.retentionDays', `${BACKUP}.backupRetentionSettings.retainedBackups`),
      fromParameter(DB, 'backup.retentionDays', `${BACKUP}.transactionLogRetentionDays`, [clampMaxTransform(MAX_LOG_RETENTION_DAYS)]),
      // The recovery window where asked (after the retention, which it replaces).
      fromParameter(DB, 'backup.pointInTimeWindowDays', `${BACKUP}.transactionLogRetentionDays`, [clampMaxTransform(MAX_LOG_RETENTION_DAYS)]),
      // Read by Cloud SQL at creation only (ForceNew).
      fromParameter(DB, 'restore.sourceIdentifier', `${FP}.clone.sourceInstanceName`),
      fromParameter(DB, 'restore.pointInTime', `${FP}.clone.pointInTime`),
      fromParameter(DB, 'deletionPolicy', `${FP}.deletionProtection`, [retainTrue]),
      fromParameter(DB, 'deletionPolicy', `${SETTINGS}.deletionProtectionEnabled`, [retainTrue]),
      orphanOnRetain(DB),
    ],
    connectionDetails: [
      fromFieldPath('host', privateIp ? 'status.atProvider.privateIpAddress' : 'status.atProvider.publicIpAddress'),
      fromFieldPath('port', `metadata.labels[${PORT_LABEL}]`),
    ],
  };

  const database: ComposedTemplate = {
    name: 'cloudsql-database',
    base: {
      apiVersion: 'sql.gcp.upbound.io/v1beta1',
      kind: 'Database',
      spec: {
        forProvider: {
          ...project,
          instanceSelector: { matchControllerRef: true },
        },
        providerConfigRef,
      },
    },
    patches: [
      fromParameter(DB, 'databaseName', EXTERNAL_NAME),
      fromParameter(DB, 'engine', `${FP}.charset`, [mapTransform(byEngine((e) => ENCODINGS[e].charset))]),
      fromParameter(DB, 'engine', `${FP}.collation`, [mapTransform(byEngine((e) => ENCODINGS[e].collation))]),
      orphanOnRetain(DB),
    ],
  };

  const userForProvider = { ...project, instanceSelector: { matchControllerRef: true }, type: 'BUILT_IN' };
  const user: ComposedTemplate = {
    name: 'cloudsql-user',
    base: {
      apiVersion: 'sql.gcp.upbound.io/v1beta2',
      kind: 'User',
      spec: { forProvider: userForProvider, providerConfigRef },
    },
    patches: [
      // Replaces the whole forProvider (with the engine's host, if any): keep it before the patches of its fields.
      fromParameter(DB, 'engine', FP, [mapTransform(byEngine((e) => {
        const host = USER_HOSTS[e];
        return host === undefined ? userForProvider : { ...userForProvider, host };
      }))]),
      fromParameter(DB, 'username', EXTERNAL_NAME),
      fromParameter(DB, 'passwordSecretRef.name', `${FP}.passwordSecretRef.name`),
      fromParameter(DB, 'passwordSecretRef.key', `${FP}.passwordSecretRef.key`),
      fromComposite('spec.claimRef.namespace', `${FP}.passwordSecretRef.namespace`, [], true),
      orphanOnRetain(DB),
    ],
  };

  return [instance, database, user];
}

/** A map transform's pairs: one value per engine of the API. */
function byEngine(value: (engine: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(ENGINES.map((engine) => [engine, value(engine)]));
}

/** The port label's value of each engine. */
function portLabels(): Record<string, string> {
  return byEngine((engine) => String(ENGINE_PORTS[engine])) as Record<string, string>;
}

/**
 * The claim as the GCP Composition maps it, checked against the Cloud SQL catalog: `databaseVersion` (the major:
 * Cloud SQL ignores `engineVersion`), the tier on the Enterprise edition, the disk size and the backups kept with
 * their transaction logs (capped at 7 days). The instance ID needs no check beyond the XRD's (a DNS label of at
 * most 63 characters always fits Cloud SQL's 98-character `<project>:<instance>` with a project ID of at most 30).
 */
function checkClaimOnCloudSql(where: string, p: DatabaseClaimParameters): void {
  const databaseVersion = cloudSqlDatabaseVersionOf(p.engine, p.majorVersion);
  checkCloudSqlDatabaseVersion(where, databaseVersion);
  const tier = p.instanceSize === 'custom' ? `db-custom-${p.cpu}-${p.memoryMiB}` : CLOUD_SQL_NAMED_TIERS[p.instanceSize];
  checkCloudSqlTier(where, databaseVersion, tier, CLOUD_SQL_EDITION);
  checkCloudSqlStorage(where, p.storageGB);
  if (p.backup.enabled) {
    const days = p.backup.retentionDays!;
    const logDays = p.backup.pointInTimeWindowDays ?? Math.min(days, CLOUD_SQL_BACKUPS.transactionLogDays[CLOUD_SQL_EDITION].max);
    checkCloudSqlBackupRetention(where, days, logDays, CLOUD_SQL_EDITION);
  }
}
