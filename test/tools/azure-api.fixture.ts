/**
 * Azure Resource Manager answers in the shapes the SDKs yield (`@azure/arm-resources-subscriptions` 3,
 * `@azure/arm-mysql-flexible` 3, `@azure/arm-postgresql-flexible` 9), for the refresh tests. Not recorded from a live
 * subscription (this machine cannot reach Azure): written in the SDKs' model shapes (`Location`, `CapabilityProperties`,
 * `Capability`) with the fields the APIs return, a few SKUs and sizes of westeurope, and fields the refresh ignores.
 */
import { AZURE_CATALOG } from '../../src/environments/azure/catalog/data/azure';

const MB = 1024;

/** `subscriptions.listLocations`: physical regions, a logical one (dropped) and an edge zone without metadata. */
export const LOCATIONS = [
  { id: '/subscriptions/sub/locations/westeurope', name: 'westeurope', displayName: 'West Europe', metadata: { regionType: 'Physical', regionCategory: 'Recommended', pairedRegion: [{ name: 'northeurope' }] } },
  { id: '/subscriptions/sub/locations/europe', name: 'europe', displayName: 'Europe', metadata: { regionType: 'Logical', regionCategory: 'Other' } },
  { id: '/subscriptions/sub/locations/eastus2', name: 'eastus2', displayName: 'East US 2', metadata: { regionType: 'Physical', regionCategory: 'Recommended' } },
  { id: '/subscriptions/sub/locations/northeurope', name: 'northeurope', displayName: 'North Europe', metadata: { regionType: 'Physical', regionCategory: 'Recommended' } },
  { id: '/subscriptions/sub/locations/attatlanta1', name: 'attatlanta1', displayName: 'AT&T Atlanta 1' },
];

const mysqlStorage = [{ name: 'Premium', minStorageSize: 20 * MB, maxStorageSize: 16384 * MB, minBackupRetentionDays: 1, maxBackupRetentionDays: 35 }];

/** `locationBasedCapabilities.list('westeurope')` of MySQL: one entry per zone, the same editions in each. */
export const MYSQL_CAPABILITIES = ['none', '1', '2', '3'].map((zone) => ({
  zone,
  supportedHAMode: ['SameZone', 'ZoneRedundant'],
  supportedGeoBackupRegions: ['northeurope'],
  supportedFlexibleServerEditions: [
    {
      name: 'Burstable',
      supportedStorageEditions: mysqlStorage,
      supportedServerVersions: [
        { name: '5.7', supportedSkus: [{ name: 'Standard_B1s', vCores: 1, supportedIops: 400, supportedMemoryPerVCoreMB: 1024 }, { name: 'Standard_B1old', vCores: 1, supportedIops: 400, supportedMemoryPerVCoreMB: 1024 }] },
        { name: '8.0.21', supportedSkus: [{ name: 'Standard_B1s', vCores: 1, supportedIops: 400, supportedMemoryPerVCoreMB: 1024 }, { name: 'Standard_B2ms', vCores: 2, supportedIops: 1700, supportedMemoryPerVCoreMB: 4096 }] },
        { name: '8.4', supportedSkus: [{ name: 'Standard_B1s', vCores: 1, supportedIops: 400, supportedMemoryPerVCoreMB: 1024 }, { name: 'Standard_B2ms', vCores: 2, supportedIops: 1700, supportedMemoryPerVCoreMB: 4096 }] },
      ],
    },
    {
      name: 'GeneralPurpose',
      supportedStorageEditions: mysqlStorage,
      supportedServerVersions: [
        { name: '8.0.21', supportedSkus: [{ name: 'Standard_D2ads_v5', vCores: 2, supportedIops: 3200, supportedMemoryPerVCoreMB: 4096 }] },
        { name: '8.4', supportedSkus: [{ name: 'Standard_D2ads_v5', vCores: 2, supportedIops: 3200, supportedMemoryPerVCoreMB: 4096 }] },
      ],
    },
    {
      // The MySQL API's name of the MemoryOptimized tier.
      name: 'BusinessCritical',
      supportedStorageEditions: mysqlStorage,
      supportedServerVersions: [{ name: '8.0.21', supportedSkus: [{ name: 'Standard_E2ads_v5', vCores: 2, supportedIops: 5000, supportedMemoryPerVCoreMB: 8192 }] }],
    },
  ],
}));

