/**
 * Azure retail prices from the public Retail Prices REST API (`https://prices.azure.com/api/retail/prices`, no
 * credentials, OData `$filter`, paginated by `NextPageLink`): pay-as-you-go (`Consumption`) compute and storage of
 * the MySQL and PostgreSQL flexible servers, and Azure Managed Redis, in the scope's regions.
 */
import { PriceScope } from './scope';
import { RetryOptions, withRetry } from '../../src/private/retry';

/** The API's root. */
export const AZURE_RETAIL_PRICES = 'https://prices.azure.com/api/retail/prices';

/** One item of the API (the fields used). */
export interface AzureRetailItem {
  readonly currencyCode?: string;
  readonly retailPrice?: number;
  readonly armRegionName?: string;
  readonly serviceName?: string;
  readonly productName?: string;
  readonly skuName?: string;
  readonly armSkuName?: string;
  readonly meterName?: string;
  readonly unitOfMeasure?: string;
  readonly type?: string;
}

/** A page of the API. */
export interface AzureRetailPage {
  readonly Items?: AzureRetailItem[];
  readonly NextPageLink?: string | null;
}

/** Gets one URL as JSON (`fetch` by default; a fake in the tests). */
export type GetJson = (url: string) => Promise<AzureRetailPage>;

const defaultGet: GetJson = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as AzureRetailPage;
};

/** Reads the Retail Prices API. */
export class AzurePriceSource {
  constructor(private readonly options: { get?: GetJson; retry?: RetryOptions } = {}) {}

  /** Every item matching an OData filter, over all pages. */
  async items(filter: string): Promise<AzureRetailItem[]> {
    const get = this.options.get ?? defaultGet;
    const out: AzureRetailItem[] = [];
    let url: string | undefined = `${AZURE_RETAIL_PRICES}?currencyCode='USD'&$filter=${encodeURIComponent(filter)}`;
    while (url) {
      const page: AzureRetailPage = await withRetry(() => get(url!), this.options.retry ?? {});
      out.push(...(page.Items ?? []));
      url = page.NextPageLink ?? undefined;
    }
    return out;
  }
}

/** The services read, and how their items become keys of the snapshot. */
const SERVICES: Array<{ service: string; key: (i: AzureRetailItem) => string | undefined }> = [
  { service: 'Azure Database for MySQL', key: (i) => flexibleKey('mysql', i) },
  { service: 'Azure Database for PostgreSQL', key: (i) => flexibleKey('postgresql', i) },
  {
    service: 'Redis Cache',
    // e.g. productName "Azure Managed Redis - Balanced", skuName "B1", unit "1 Hour" (high availability included).
    key: (i) => (/^Azure Managed Redis/.test(i.productName ?? '') && i.unitOfMeasure === '1 Hour' && i.skuName
      ? `managed-redis:${tierPrefix(i.productName!)}_${i.skuName}`
      : undefined),
  },
];

/** `Balanced`, `MemoryOptimized`, `ComputeOptimized`, `FlashOptimized` from the product name. */
function tierPrefix(productName: string): string {
  return productName.replace(/^Azure Managed Redis - /, '').replace(/\s+/g, '');
}

/**
 * A flexible server's compute (`<engine>-flexible:<ARM SKU>` per hour) or storage (`<engine>-flexible-storage` per
 * GB-month), keyed by the ARM SKU name the server's `sku.name` holds (`Standard_B1ms`). The API names them its own way:
 *
 * - Burstable compute: productName `Azure Database for <engine> Flexible Server Burstable BS Series Compute`, skuName
 *   and meterName `B1MS` (and `armSkuName` `B1MS`, not the ARM name), so the key is made from the skuName;
 * - other compute: kept only where `armSkuName` is an ARM SKU name (`Standard_…`);
 * - storage: productName `Azure Database for PostgreSQL Flex Server Storage` (PostgreSQL: "Flex") or `Azure Database for
 *   MySQL Flexible Server Storage`, meterName `Storage Data Stored`, unit `1 GB/Month`.
 */
export function flexibleKey(engine: string, i: AzureRetailItem): string | undefined {
  const product = i.productName ?? '';
  if (!/Flex(ible)? Server/.test(product)) return undefined;
  if (/Storage$/.test(product)) return i.meterName === 'Storage Data Stored' && i.unitOfMeasure === '1 GB/Month' ? `${engine}-flexible-storage` : undefined;
  if (i.unitOfMeasure !== '1 Hour' || !/Compute$/.test(product)) return undefined;
  if (/Burstable/.test(product)) {
    const b = /^B(\d+)([A-Za-z]+)$/.exec(i.skuName ?? '');
    return b ? `${engine}-flexible:Standard_B${b[1]}${b[2].toLowerCase()}` : undefined;
  }
  return i.armSkuName?.startsWith('Standard_') ? `${engine}-flexible:${i.armSkuName}` : undefined;
}

/** The price table of every region of the scope: key → USD per unit. */
export async function fetchAzurePrices(source: AzurePriceSource, scope: PriceScope): Promise<{ [region: string]: { [key: string]: number } }> {
  const regions: { [region: string]: { [key: string]: number } } = {};
  for (const region of scope.azureRegions) {
    const table: { [key: string]: number } = {};
    for (const { service, key } of SERVICES) {
      for (const item of await source.items(`serviceName eq '${service}' and armRegionName eq '${region}' and priceType eq 'Consumption'`)) {
        const k = key(item);
        if (k !== undefined && item.currencyCode === 'USD' && typeof item.retailPrice === 'number' && item.retailPrice > 0) table[k] = item.retailPrice;
      }
    }
    regions[region] = table;
  }
  return regions;
}
