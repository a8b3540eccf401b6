import { PriceSnapshot } from '../../src/core/cost';
import { CatalogFile, renderCatalogFile } from '../catalog/render';

/** The price snapshot files, by environment folder: where each goes and what it is called. */
export const PRICE_FILES = {
  aws: {
    path: 'aws/catalog/data/prices.ts',
    constName: 'AWS_PRICES',
    description: 'On-demand list prices (USD) of RDS, ElastiCache, Amazon MQ and S3 by region, for `plan`\'s estimates.',
  },
  gcp: {
    path: 'gcp/catalog/data/prices.ts',
    constName: 'GCP_PRICES',
    description: 'On-demand list prices (USD) of Cloud SQL, Memorystore for Redis and Cloud Storage by region, for `plan`\'s estimates.',
  },
  azure: {
    path: 'azure/catalog/data/prices.ts',
    constName: 'AZURE_PRICES',
    description: 'Pay-as-you-go retail prices (USD) of the Flexible Servers and Azure Managed Redis by region, for `plan`\'s estimates.',
  },
} as const;

/** An environment with a price snapshot. */
export type PricedEnvironment = keyof typeof PRICE_FILES;

/** Renders one price snapshot file (keys and regions sorted, so a refresh diffs cleanly). */
export function renderPriceFile(env: PricedEnvironment, data: PriceSnapshot): string {
  const regions: { [region: string]: { [key: string]: number } } = {};
  for (const region of Object.keys(data.regions).sort()) {
    const table = data.regions[region];
    regions[region] = Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k]]));
  }
  const file: CatalogFile = {
    fileName: PRICE_FILES[env].path.split('/').pop()!,
    constName: PRICE_FILES[env].constName,
    typeName: 'PriceSnapshot',
    typeFrom: '../../../../core/cost',
    description: PRICE_FILES[env].description,
    data: { snapshot: data.snapshot, currency: data.currency, regions } as PriceSnapshot,
  };
  return renderCatalogFile(file);
}
