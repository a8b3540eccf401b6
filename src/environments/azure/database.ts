import { ApiObject, ApiObjectMetadata, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { azureServerName, azureTags, reconcilePolicy } from './aso';
import { checkAzureBackupRetention, checkAzureServerSku, checkAzureServerVersion, checkAzureStorage } from './catalog/checks';
import { AZURE_CATALOG } from './catalog/data/azure';
import { AzureServerSku } from './catalog/types';
import { ResolvedAzureOptions } from './validate';
import { bindsEveryWorkload } from '../../core/features';
import { HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import * as mysql from '../../imports/dbformysql.azure.com';
import * as pg from '../../imports/dbforpostgresql.azure.com';
import { ERROR_CODES, invalid } from '../../private/errors';
import { celHas } from '../../private/upgrade-guard';
import { DatabaseAnswers, DatabaseBinding, IDatabaseBackend } from '../../services/database/backend';
import { Backup } from '../../services/database/backup';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/** Compute SKUs of the named instance sizes (the same on both engines; see `InstanceSize`). */
const NAMED_SKUS: { [size: string]: string } = {
  small: 'Standard_B1ms',
  medium: 'Standard_D2ds_v4',
  large: 'Standard_D4ds_v4',
};

/** Administrator names Azure refuses (learn.microsoft.com quickstart-create-server, both engines). */
const RESERVED_ADMIN_NAMES = ['azure_superuser', 'azure_pg_admin', 'admin', 'administrator', 'root', 'guest', 'public', 'azuresu'];

/** The portable backup start time that means "no preference" (`Backup.daily()` without one). */
const DEFAULT_BACKUP_START = '03:00';

/** The private network of a Flexible Server: the engine's delegated subnet and private DNS zone (profile options). */
interface FlexibleServerNetwork {
  readonly subnetId: string;
  readonly privateDnsZoneId: string;
}

/** The FlexibleServer spec both engines share, with plain strings where each API has its own enum types. */
interface FlexibleServerCommonSpec {
  readonly azureName: string;
  readonly owner: { readonly armId: string };
  readonly location: string;
  readonly tags?: { readonly [key: string]: string };
  readonly version: string;
  readonly sku: { readonly name: string; readonly tier: string };
  readonly administratorLogin: string;
  readonly administratorLoginPassword: { readonly name: string; readonly key: string };
  readonly storage: { readonly storageSizeGb: number; readonly autoGrow: string };
  readonly highAvailability: { readonly mode: string };
  readonly backup: { readonly backupRetentionDays: number; readonly geoRedundantBackup: string };
  readonly operatorSpec: { readonly configMaps: { readonly fullyQualifiedDomainName: { readonly name: string; readonly key: string } } };
}

/** A point-in-time restore: a new server from the backups of the source (create-only: ASO reads createMode on creation). */
interface FlexibleServerRestore {
  /** The source's `FlexibleServer` (its object name). */
  readonly source: string;
  /** The point in time, RFC 3339 UTC. */
  readonly time: string;
}

/**
 * What differs between the two Flexible Server APIs of ASO (`dbformysql.azure.com`, `dbforpostgresql.azure.com`):
 * their classes and enum types, the fields only one of them has, and the engine's spellings. The backend is one code
 * path over this table.
 */
interface FlexibleServerApi {
  /** The connection's `provider`. */
  readonly provider: string;
  /** The profile options that name the engine's delegated subnet and private DNS zone. */
  readonly subnetOption: string;
  readonly privateDnsZoneOption: string;
  /** The database's character set and collation. */
  readonly charset: string;
  readonly collation: string;
  /** The `FlexibleServer`: the common spec in the API's types, and its network (and, on PostgreSQL, its auth). */
  server(scope: Construct, metadata: ApiObjectMetadata, spec: FlexibleServerCommonSpec, network: FlexibleServerNetwork,
    restore?: FlexibleServerRestore): ApiObject;
  /** The `FlexibleServersDatabase`. */
  database(scope: Construct, metadata: ApiObjectMetadata,
    spec: { owner: { name: string }; azureName: string; charset: string; collation: string }): void;
  /** The `FlexibleServersConfiguration` that turns `require_secure_transport` on (`ON` on MySQL, `on` on PostgreSQL). */
  requireSecureTransport(scope: Construct, metadata: ApiObjectMetadata, owner: { name: string }): void;
}

const FLEXIBLE_SERVER_APIS: { readonly [engine in 'mysql' | 'postgresql']: FlexibleServerApi } = {
  mysql: {
    provider: 'azure-mysql',
    subnetOption: 'mysqlSubnetId',
    privateDnsZoneOption: 'mysqlPrivateDnsZoneId',
    charset: 'utf8mb4',
    collation: 'utf8mb4_0900_ai_ci',
    server: (scope, metadata, common, network, restore) => new mysql.FlexibleServer(scope, 'FlexibleServer', {
      metadata,
      spec: {
        ...common,
        storage: { ...common.storage, autoGrow: common.storage.autoGrow as mysql.FlexibleServerSpecStorageAutoGrow },
        sku: { ...common.sku, tier: common.sku.tier as mysql.FlexibleServerSpecSkuTier },
        highAvailability: { mode: common.highAvailability.mode as mysql.FlexibleServerSpecHighAvailabilityMode },
        backup: { ...common.backup, geoRedundantBackup: common.backup.geoRedundantBackup as mysql.FlexibleServerSpecBackupGeoRedundantBackup },
        ...(restore ? {
          createMode: mysql.FlexibleServerSpecCreateMode.POINT_IN_TIME_RESTORE,
          sourceServerResourceReference: { group: 'dbformysql.azure.com', kind: 'FlexibleServer', name: restore.source },
          restorePointInTime: restore.time,
        } : {}),
        network: {
          delegatedSubnetResourceReference: { armId: network.subnetId },
          privateDnsZoneResourceReference: { armId: network.privateDnsZoneId },
          publicNetworkAccess: mysql.FlexibleServerSpecNetworkPublicNetworkAccess.DISABLED,
        },
      },
    }),
    database: (scope, metadata, spec) => new mysql.FlexibleServersDatabase(scope, 'FlexibleServersDatabase', { metadata, spec }),
    requireSecureTransport: (scope, metadata, owner) => new mysql.FlexibleServersConfiguration(scope, 'RequireSecureTransport', {
      metadata,
      spec: { owner, azureName: 'require_secure_transport', value: 'ON', source: mysql.FlexibleServersConfigurationSpecSource.USER_HYPHEN_OVERRIDE },
    }),
  },
  postgresql: {
    provider: 'azure-postgresql',
    subnetOption: 'postgresSubnetId',
    privateDnsZoneOption: 'postgresPrivateDnsZoneId',
    charset: 'UTF8',
    collation: 'en_US.utf8',
    server: (scope, metadata, common, network, restore) => new pg.FlexibleServer(scope, 'FlexibleServer', {
      metadata,
      spec: {
        ...common,
        version: common.version as pg.FlexibleServerSpecVersion,
        storage: { ...common.storage, autoGrow: common.storage.autoGrow as pg.FlexibleServerSpecStorageAutoGrow },
        sku: { ...common.sku, tier: common.sku.tier as pg.FlexibleServerSpecSkuTier },
        highAvailability: { mode: common.highAvailability.mode as pg.FlexibleServerSpecHighAvailabilityMode },
        backup: { ...common.backup, geoRedundantBackup: common.backup.geoRedundantBackup as pg.FlexibleServerSpecBackupGeoRedundantBackup },
        ...(restore ? {
          createMode: pg.FlexibleServerSpecCreateMode.POINT_IN_TIME_RESTORE,
          sourceServerResourceReference: { group: 'dbforpostgresql.azure.com', kind: 'FlexibleServer', name: restore.source },
          pointInTimeUtc: restore.time,
        } : {}),
        authConfig: {
          passwordAuth: pg.FlexibleServerSpecAuthConfigPasswordAuth.ENABLED,
          activeDirectoryAuth: pg.FlexibleServerSpecAuthConfigActiveDirectoryAuth.DISABLED,
        },
        network: {
          delegatedSubnetResourceReference: { armId: network.subnetId },
          privateDnsZoneArmResourceReference: { armId: network.privateDnsZoneId },
          publicNetworkAccess: pg.FlexibleServerSpecNetworkPublicNetworkAccess.DISABLED,
        },
      },
    }),
    database: (scope, metadata, spec) => new pg.FlexibleServersDatabase(scope, 'FlexibleServersDatabase', { metadata, spec }),
    requireSecureTransport: (scope, metadata, owner) => new pg.FlexibleServersConfiguration(scope, 'RequireSecureTransport', {
      metadata,
      spec: { owner, azureName: 'require_secure_transport', value: 'on', source: 'user-override' },
    }),
  },
};

/**
 * MySQL and PostgreSQL on Azure Database for MySQL / PostgreSQL Flexible Server through Azure Service Operator v2:
 * a `FlexibleServer`, a `FlexibleServersDatabase` and a `FlexibleServersConfiguration` (`require_secure_transport`
 * on), named after the service (`dbformysql.azure.com/v20241230`, `dbforpostgresql.azure.com/v20250801`).
 *
 * | portable          | FlexibleServer                                                                                   |
 * |-------------------|--------------------------------------------------------------------------------------------------|
 * | name              | `metadata.name`; `azureName` = `namePrefix` + name (global DNS name: 3 to 63 characters)        |
 * | version           | `version` from the catalog: MySQL `8.0.21` (8.0) / `8.4`, PostgreSQL `13` to `17`; Azure manages minors, `of()` is refused |
 * | instanceSize      | `sku`: small `Standard_B1ms` (Burstable), medium `Standard_D2ds_v4`, large `Standard_D4ds_v4` (GeneralPurpose); custom: the catalog SKU of that vCores and memory |
 * | storage           | `storage.storageSizeGB` (MySQL 20 to 16384 GiB; PostgreSQL rounded up to the next Premium SSD size, 32 to 32767 GiB: 20 GiB is 32 GiB); `autoGrow` from the profile (default off: no resize drift) |
 * | highAvailability  | REQUIRED → `ZoneRedundant`, AUTO → `SameZone`, NONE → `Disabled`; Burstable has no HA: AUTO → `Disabled`, REQUIRED refused |
 * | backup            | `backup.backupRetentionDays` (MySQL 1 to 35, PostgreSQL 7 to 35); `geoRedundantBackup` from the profile; `Backup.disabled()` and a start time other than 03:00 refused |
 * | deletionPolicy    | `serviceoperator.azure.com/reconcile-policy`: RETAIN `detach-on-delete`, DELETE `manage`, on the three objects |
 * | databaseName      | `FlexibleServersDatabase` `azureName`; MySQL `utf8mb4` / `utf8mb4_0900_ai_ci`, PostgreSQL `UTF8` / `en_US.utf8` |
 * | credentials       | the application user is the server administrator: `administratorLogin`, `administratorLoginPassword` from the credentials Secret |
 * | labels            | `metadata.labels`; labels without a prefix also become Azure `tags`                                |
 * | parameters        | refused (not mapped to server parameters yet)                                                    |
 * | restoreFrom       | `DataSource.pointInTime()`: `createMode: PointInTimeRestore`, `sourceServerResourceReference` (the source's FlexibleServer), `pointInTimeUTC` / `restorePointInTime`; a named backup and a clone are refused |
 *
 * Always: private access only (`network.delegatedSubnetResourceReference`, the private DNS zone, `publicNetworkAccess:
 * Disabled`), owned by the profile's existing resource group (`owner.armId`, never composed), TLS enforced by the
 * configuration `require_secure_transport` (MySQL `ON`, PostgreSQL `on`, `source: user-override`); the contract
 * says `tls: true` and the `uri` carries `ssl-mode=REQUIRED` / `sslmode=require`.
 *
 * The host is what ASO publishes: `operatorSpec.configMaps.fullyQualifiedDomainName` writes the server's FQDN to the
 * ConfigMap `<name>-azure` (key `host`), which the binder reads at deploy time.
 *
 * Application user: the administrator, as on RDS. An ASO `User` (MySQL `dbformysql.azure.com/v1`, PostgreSQL
 * `dbforpostgresql.azure.com/v1`) logs in to the server over SQL from the ASO pod, which needs a network path into
 * the delegated subnet (ASO#4225): a prerequisite this library cannot check, so it is not used.
 */
export class AzureFlexibleServerDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'azure-aso';
  public readonly capabilities: DatabaseAnswers = {
    highAvailability: Support.honouredBy('highAvailability ZoneRedundant: a standby in another availability zone with automatic failover (not on Burstable SKUs)'),
    backups: (b: Backup) => (b.startTime === DEFAULT_BACKUP_START
      ? Support.honouredBy('automatic daily backups kept backupRetentionDays (Azure chooses the time)')
      : Support.refused(`Flexible Server takes backups at a time Azure chooses: there is no start time to set (asked: ${b.startTime} UTC)`,
        'remove startTime from Backup.daily(), or select a profile whose backend takes a backup window')),
    pointInTimeRecovery: Support.honouredBy('Flexible Server keeps its backups and transaction logs backupRetentionDays: any point of the retention can be restored (the window is within it)'),
    restoreFromBackup: Support.refused(
      'Flexible Server restores a server to a point in time, not a named backup',
      'use DataSource.pointInTime() of a database of the app'),
    clone: Support.refused(
      'Flexible Server restores to the time it is given (createMode PointInTimeRestore needs the time): it has no latest-restorable-time source',
      'use DataSource.pointInTime() of the source with a recent time'),
    pointInTime: Support.honouredBy(
      'createMode PointInTimeRestore with sourceServerResourceReference and pointInTimeUTC (PostgreSQL) / restorePointInTime (MySQL): a new server from the source\'s backups'),
    engineParameters: Support.refused('the Azure backend does not map parameters to Flexible Server server parameters yet',
      'remove parameters on this profile, or set the server parameters in Azure'),
    transitEncryption: Support.honouredBy(
      'the server configuration require_secure_transport ON: Azure refuses plaintext; the uri carries ssl-mode=REQUIRED / sslmode=require'),
    majorVersionUpgrade: (engine: string) => (engine === 'mysql'
      ? Support.honouredBy('a new version: Azure upgrades the server in place (irreversible, with downtime); ASO sends the whole spec, so make the version the only change of that apply')
      : Support.refused(
        'a PostgreSQL flexible server upgrades its major only when the request sets createMode Update, which this backend does not write (its effect through ASO is not verified)',
        'upgrade the server in Azure (az postgres flexible-server upgrade), then raise version to match; or restore into a new server of the new major')),
    deletionRetain: Support.honouredBy('the ASO reconcile policy detach-on-delete: the server outlives the objects, and ASO adopts it when they are applied again'),
    deletionDelete: Support.honouredBy('the ASO reconcile policy manage: deleting the objects deletes the server'),
    ...bindsEveryWorkload('environment variables or a mounted binding'),
  };

  /** @param options the profile's options, resolved once by the profile */
  constructor(private readonly options: ResolvedAzureOptions) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    const o = this.options;
    const engine = spec.engine.name;
    if (engine !== 'mysql' && engine !== 'postgresql') {
      invalid(scope, {
        prop: 'engine',
        value: engine,
        allowed: `the engines the ${this.name} backend serves: mysql, postgresql`,
        fix: 'select a profile with a backend for this engine',
      });
    }
    const api = FLEXIBLE_SERVER_APIS[engine as 'mysql' | 'postgresql'];
    const network = o.networks[engine];
    if (network === undefined) {
      invalid(scope, {
        prop: 'profile',
        value: 'azure',
        allowed: `an azure profile with ${api.subnetOption} and ${api.privateDnsZoneOption}: Flexible Servers get private access only (a delegated subnet and a private DNS zone), never public access`,
        fix: `set ${api.subnetOption} and ${api.privateDnsZoneOption} on the azure profile`,
        code: ERROR_CODES.REFUSED_BY_BACKEND,
      });
    }
    if (spec.fullVersion !== undefined) {
      invalid(scope, {
        prop: 'version',
        value: `${spec.majorVersion} (${spec.fullVersion})`,
        allowed: 'on Azure Flexible Server, a major version only: Azure chooses and upgrades the minor version',
        fix: `use the catalog constant of ${spec.majorVersion} instead of of(major, fullVersion)`,
      });
    }
    const version = checkAzureServerVersion(scope, engine, spec.majorVersion);
    checkAdministrator(scope, spec.credentials.username);
    const azureName = azureServerName(scope, o.namePrefix, spec.name);
    const sku = this.skuOf(scope, spec, engine);
    const storageSizeGb = checkAzureStorage(scope, engine, spec.storage.toGibibytes({ rounding: SizeRoundingBehavior.NONE }));
    const backupRetentionDays = this.retentionOf(scope, spec, engine);
    const haMode = this.haModeOf(scope, spec, sku.sku);
    const tags = azureTags(scope, spec.labels);
    const metadata = { name: spec.name, labels: spec.labels, annotations: reconcilePolicy(spec.deletionPolicy) };
    const server = { name: spec.name };
    const hostConfigMap = `${spec.name}-azure`;
    const object = api.server(scope, metadata, {
      azureName,
      owner: { armId: o.resourceGroupId },
      location: o.location,
      tags,
      version,
      sku: { name: sku.name, tier: sku.sku.tier },
      administratorLogin: spec.credentials.username,
      administratorLoginPassword: { name: spec.credentialsSecretName, key: spec.credentials.passwordKey },
      storage: { storageSizeGb, autoGrow: o.storageAutoGrow ? 'Enabled' : 'Disabled' },
      highAvailability: { mode: haMode },
      backup: { backupRetentionDays, geoRedundantBackup: o.geoRedundantBackup ? 'Enabled' : 'Disabled' },
      operatorSpec: { configMaps: { fullyQualifiedDomainName: { name: hostConfigMap, key: 'host' } } },
    }, network, spec.restore?.type === 'pointInTime' ? { source: spec.restore.source!.name, time: spec.restore.time! } : undefined);
    api.database(scope, metadata, { owner: server, azureName: spec.databaseName, charset: api.charset, collation: api.collation });
    api.requireSecureTransport(scope, { ...metadata, name: `${spec.name}-require-secure-transport` }, server);
    return {
      guarded: {
        object,
        version: { field: 'spec.version', present: (r) => celHas(r, 'spec.version'), value: (r) => `${r}.spec.version`, majorParts: engine === 'mysql' ? 2 : 1 },
        storage: {
          field: 'spec.storage.storageSizeGB',
          present: (r) => celHas(r, 'spec.storage.storageSizeGB'),
          value: (r) => `${r}.spec.storage.storageSizeGB`,
          quantity: false,
        },
      },
      provider: api.provider,
      port: spec.engine.port,
      hostFrom: { apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: hostConfigMap, fieldPath: 'data.host' },
      tls: true,
      clientNegotiatesTls: true,
    };
  }

  /** The compute SKU of the instance size: a named size's, or the catalog SKU of a custom size's vCores and memory. */
  private skuOf(scope: Construct, spec: DatabaseSpec, engine: string): { name: string; sku: AzureServerSku } {
    const size = spec.instanceSize;
    const named = NAMED_SKUS[size.name];
    if (named !== undefined) return { name: named, sku: checkAzureServerSku(scope, 'instanceSize', engine, named) };
    const gib = size.memoryMebibytes / 1024;
    const found = findSku(engine, size.cpu, gib);
    if (found === undefined) {
      invalid(scope, {
        prop: 'instanceSize',
        value: size.toString(),
        allowed: 'on Azure Flexible Server, a custom size with the vCores and memory of a catalog SKU: Burstable (1 vCore 2 GiB, 2 vCores 4 or 8 GiB, …), GeneralPurpose (4 GiB per vCore), MemoryOptimized (8 GiB per vCore), 2 to 64 vCores',
        fix: `use e.g. InstanceSize.custom({ cpu: ${nearCpu(size.cpu)}, memory: Size.gibibytes(${nearCpu(size.cpu) * 4}) }) (GeneralPurpose), or a named size`,
      });
    }
    return found;
  }

  private retentionOf(scope: Construct, spec: DatabaseSpec, engine: string): number {
    if (!spec.backup.enabled) {
      invalid(scope, {
        prop: 'backup',
        value: 'Backup.disabled()',
        allowed: 'on Azure Flexible Server, daily backups: they are always on and cannot be turned off',
        fix: 'use Backup.daily() (the default) on this profile',
        code: ERROR_CODES.REFUSED_BY_BACKEND,
      });
    }
    const days = spec.backup.retention!.toDays();
    checkAzureBackupRetention(scope, engine, days);
    return days;
  }

  private haModeOf(scope: Construct, spec: DatabaseSpec, sku: AzureServerSku): string {
    if (spec.highAvailability === HighAvailability.NONE) return 'Disabled';
    if (sku.tier === 'Burstable') {
      if (spec.highAvailability === HighAvailability.AUTO) return 'Disabled';
      invalid(scope, {
        prop: 'highAvailability',
        value: `${spec.highAvailability} with instanceSize ${spec.instanceSize.toString()}`,
        allowed: 'on Azure Flexible Server, high availability on the GeneralPurpose and MemoryOptimized tiers only (not on Burstable SKUs)',
        fix: 'use InstanceSize.MEDIUM or larger, or HighAvailability.AUTO / NONE',
      });
    }
    return spec.highAvailability === HighAvailability.REQUIRED ? 'ZoneRedundant' : 'SameZone';
  }
}

