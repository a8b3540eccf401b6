import {
  ComposedTemplate, EXTERNAL_NAME, clampMaxTransform, combine, convertTransform, fromComposite, fromFieldPath,
  fromValue, mapTransform,
} from './patch-and-transform';
import { CrossplaneGcpOptions } from './platform-options';
import { MYSQL_CATALOG } from '../../catalog/mysql';
import { DatabaseEngine } from '../../engine';

/** Cloud SQL tiers of the named sizes (as in `InstanceSize`; the smallest custom shape has 3840 MiB). */
export const CLOUD_SQL_NAMED_TIERS: { [size: string]: string } = {
  small: 'db-custom-1-3840',
  medium: 'db-custom-2-8192',
  large: 'db-custom-4-16384',
};

/** Longest transaction log retention of Cloud SQL Enterprise edition (days), for binary logs. */
const MAX_LOG_RETENTION_DAYS = 7;

const P = 'spec.parameters';
const FP = 'spec.forProvider';
const SETTINGS = `${FP}.settings`;
const BACKUP = `${SETTINGS}.backupConfiguration`;

/**
 * The composed resources of the GCP Composition (provider-upjet-gcp, cluster-scoped): a Cloud SQL
 * `DatabaseInstance` (`sql.gcp.upbound.io/v1beta2`), the application's `Database` and its `User`
 * (`sql.gcp.upbound.io/v1beta1`), both bound to the instance of the same composite resource
 * (`instanceSelector.matchControllerRef`). Cloud names come from the `crossplane.io/external-name` annotation.
 *
 * | parameter | field |
 * |---|---|
 * | identifier | instance external name (the Cloud SQL instance name) |
 * | majorVersion | `databaseVersion` `MYSQL_8_0` / `MYSQL_8_4` (Cloud SQL takes the major only: `engineVersion` is not used) |
 * | instanceSize (+ cpu, memoryMiB) | `settings.tier` (named sizes as `InstanceSize` documents; custom: `db-custom-<cpu>-<memoryMiB>`, which Cloud SQL accepts for 1 or an even number of vCPUs and 0.9 to 6.5 GiB per vCPU in multiples of 256 MiB) |
 * | storageGB | `settings.diskSize` (PD_SSD, no autoresize so that the declared size stays the truth) |
 * | highAvailability | `settings.availabilityType` REGIONAL / ZONAL |
 * | backup | `settings.backupConfiguration` `enabled`, `binaryLogEnabled`, `startTime`, `backupRetentionSettings.retainedBackups`, `transactionLogRetentionDays` (capped at 7) |
 * | deletionPolicy | Retain: `deletionProtection`, `settings.deletionProtectionEnabled`, `spec.deletionPolicy: Orphan` on the three resources; Delete: none of these |
 * | databaseName | Database external name (utf8mb4) |
 * | username, passwordSecretRef | User external name (host `%`), `passwordSecretRef` (namespace: the claim's) |
 *
 * Network: SSL only (`sslMode: ENCRYPTED_ONLY`); a private IP only when `privateNetwork` is set (then `host` is
 * `status.atProvider.privateIpAddress`), else a public IPv4 with no authorized networks (`host` is
 * `status.atProvider.publicIpAddress`, reachable only through the Cloud SQL Auth Proxy or connectors).
 * `port` is the engine's port.
 */
export function gcpComposedResources(options: CrossplaneGcpOptions): ComposedTemplate[] {
  const project = options.project ? { project: options.project } : {};
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const privateIp = options.privateNetwork !== undefined;
  const majors: Record<string, string> = {};
  for (const [major, entry] of Object.entries(MYSQL_CATALOG)) majors[major] = entry.cloudSql;
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
            backupConfiguration: { enabled: false, binaryLogEnabled: false },
          },
        },
        providerConfigRef,
      },
    },
    patches: [
      fromComposite(`${P}.identifier`, EXTERNAL_NAME),
      fromComposite(`${P}.majorVersion`, `${FP}.databaseVersion`, [mapTransform(majors)]),
      // Named sizes; `custom` is replaced by the next patch (the schema requires cpu and memoryMiB for it).
      fromComposite(`${P}.instanceSize`, `${SETTINGS}.tier`, [mapTransform({ ...CLOUD_SQL_NAMED_TIERS, custom: 'custom' })]),
      combine([`${P}.cpu`, `${P}.memoryMiB`], 'db-custom-%v-%v', `${SETTINGS}.tier`),
      fromComposite(`${P}.storageGB`, `${SETTINGS}.diskSize`),
      fromComposite(`${P}.highAvailability`, `${SETTINGS}.availabilityType`, [
        convertTransform('string'),
        mapTransform({ true: 'REGIONAL', false: 'ZONAL' }),
      ]),
      fromComposite(`${P}.backup.enabled`, `${BACKUP}.enabled`),
      fromComposite(`${P}.backup.enabled`, `${BACKUP}.binaryLogEnabled`),
      fromComposite(`${P}.backup.startTime`, `${BACKUP}.startTime`),
      fromComposite(`${P}.backup.retentionDays`, `${BACKUP}.backupRetentionSettings.retainedBackups`),
      fromComposite(`${P}.backup.retentionDays`, `${BACKUP}.transactionLogRetentionDays`, [clampMaxTransform(MAX_LOG_RETENTION_DAYS)]),
      fromComposite(`${P}.deletionPolicy`, `${FP}.deletionProtection`, [retainTrue]),
      fromComposite(`${P}.deletionPolicy`, `${SETTINGS}.deletionProtectionEnabled`, [retainTrue]),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [retainOrphan]),
    ],
    connectionDetails: [
      fromFieldPath('host', privateIp ? 'status.atProvider.privateIpAddress' : 'status.atProvider.publicIpAddress'),
      fromValue('port', String(DatabaseEngine.MYSQL.port)),
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
          charset: 'utf8mb4',
          collation: 'utf8mb4_0900_ai_ci',
        },
        providerConfigRef,
      },
    },
    patches: [
      fromComposite(`${P}.databaseName`, EXTERNAL_NAME),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [retainOrphan]),
    ],
  };

  const user: ComposedTemplate = {
    name: 'cloudsql-user',
    base: {
      apiVersion: 'sql.gcp.upbound.io/v1beta1',
      kind: 'User',
      spec: {
        forProvider: {
          ...project,
          instanceSelector: { matchControllerRef: true },
          host: '%',
          type: 'BUILT_IN',
        },
        providerConfigRef,
      },
    },
    patches: [
      fromComposite(`${P}.username`, EXTERNAL_NAME),
      fromComposite(`${P}.passwordSecretRef.name`, `${FP}.passwordSecretRef.name`),
      fromComposite(`${P}.passwordSecretRef.key`, `${FP}.passwordSecretRef.key`),
      fromComposite('spec.claimRef.namespace', `${FP}.passwordSecretRef.namespace`, [], true),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [retainOrphan]),
    ],
  };

  return [instance, database, user];
}