const P_SIZES_MB = [32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4194304, 8388608, 16777216, 33553408];
const pgStorage = [
  { name: 'ManagedDisk', defaultStorageSizeMb: 131072, status: 'Available', supportedStorageMb: P_SIZES_MB.map((storageSizeMb) => ({ storageSizeMb, supportedIops: 120, defaultIopsTier: 'P4', status: 'Available' })) },
  // Premium SSD v2 sizes are any GiB: not the sizes the servers' storage.storageSizeGB takes here.
  { name: 'ManagedDiskV2', defaultStorageSizeMb: 32768, status: 'Available', supportedStorageMb: [{ storageSizeMb: 1024, maximumStorageSizeMb: 67108864, status: 'Available' }] },
];

/** `capabilitiesByLocation.list('westeurope')` of PostgreSQL. */
export const POSTGRES_CAPABILITIES = [{
  name: 'FlexibleServerCapabilities',
  status: 'Available',
  supportedServerEditions: [
    {
      name: 'Burstable',
      defaultSkuName: 'Standard_B1ms',
      status: 'Available',
      supportedStorageEditions: pgStorage,
      supportedServerSkus: [
        { name: 'Standard_B1ms', vCores: 1, supportedIops: 640, supportedMemoryPerVcoreMb: 2048, supportedZones: ['1', '2', '3'], supportedHaMode: ['SameZone', 'ZoneRedundant'], status: 'Available' },
        { name: 'Standard_B2s', vCores: 2, supportedIops: 1280, supportedMemoryPerVcoreMb: 2048, supportedZones: ['1', '2', '3'], supportedHaMode: ['SameZone', 'ZoneRedundant'], status: 'Available' },
      ],
    },
    {
      name: 'GeneralPurpose',
      defaultSkuName: 'Standard_D2ds_v5',
      status: 'Available',
      supportedStorageEditions: pgStorage,
      supportedServerSkus: [{ name: 'Standard_D2ds_v5', vCores: 2, supportedIops: 3750, supportedMemoryPerVcoreMb: 4096, supportedZones: ['1', '2', '3'], supportedHaMode: ['SameZone', 'ZoneRedundant'], status: 'Available' }],
    },
    {
      name: 'MemoryOptimized',
      defaultSkuName: 'Standard_E2ds_v5',
      status: 'Available',
      supportedStorageEditions: pgStorage,
      supportedServerSkus: [{ name: 'Standard_E2ds_v5', vCores: 2, supportedIops: 3750, supportedMemoryPerVcoreMb: 8192, supportedZones: ['1', '2', '3'], supportedHaMode: ['SameZone', 'ZoneRedundant'], status: 'Available' }],
    },
  ],
  supportedServerVersions: ['12', '13', '14', '15', '16', '17', '18'].map((name) => ({ name, supportedVersionsToUpgrade: [], status: 'Available' })),
  fastProvisioningSupported: 'Enabled',
  geoBackupSupported: 'Enabled',
  zoneRedundantHaSupported: 'Enabled',
}];

/** SDK answers made from the committed catalog: what a refresh of it would read. */
export function capabilitiesFromCatalog() {
  const editions = (engine: 'mysql' | 'postgresql') => {
    const byTier = new Map<string, [string, { vCores: number; memoryGib: number }][]>();
    for (const [name, sku] of Object.entries(AZURE_CATALOG.engines[engine].skus)) {
      byTier.set(sku.tier, [...(byTier.get(sku.tier) ?? []), [name, sku]]);
    }
    return byTier;
  };
  const my = AZURE_CATALOG.engines.mysql;
  const mysql = [{
    zone: 'none',
    supportedFlexibleServerEditions: [...editions('mysql')].map(([tier, skus]) => ({
      name: tier,
      supportedStorageEditions: [{ name: 'Premium', minStorageSize: my.storage.min * MB, maxStorageSize: my.storage.max * MB, minBackupRetentionDays: my.backupRetentionDays.min, maxBackupRetentionDays: my.backupRetentionDays.max }],
      supportedServerVersions: Object.values(my.versions).map((name) => ({
        name, supportedSkus: skus.map(([n, s]) => ({ name: n, vCores: s.vCores, supportedMemoryPerVCoreMB: (s.memoryGib * MB) / s.vCores })),
      })),
    })),
  }];
  const pg = AZURE_CATALOG.engines.postgresql;
  const postgresql = [{
    supportedServerEditions: [...editions('postgresql')].map(([tier, skus]) => ({
      name: tier,
      supportedStorageEditions: [{ name: 'ManagedDisk', supportedStorageMb: pg.storageSizes!.map((gib) => ({ storageSizeMb: gib * MB })) }],
      supportedServerSkus: skus.map(([n, s]) => ({ name: n, vCores: s.vCores, supportedMemoryPerVcoreMb: (s.memoryGib * MB) / s.vCores })),
    })),
    supportedServerVersions: Object.values(pg.versions).map((name) => ({ name })),
  }];
  return { mysql, postgresql };
}
