/**
 * Google Cloud list prices from the Cloud Billing Catalog API (`@google-cloud/billing`, `CloudCatalogClient`):
 * the services are found by display name (`Cloud SQL`, `Cloud Memorystore for Redis`, `Cloud Storage`), then every
 * on-demand SKU of the scope's regions is matched by its description.
 */
import { PriceScope } from './scope';
import { RetryOptions, withRetry } from '../../src/private/retry';
import { loadSdk, ModuleLoader } from '../../src/private/sdk';

/** A `google.cloud.billing.v1.Service` (the fields used). */
export interface GcpService {
  readonly name?: string;
  readonly displayName?: string;
}

/** A `google.cloud.billing.v1.Sku` (the fields used). */
export interface GcpSku {
  readonly description?: string;
  readonly category?: { readonly usageType?: string };
  readonly serviceRegions?: string[];
  readonly pricingInfo?: Array<{ readonly pricingExpression?: { readonly usageUnit?: string; readonly tieredRates?: GcpTieredRate[] } }>;
}

/** A tier of a SKU's price (`google.type.Money`: `units` + `nanos` / 1e9). */
export interface GcpTieredRate {
  readonly startUsageAmount?: number;
  readonly unitPrice?: { readonly currencyCode?: string; readonly units?: string | number; readonly nanos?: number };
}

/** The parts of a `CloudCatalogClient` used here (the first element of each page call's result is the list). */
export interface CatalogClientLike {
  listServices(request: object): Promise<[GcpService[], ...unknown[]]>;
  listSkus(request: { parent: string; currencyCode?: string }): Promise<[GcpSku[], ...unknown[]]>;
}

/** Reads the Cloud Billing Catalog API. */
export class GcpPriceSource {
  readonly client: CatalogClientLike;
  readonly retry: RetryOptions;

  constructor(options: { client?: CatalogClientLike; load?: ModuleLoader; retry?: RetryOptions } = {}) {
    if (options.client) {
      this.client = options.client;
    } else {
      const sdk = loadSdk<{ CloudCatalogClient: new () => CatalogClientLike }>('@google-cloud/billing', 'refreshing the Google Cloud prices', options.load);
      this.client = new sdk.CloudCatalogClient();
    }
    this.retry = options.retry ?? {};
  }

  /** Every SKU of the service with this display name (the client pages through them). */
  async skus(displayName: string): Promise<GcpSku[]> {
    const [services] = await withRetry(() => this.client.listServices({}), this.retry);
    const service = services.find((s) => s.displayName === displayName);
    if (!service?.name) throw new Error(`the Cloud Billing Catalog has no service named "${displayName}"`);
    const [skus] = await withRetry(() => this.client.listSkus({ parent: service.name!, currencyCode: 'USD' }), this.retry);
    return skus;
  }
}

/** The first tier's USD price of a SKU. */
export function skuUsd(sku: GcpSku): number | undefined {
  const rates = sku.pricingInfo?.[0]?.pricingExpression?.tieredRates ?? [];
  const priced = (r: GcpTieredRate) => Number(r.unitPrice?.units ?? 0) > 0 || (r.unitPrice?.nanos ?? 0) > 0;
  const rate = [...rates].sort((a, b) => (a.startUsageAmount ?? 0) - (b.startUsageAmount ?? 0)).find(priced);
  if (!rate?.unitPrice) return undefined;
  return Number(rate.unitPrice.units ?? 0) + (rate.unitPrice.nanos ?? 0) / 1e9;
}

/** SKU description → snapshot key, per service. */
const MATCHERS: { [service: string]: Array<[RegExp, (m: RegExpExecArray) => string]> } = {
  // e.g. "Cloud SQL for PostgreSQL: Zonal - vCPU in EMEA" (europe-west1); Enterprise Plus SKUs name their edition.
  // Storage: "Standard storage" is the SSD disk (PD_SSD), "Low cost storage" the HDD disk (PD_HDD).
  'Cloud SQL': [
    [/^Cloud SQL for PostgreSQL: Zonal - vCPU in /, () => 'cloud-sql:ENTERPRISE:vcpu'],
    [/^Cloud SQL for PostgreSQL: Zonal - RAM in /, () => 'cloud-sql:ENTERPRISE:memory'],
    [/^Cloud SQL for PostgreSQL: Zonal - Standard storage in /, () => 'cloud-sql-storage:PD_SSD'],
    [/^Cloud SQL for PostgreSQL: Zonal - Low cost storage in /, () => 'cloud-sql-storage:PD_HDD'],
  ],
  // e.g. "Redis Capacity Standard M1 Belgium".
  'Cloud Memorystore for Redis': [
    [/^Redis Capacity (Basic|Standard) (M[1-5])\b/, (m) => `memorystore:${m[1] === 'Basic' ? 'BASIC' : 'STANDARD_HA'}:${m[2]}`],
  ],
  // e.g. "Standard Storage Belgium" (regional buckets).
  'Cloud Storage': [
    [/^Standard Storage /, () => 'gcs:standard'],
  ],
};

/** The price table of every region of the scope: key → USD per unit (the unit of each key: see the data file). */
export async function fetchGcpPrices(source: GcpPriceSource, scope: PriceScope): Promise<{ [region: string]: { [key: string]: number } }> {
  const regions: { [region: string]: { [key: string]: number } } = Object.fromEntries(scope.gcpRegions.map((r) => [r, {}]));
  for (const [service, matchers] of Object.entries(MATCHERS)) {
    for (const sku of await source.skus(service)) {
      if (sku.category?.usageType !== 'OnDemand') continue;
      if (/Enterprise Plus/i.test(sku.description ?? '')) continue;
      for (const [pattern, key] of matchers) {
        const m = pattern.exec(sku.description ?? '');
        const usd = skuUsd(sku);
        if (!m || usd === undefined) continue;
        for (const region of sku.serviceRegions ?? []) if (regions[region]) regions[region][key(m)] = usd;
      }
    }
  }
  return regions;
}
