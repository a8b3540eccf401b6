import { CatalogScope } from './scope';
import { AzureMySqlCapabilityRecord, AzurePostgresCapabilityRecord, AzureSource } from '../../src/environments/azure/catalog/source';
import { AzureCatalog, AzureRedisSku, AzureServerEngine, AzureServerSku, AzureSkuTier } from '../../src/environments/azure/catalog/types';
import { CatalogSnapshot, StorageRange } from '../../src/private/catalog';
import { compareNatural, compareText } from '../../src/private/closest';

/** What the Azure Resource Manager APIs returned for one location. */
export interface AzureApiData {
  /** The location whose capabilities were read. */
  readonly location: string;
  /** The subscription's physical regions. */
  readonly regions: string[];
  /** `locationBasedCapabilities.list(location)` of `@azure/arm-mysql-flexible`. */
  readonly mysql: AzureMySqlCapabilityRecord[];
  /** `capabilitiesByLocation.list(location)` of `@azure/arm-postgresql-flexible`. */
  readonly postgresql: AzurePostgresCapabilityRecord[];
}

/** What no Flexible Server API lists, carried from the committed catalog: the Redis SKUs, PostgreSQL's retention. */
export interface AzureCarriedData {
  /** Azure Managed Redis Balanced SKUs (no capabilities API lists their memory). */
  readonly redisSkus: { [name: string]: AzureRedisSku };
  /** PostgreSQL backup retention (the capabilities API has none; 7–35 days per concepts-backup-restore). */
  readonly postgresqlBackupRetentionDays: StorageRange;
}

/** Reads everything the Azure catalog needs, for one location. */
export async function fetchAzure(source: AzureSource, location: string): Promise<AzureApiData> {
  return {
    location,
    regions: await source.regions(),
    mysql: await source.mysqlCapabilities(location),
    postgresql: await source.postgresqlCapabilities(location),
  };
}

/** The edition names the capabilities APIs use, as the `sku.tier` the servers take. */
const TIERS: { [edition: string]: AzureSkuTier } = {
  burstable: 'Burstable',
  generalpurpose: 'GeneralPurpose',
  memoryoptimized: 'MemoryOptimized',
  businesscritical: 'MemoryOptimized',
};

function tierOf(edition: string | undefined): AzureSkuTier | undefined {
  return TIERS[(edition ?? '').toLowerCase()];
}

/** GiB of a size in MB (the APIs' unit), whole or to one decimal. */
function gib(mb: number): number {
  return Math.round((mb / 1024) * 10) / 10;
}

function sortedSkus(skus: Map<string, AzureServerSku>): { [name: string]: AzureServerSku } {
  return Object.fromEntries([...skus.entries()].sort(([a], [b]) => compareText(a, b)));
}

function addSku(
  skus: Map<string, AzureServerSku>, name: string | undefined, tier: AzureSkuTier | undefined,
  vCores: number | undefined, memoryPerVCoreMb: number | undefined,
) {
  if (!name || !tier || !vCores || !memoryPerVCoreMb || skus.has(name)) return;
  skus.set(name, { tier, vCores, memoryGib: gib(vCores * memoryPerVCoreMb) });
}

/** The API version name of each tracked major: MySQL `8.0` is `8.0.21`, `8.4` is `8.4`; PostgreSQL `17` is `17`. */
function versionsOf(names: string[], majors: string[]): { [major: string]: string } {
  const out: { [major: string]: string } = {};
  for (const major of majors) {
    const name = names.filter((n) => n === major || n.startsWith(`${major}.`)).sort(compareNatural).pop();
    if (name !== undefined) out[major] = name;
  }
  return out;
}

