/** Shapes of the Azure catalog in `data/` (hand-seeded; `npx projen catalog:refresh -- --only azure` regenerates it). */
import { CatalogSnapshot, StorageRange } from '../../../private/catalog';

/** A compute tier of the Flexible Servers (`sku.tier`). */
export type AzureSkuTier = 'Burstable' | 'GeneralPurpose' | 'MemoryOptimized';

/** One Flexible Server compute SKU (`sku.name`). */
export interface AzureServerSku {
  /** `sku.tier`. */
  readonly tier: AzureSkuTier;
  /** vCores. */
  readonly vCores: number;
  /** Memory in GiB. */
  readonly memoryGib: number;
}

/** What one Flexible Server engine offers. */
export interface AzureServerEngine {
  /** `spec.version` values by portable major (MySQL 8.0 is spelled `8.0.21` by the API). */
  readonly versions: { [major: string]: string };
  /** Compute SKUs by name. */
  readonly skus: { [name: string]: AzureServerSku };
  /** Storage range in GiB. */
  readonly storage: StorageRange;
  /** The only storage sizes allowed (PostgreSQL's Premium SSD sizes), where the range is not continuous. */
  readonly storageSizes?: number[];
  /** Backup retention range in days (`backup.backupRetentionDays`). */
  readonly backupRetentionDays: StorageRange;
}

/** One Azure Managed Redis SKU (`RedisEnterprise` `sku.name`). */
export interface AzureRedisSku {
  /** Memory in GiB (the SKU's size for data). */
  readonly memoryGib: number;
}

/** The Azure catalog: regions, Flexible Server engines, Azure Managed Redis SKUs. */
export interface AzureCatalog {
  /** Provenance. */
  readonly snapshot: CatalogSnapshot;
  /** Region names (`location`), e.g. `westeurope`. */
  readonly regions: string[];
  /** By portable engine name (`mysql`, `postgresql`). */
  readonly engines: { [engine: string]: AzureServerEngine };
  /** Azure Managed Redis SKUs of the Balanced family, by name, smallest first. */
  readonly redisSkus: { [name: string]: AzureRedisSku };
}