/** The first catalog SKU of an engine with these vCores and memory (GeneralPurpose, then MemoryOptimized, then Burstable). */
function findSku(engine: string, vCores: number, memoryGib: number): { name: string; sku: AzureServerSku } | undefined {
  const order = ['GeneralPurpose', 'MemoryOptimized', 'Burstable'];
  const matches = Object.entries(AZURE_CATALOG.engines[engine].skus)
    .filter(([, s]) => s.vCores === vCores && s.memoryGib === memoryGib)
    .sort((a, b) => order.indexOf(a[1].tier) - order.indexOf(b[1].tier) || a[0].localeCompare(b[0]));
  return matches.length > 0 ? { name: matches[0][0], sku: matches[0][1] } : undefined;
}

/** The nearest vCore count of the GeneralPurpose SKUs (2, 4, 8, 16, 32, 48, 64) at or above `cpu`. */
function nearCpu(cpu: number): number {
  return [2, 4, 8, 16, 32, 48, 64].find((c) => c >= cpu) ?? 64;
}

function checkAdministrator(scope: Construct, username: string): void {
  if (RESERVED_ADMIN_NAMES.includes(username.toLowerCase()) || /^pg_/i.test(username)) {
    invalid(scope, {
      prop: 'credentials.username',
      value: username,
      allowed: `on Azure Flexible Server the application user is the server administrator, whose name cannot be ${RESERVED_ADMIN_NAMES.join(', ')} or start with pg_`,
      fix: 'use another user name, e.g. Credentials.generated({ username: \'app\' })',
    });
  }
}
