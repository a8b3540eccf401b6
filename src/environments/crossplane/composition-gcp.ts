import { ENGINES, ENGINE_PORTS } from './api';
import {
  ComposedTemplate, EXTERNAL_NAME, clampMaxTransform, combine, convertTransform, fromComposite, fromFieldPath,
  mapTransform,
} from './patch-and-transform';
import { CrossplaneGcpOptions } from './platform-options';
import { engineCatalog } from '../../services/database/catalog';

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

const P = 'spec.parameters';
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
 * | backup | `settings.backupConfiguration` `startTime`, `backupRetentionSettings.retainedBackups`, `transactionLogRetentionDays` (capped at 7) |
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
export function gcpComposedResources(options: CrossplaneGcpOptions): ComposedTemplate[] {
  const project = options.project ? { project: options.project } : {};
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const privateIp = options.privateNetwork !== undefined;
  const versions: Record<string, string> = {};
  const backups: Record<string, unknown> = {};
  for (const engine of ENGINES) {
    for (const [major, entry] of Object.entries(engineCatalog(engine))) versions[`${engine}-${major}`] = entry.cloudSql;
    for (const enabled of [true, false]) backups[`${engine}-${enabled}`] = { enabled, [TRANSACTION_LOGS[engine]]: enabled };
  }
  const retainOrphan = mapTransform({ Retain: 'Orphan', Delete: 'Delete' });
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
            edition: 'ENTERPRISE',
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
      fromComposite(`${P}.identifier`, EXTERNAL_NAME),
      fromComposite(`${P}.engine`, `metadata.labels[${PORT_LABEL}]`, [mapTransform(portLabels())]),
      combine([`${P}.engine`, `${P}.majorVersion`], '%s-%s', `${FP}.databaseVersion`, [mapTransform(versions)]),
      // Named sizes; `custom` is replaced by the next patch (the schema requires cpu and memoryMiB for it).
      fromComposite(`${P}.instanceSize`, `${SETTINGS}.tier`, [mapTransform({ ...CLOUD_SQL_NAMED_TIERS, custom: 'custom' })]),
      combine([`${P}.cpu`, `${P}.memoryMiB`], 'db-custom-%v-%v', `${SETTINGS}.tier`),
      fromComposite(`${P}.storageGB`, `${SETTINGS}.diskSize`),
      fromComposite(`${P}.highAvailability`, `${SETTINGS}.availabilityType`, [
        convertTransform('string'),
        mapTransform({ true: 'REGIONAL', false: 'ZONAL' }),
      ]),
      // Replaces the whole backup configuration: keep it before the patches of its other fields.
      combine([`${P}.engine`, `${P}.backup.enabled`], '%s-%v', BACKUP, [mapTransform(backups)]),
      fromComposite(`${P}.backup.startTime`, `${BACKUP}.startTime`),
      fromComposite(`${P}.backup.retentionDays`, `${BACKUP}.backupRetentionSettings.retainedBackups`),
      fromComposite(`${P}.backup.retentionDays`, `${BACKUP}.transactionLogRetentionDays`, [clampMaxTransform(MAX_LOG_RETENTION_DAYS)]),
      fromComposite(`${P}.deletionPolicy`, `${FP}.deletionProtection`, [retainTrue]),
      fromComposite(`${P}.deletionPolicy`, `${SETTINGS}.deletionProtectionEnabled`, [retainTrue]),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [retainOrphan]),
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
      fromComposite(`${P}.databaseName`, EXTERNAL_NAME),
      fromComposite(`${P}.engine`, `${FP}.charset`, [mapTransform(byEngine((e) => ENCODINGS[e].charset))]),
      fromComposite(`${P}.engine`, `${FP}.collation`, [mapTransform(byEngine((e) => ENCODINGS[e].collation))]),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [retainOrphan]),
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
      fromComposite(`${P}.engine`, FP, [mapTransform(byEngine((e) => {
        const host = USER_HOSTS[e];
        return host === undefined ? userForProvider : { ...userForProvider, host };
      }))]),
      fromComposite(`${P}.username`, EXTERNAL_NAME),
      fromComposite(`${P}.passwordSecretRef.name`, `${FP}.passwordSecretRef.name`),
      fromComposite(`${P}.passwordSecretRef.key`, `${FP}.passwordSecretRef.key`),
      fromComposite('spec.claimRef.namespace', `${FP}.passwordSecretRef.namespace`, [], true),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [retainOrphan]),
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
