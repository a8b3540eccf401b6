/**
 * Regenerates the price snapshots `plan` estimates with (`src/environments/<env>/catalog/data/prices.ts`) from the
 * clouds' pricing APIs:
 *
 * - AWS: the Price List Query API (`@aws-sdk/client-pricing`, `GetProducts`), with the caller's AWS credentials;
 * - Google Cloud: the Cloud Billing Catalog API (`@google-cloud/billing`), with application default credentials;
 * - Azure: the public Retail Prices REST API (`https://prices.azure.com/api/retail/prices`), no credentials.
 *
 * Run by `npx projen catalog:refresh` (`-- --only prices` for these alone); the SDKs are loaded here only, on
 * demand (dev-time tools, never dependencies of the library, never loaded by synth or `plan`).
 */
import { AwsPriceSource, fetchAwsPrices } from './prices/aws';
import { AzurePriceSource, fetchAzurePrices } from './prices/azure';
import { PRICE_FILES, renderPriceFile } from './prices/files';
import { fetchGcpPrices, GcpPriceSource } from './prices/gcp';
import { PRICE_SCOPE, PriceScope } from './prices/scope';

/** Options of `refreshPrices`. */
export interface RefreshPricesOptions {
  readonly aws?: AwsPriceSource;
  readonly gcp?: GcpPriceSource;
  readonly azure?: AzurePriceSource;
  /** Day of the snapshot (`YYYY-MM-DD`). */
  readonly date: string;
  /** @default PRICE_SCOPE */
  readonly scope?: PriceScope;
}

const NOTE = 'On-demand (pay-as-you-go) list prices in USD, before discounts, commitments, taxes and free tiers; '
  + 'plan multiplies hourly prices by 730 hours a month.';

/** Reads the APIs and renders the price files: path below `src/environments` → content. */
export async function refreshPrices(options: RefreshPricesOptions): Promise<{ [path: string]: string }> {
  const scope = options.scope ?? PRICE_SCOPE;
  const files: { [path: string]: string } = {};
  const snapshot = (source: string, notes: string[]) => ({ date: options.date, sources: [source], notes: [NOTE, ...notes], complete: true });
  if (options.aws) {
    files[PRICE_FILES.aws.path] = renderPriceFile('aws', {
      snapshot: snapshot('AWS Price List Query API (GetProducts): AmazonRDS, AmazonElastiCache, AmazonMQ, AmazonS3', [
        'Keys: rds:<engine>:<class>, elasticache:<engine>:<node type>, mq:<engine>:<instance type> per instance-hour (Single-AZ); rds-storage:<type>, s3:standard per GiB-month.',
      ]),
      currency: 'USD',
      regions: await fetchAwsPrices(options.aws, scope),
    });
  }
  if (options.gcp) {
    files[PRICE_FILES.gcp.path] = renderPriceFile('gcp', {
      snapshot: snapshot('Cloud Billing Catalog API v1 (services.skus.list): Cloud SQL, Cloud Memorystore for Redis, Cloud Storage', [
        'Keys: cloud-sql:<edition>:vcpu per vCPU-hour, cloud-sql:<edition>:memory per GiB-hour, cloud-sql-storage:<disk type> per GiB-month, memorystore:<tier>:<capacity tier> per GiB-hour, gcs:standard per GiB-month.',
      ]),
      currency: 'USD',
      regions: await fetchGcpPrices(options.gcp, scope),
    });
  }
  if (options.azure) {
    files[PRICE_FILES.azure.path] = renderPriceFile('azure', {
      snapshot: snapshot('Azure Retail Prices API (https://prices.azure.com/api/retail/prices), priceType Consumption', [
        'Keys: <mysql|postgresql>-flexible:<sku> per instance-hour, <mysql|postgresql>-flexible-storage per GiB-month, managed-redis:<sku> per instance-hour (high availability included).',
      ]),
      currency: 'USD',
      regions: await fetchAzurePrices(options.azure, scope),
    });
  }
  return files;
}
