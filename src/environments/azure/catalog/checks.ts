/**
 * Synth-time checks against the Azure catalog (`data/azure.ts`, a snapshot): region, Flexible Server version, SKU,
 * storage and backup retention. Errors name where, the value, Azure and the closest valid values. The snapshot is
 * partial (hand-seeded): a region that is not listed fails only when it is malformed or a near-miss of a listed one.
 */
import { AZURE_CATALOG } from './data/azure';
import { AzureServerEngine, AzureServerSku } from './types';
import { Where } from '../../../private/catalog';
import { closest, didYouMean, editDistance } from '../../../private/closest';
import { invalid } from '../../../private/errors';

const REGION_NAME = /^[a-z][a-z0-9]*$/;

/** Checks an Azure region name (`location`), with a did-you-mean for display names and near-misses. */
export function checkAzureLocation(where: Where, prop: string, value: unknown): string {
  const regions = AZURE_CATALOG.regions;
  const text = typeof value === 'string' ? value : '';
  if (regions.includes(text)) return text;
  const normalized = text.toLowerCase().replace(/[\s_-]+/g, '');
  const near = regions.includes(normalized) ? [normalized] : closest(normalized, regions, 2);
  const nearMiss = near.length > 0 && editDistance(normalized, near[0]) <= 2;
  if (!REGION_NAME.test(text) || nearMiss || AZURE_CATALOG.snapshot.complete) {
    invalid(where, {
      prop,
      value,
      allowed: `an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of ${AZURE_CATALOG.snapshot.date} lists ${regions.length})`,
      fix: near.length > 0 && normalized !== '' ? didYouMean(near) : 'use the Name column of `az account list-locations -o table`',
    });
  }
  return text;
}

/** The catalog entry of an engine (`mysql`, `postgresql`). */
export function azureEngine(engine: string): AzureServerEngine | undefined {
  return AZURE_CATALOG.engines[engine];
}

/** The Flexible Server `version` of a portable major, or an error naming the catalog's majors. */
export function checkAzureServerVersion(where: Where, engine: string, major: string): string {
  const versions = AZURE_CATALOG.engines[engine].versions;
  const version = versions[major];
  if (version === undefined) {
    const majors = Object.keys(versions);
    invalid(where, {
      prop: 'version',
      value: major,
      allowed: `on Azure Database for ${engine === 'mysql' ? 'MySQL' : 'PostgreSQL'} Flexible Server, one of the catalog's versions ${majors.join(', ')}`,
      fix: `use one of ${majors.join(', ')} on this profile, or select a profile whose backend offers ${major}`,
    });
  }
  return version;
}

/** Checks a compute SKU of an engine; returns its catalog entry. */
export function checkAzureServerSku(where: Where, prop: string, engine: string, name: string): AzureServerSku {
  const skus = AZURE_CATALOG.engines[engine].skus;
  const sku = skus[name];
  if (sku === undefined) {
    invalid(where, {
      prop,
      value: name,
      allowed: `a Flexible Server compute SKU of ${engine} in the Azure catalog (${Object.keys(skus).length} listed, e.g. Standard_B1ms, Standard_D2ds_v4, Standard_E2ds_v4)`,
      fix: didYouMean(closest(name, Object.keys(skus), 3)) || 'use a SKU name from `az mysql flexible-server list-skus` / `az postgres flexible-server list-skus`',
    });
  }
  return sku;
}

/**
 * The storage size of an engine for a portable size in GiB: MySQL any whole GiB in its range; PostgreSQL the next
 * Premium SSD size at or above it (the portable size is a minimum: 20 GiB → 32 GiB). Fails above the largest.
 */
export function checkAzureStorage(where: Where, engine: string, gib: number): number {
  const e = AZURE_CATALOG.engines[engine];
  const sizes = e.storageSizes;
  const size = sizes ? sizes.find((s) => s >= gib) : gib;
  const ok = size !== undefined && Number.isInteger(size) && size >= (sizes ? 0 : e.storage.min) && size <= e.storage.max;
  if (!ok) {
    const near = Math.min(Math.max(Math.ceil(gib), e.storage.min), e.storage.max);
    invalid(where, {
      prop: 'storage',
      value: `${gib} GiB`,
      allowed: sizes
        ? `on Azure Database for PostgreSQL Flexible Server, at most ${e.storage.max} GiB (rounded up to one of the sizes ${sizes.join(', ')} GiB)`
        : `on Azure Database for MySQL Flexible Server, a whole number of GiB from ${e.storage.min} to ${e.storage.max}`,
      fix: `use Size.gibibytes(${near})`,
    });
  }
  return size;
}

/** Checks the backup retention of an engine, in days. */
export function checkAzureBackupRetention(where: Where, engine: string, days: number): void {
  const range = AZURE_CATALOG.engines[engine].backupRetentionDays;
  if (!Number.isInteger(days) || days < range.min || days > range.max) {
    invalid(where, {
      prop: 'backup.retention',
      value: `${days} days`,
      allowed: `on Azure Database for ${engine === 'mysql' ? 'MySQL' : 'PostgreSQL'} Flexible Server, ${range.min} to ${range.max} days`,
      fix: `use Backup.daily({ retention: Duration.days(${Math.min(Math.max(Math.round(days), range.min), range.max)}) })`,
    });
  }
}

/** The smallest Azure Managed Redis Balanced SKU with at least `mebibytes` of memory, or undefined. */
export function azureRedisSkuFor(mebibytes: number): string | undefined {
  return Object.entries(AZURE_CATALOG.redisSkus)
    .sort((a, b) => a[1].memoryGib - b[1].memoryGib)
    .find(([, sku]) => sku.memoryGib * 1024 >= mebibytes)?.[0];
}