/** MySQL: the tracked versions, the SKUs of those versions in every edition, the storage and retention ranges. */
export function buildAzureMySql(records: AzureMySqlCapabilityRecord[], majors: string[]): AzureServerEngine {
  const editions = records.flatMap((r) => r.supportedFlexibleServerEditions ?? []);
  const names = [...new Set(editions.flatMap((e) => (e.supportedServerVersions ?? []).map((v) => v.name ?? '')))].filter((n) => n !== '');
  const versions = versionsOf(names, majors);
  const tracked = Object.values(versions);
  const skus = new Map<string, AzureServerSku>();
  const storage = editions.flatMap((e) => e.supportedStorageEditions ?? []);
  for (const e of editions) {
    for (const v of e.supportedServerVersions ?? []) {
      if (!tracked.includes(v.name ?? '')) continue;
      for (const s of v.supportedSkus ?? []) addSku(skus, s.name, tierOf(e.name), s.vCores, s.supportedMemoryPerVCoreMB);
    }
  }
  const defined = (xs: (number | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');
  const range = (mins: (number | undefined)[], maxes: (number | undefined)[], unit: (n: number) => number): StorageRange => {
    const lo = defined(mins);
    const hi = defined(maxes);
    if (lo.length === 0 || hi.length === 0) throw new Error('the MySQL capabilities list no storage edition with a range');
    return { min: unit(Math.min(...lo)), max: unit(Math.max(...hi)) };
  };
  return {
    versions,
    skus: sortedSkus(skus),
    storage: range(storage.map((s) => s.minStorageSize), storage.map((s) => s.maxStorageSize), gib),
    backupRetentionDays: range(storage.map((s) => s.minBackupRetentionDays), storage.map((s) => s.maxBackupRetentionDays), (d) => d),
  };
}

/** PostgreSQL: the tracked versions, every SKU with its memory, the Premium SSD sizes (`ManagedDisk`). */
export function buildAzurePostgres(records: AzurePostgresCapabilityRecord[], majors: string[], backupRetentionDays: StorageRange): AzureServerEngine {
  const names = [...new Set(records.flatMap((r) => (r.supportedServerVersions ?? []).map((v) => v.name ?? '')))].filter((n) => n !== '');
  const skus = new Map<string, AzureServerSku>();
  const sizes = new Set<number>();
  for (const e of records.flatMap((r) => r.supportedServerEditions ?? [])) {
    for (const s of e.supportedServerSkus ?? []) addSku(skus, s.name, tierOf(e.name), s.vCores, s.supportedMemoryPerVcoreMb);
    // Premium SSD (`ManagedDisk`): the sizes the servers' `storage.storageSizeGB` takes; Premium SSD v2 is not used.
    for (const st of (e.supportedStorageEditions ?? []).filter((x) => x.name === 'ManagedDisk')) {
      for (const mb of st.supportedStorageMb ?? []) if (typeof mb.storageSizeMb === 'number') sizes.add(Math.floor(mb.storageSizeMb / 1024));
    }
  }
  const storageSizes = [...sizes].sort((a, b) => a - b);
  if (storageSizes.length === 0) throw new Error('the PostgreSQL capabilities list no ManagedDisk storage size');
  return {
    versions: versionsOf(names, majors),
    skus: sortedSkus(skus),
    storage: { min: storageSizes[0], max: storageSizes[storageSizes.length - 1] },
    storageSizes,
    backupRetentionDays,
  };
}

/** Builds the Azure catalog from one location's capabilities, the subscription's regions and the carried data. */
export function buildAzureCatalog(data: AzureApiData, scope: CatalogScope, carried: AzureCarriedData, snapshot: CatalogSnapshot): AzureCatalog {
  if (data.regions.length === 0) throw new Error('the subscription lists no physical location');
  return {
    snapshot,
    regions: [...data.regions].sort(compareText),
    engines: {
      mysql: buildAzureMySql(data.mysql, scope.azureEngines.mysql),
      postgresql: buildAzurePostgres(data.postgresql, scope.azureEngines.postgresql, carried.postgresqlBackupRetentionDays),
    },
    redisSkus: carried.redisSkus,
  };
}
