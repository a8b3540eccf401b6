import { AwsPriceSource } from '../../tools/prices/aws';
import { AZURE_RETAIL_PRICES, AzurePriceSource, AzureRetailPage } from '../../tools/prices/azure';
import { CatalogClientLike, GcpPriceSource, GcpSku } from '../../tools/prices/gcp';
import { PriceScope } from '../../tools/prices/scope';
import { refreshPrices } from '../../tools/refresh-prices';

/**
 * The price refresh on responses in each API's documented wire format (no network). The responses are written by
 * hand (this machine cannot reach the pricing APIs to record real ones), with the product names, SKU descriptions and
 * meters the APIs really answer (as public captures of them show: Cloud SQL's "Standard storage" is its SSD disk and
 * "Low cost storage" its HDD; Azure's Burstable compute meter is `B1MS`, its PostgreSQL storage product says "Flex
 * Server"); what they check is the tool's paging, filtering and mapping to the snapshot's keys, not the prices.
 */
const SCOPE: PriceScope = {
  awsRegions: ['eu-west-1'],
  gcpRegions: ['europe-west1'],
  azureRegions: ['westeurope'],
  rdsClasses: ['db.t4g.small'],
  cacheNodeTypes: ['cache.t4g.small'],
  mqHostTypes: ['mq.m7g.medium'],
};

/** A Price List product as `GetProducts` returns it (JSON text in `PriceList`). */
function product(family: string, attributes: { [k: string]: string }, usd: string, unit = 'Hrs'): string {
  return JSON.stringify({
    product: { productFamily: family, attributes },
    terms: { OnDemand: { 'SKU.JRTCKXETXF': { priceDimensions: { 'SKU.JRTCKXETXF.6YS6EN2CT7': { unit, pricePerUnit: { USD: usd } } } } } },
  });
}

class FakeGetProducts {
  constructor(readonly input: any) {}
}

function awsSource() {
  const calls: any[] = [];
  const client = {
    send: async (command: FakeGetProducts) => {
      const input = command.input;
      calls.push(input);
      const f = Object.fromEntries(input.Filters.map((x: any) => [x.Field, x.Value]));
      if (input.ServiceCode === 'AmazonRDS' && f.productFamily === 'Database Instance' && f.databaseEngine === 'PostgreSQL') {
        // Two pages: the class kept on the second; a class outside the scope is dropped.
        if (input.NextToken === undefined) return { PriceList: [product('Database Instance', { instanceType: 'db.r5.24xlarge' }, '11.52')], NextToken: 'page-2' };
        return { PriceList: [product('Database Instance', { instanceType: 'db.t4g.small', deploymentOption: 'Single-AZ' }, '0.0340000000')] };
      }
      if (input.ServiceCode === 'AmazonRDS' && f.productFamily === 'Database Storage') {
        return { PriceList: [product('Database Storage', { volumeType: 'General Purpose-GP3' }, '0.1270000000', 'GB-Mo'), product('Database Storage', { volumeType: 'Magnetic' }, '0.11', 'GB-Mo')] };
      }
      if (input.ServiceCode === 'AmazonElastiCache' && f.cacheEngine === 'Valkey') {
        return { PriceList: [product('Cache Instance', { instanceType: 'cache.t4g.small' }, '0.0280000000')] };
      }
      if (input.ServiceCode === 'AmazonMQ') return { PriceList: [product('Broker Instances', { instanceType: 'mq.m7g.medium' }, '0.2900000000')] };
      if (input.ServiceCode === 'AmazonS3') {
        // Tiered: the first tier is the highest price.
        return { PriceList: [product('Storage', { storageClass: 'General Purpose' }, '0.0230000000', 'GB-Mo'), product('Storage', { storageClass: 'General Purpose' }, '0.0220000000', 'GB-Mo')] };
      }
      return { PriceList: [] };
    },
  };
  return { source: new AwsPriceSource({ client, getProductsCommand: FakeGetProducts as any, retry: { sleep: async () => {} } }), calls };
}

function money(usd: number) {
  return { currencyCode: 'USD', units: String(Math.floor(usd)), nanos: Math.round((usd - Math.floor(usd)) * 1e9) };
}

function sku(description: string, regions: string[], usd: number, usageType = 'OnDemand'): GcpSku {
  return { description, category: { usageType }, serviceRegions: regions, pricingInfo: [{ pricingExpression: { usageUnit: 'h', tieredRates: [{ startUsageAmount: 0, unitPrice: money(usd) }] } }] };
}

function gcpSource(): GcpPriceSource {
  const skus: { [parent: string]: GcpSku[] } = {
    'services/9662-B51E-5089': [
      sku('Cloud SQL for PostgreSQL: Zonal - vCPU in EMEA', ['europe-west1'], 0.0454),
      sku('Cloud SQL for PostgreSQL: Zonal - RAM in EMEA', ['europe-west1'], 0.0077),
      sku('Cloud SQL for PostgreSQL: Zonal - Standard storage in EMEA', ['europe-west1'], 0.187),
      sku('Cloud SQL for PostgreSQL: Zonal - Low cost storage in EMEA', ['europe-west1'], 0.099),
      sku('Cloud SQL for PostgreSQL: Regional - Standard storage in EMEA', ['europe-west1'], 0.374),
      sku('Cloud SQL for PostgreSQL: Zonal - vCPU in EMEA', ['europe-west1'], 0.03, 'Commit1Yr'),
      sku('Cloud SQL for PostgreSQL: Zonal - Enterprise Plus N vCPU in EMEA', ['europe-west1'], 0.07),
      sku('Cloud SQL for PostgreSQL: Zonal - vCPU in Americas', ['us-central1'], 0.0413),
    ],
    'services/5AF5-2C11-D467': [sku('Redis Capacity Standard M1 Belgium', ['europe-west1'], 0.054)],
    'services/95FF-2EF5-5EA1': [sku('Standard Storage Belgium', ['europe-west1'], 0.02)],
  };
  const client: CatalogClientLike = {
    listServices: async () => [[
      { name: 'services/9662-B51E-5089', displayName: 'Cloud SQL' },
      { name: 'services/5AF5-2C11-D467', displayName: 'Cloud Memorystore for Redis' },
      { name: 'services/95FF-2EF5-5EA1', displayName: 'Cloud Storage' },
    ]],
    listSkus: async ({ parent }) => [skus[parent] ?? []],
  };
  return new GcpPriceSource({ client });
}

function azureSource() {
  const urls: string[] = [];
  const pages: { [service: string]: AzureRetailPage[] } = {
    'Azure Database for PostgreSQL': [
      { Items: [{ currencyCode: 'USD', retailPrice: 0.0207, armRegionName: 'westeurope', productName: 'Azure Database for PostgreSQL Flexible Server Burstable BS Series Compute', skuName: 'B1MS', armSkuName: 'B1MS', meterName: 'B1MS', unitOfMeasure: '1 Hour', type: 'Consumption' }], NextPageLink: `${AZURE_RETAIL_PRICES}?page=2` },
      {
        Items: [
          { currencyCode: 'USD', retailPrice: 0.13, armRegionName: 'westeurope', productName: 'Azure Database for PostgreSQL Flex Server Storage', skuName: 'Storage', meterName: 'Storage Data Stored', unitOfMeasure: '1 GB/Month', type: 'Consumption' },
          // Other meters of the storage product (another disk kind, another unit) are not the GB-month of storage.
          { currencyCode: 'USD', retailPrice: 0.01, armRegionName: 'westeurope', productName: 'Azure Database for PostgreSQL Flex Server Storage', skuName: 'Premium SSD v2 Storage', meterName: 'Premium SSD v2 Storage Data Stored', unitOfMeasure: '1 GiB/Month', type: 'Consumption' },
          { currencyCode: 'USD', retailPrice: 0.2, armRegionName: 'westeurope', productName: 'Azure Database for PostgreSQL Single Server General Purpose - Storage', skuName: 'General Purpose', meterName: 'General Purpose Data Stored', unitOfMeasure: '1 GB/Month', type: 'Consumption' },
        ],
        NextPageLink: null,
      },
    ],
    'Azure Database for MySQL': [{
      Items: [
        { currencyCode: 'USD', retailPrice: 0.0208, armRegionName: 'westeurope', productName: 'Azure Database for MySQL Flexible Server Burstable BS Series Compute', skuName: 'B2S', armSkuName: 'B2S', meterName: 'B2S', unitOfMeasure: '1 Hour', type: 'Consumption' },
        { currencyCode: 'USD', retailPrice: 0.14, armRegionName: 'westeurope', productName: 'Azure Database for MySQL Flexible Server Storage', skuName: 'Storage', meterName: 'Storage Data Stored', unitOfMeasure: '1 GB/Month', type: 'Consumption' },
      ],
      NextPageLink: null,
    }],
    'Redis Cache': [{ Items: [{ currencyCode: 'USD', retailPrice: 0.084, armRegionName: 'westeurope', productName: 'Azure Managed Redis - Balanced', skuName: 'B1', meterName: 'B1 Cache Instance', unitOfMeasure: '1 Hour', type: 'Consumption' }] }],
  };
  let pending: AzureRetailPage[] = [];
  const get = async (url: string) => {
    urls.push(url);
    if (!url.includes('page=2')) {
      const service = Object.keys(pages).find((s) => decodeURIComponent(url).includes(`serviceName eq '${s}'`))!;
      pending = [...pages[service]];
    }
    return pending.shift()!;
  };
  return { source: new AzurePriceSource({ get, retry: { sleep: async () => {} } }), urls };
}

describe('tools/refresh-prices', () => {
  test('maps each API\'s products to the snapshot keys of the scope\'s regions, paginated, and renders the data files', async () => {
    const aws = awsSource();
    const azure = azureSource();
    const files = await refreshPrices({ aws: aws.source, gcp: gcpSource(), azure: azure.source, date: '2027-01-15', scope: SCOPE });
    expect(Object.keys(files).sort()).toEqual(['aws/catalog/data/prices.ts', 'azure/catalog/data/prices.ts', 'gcp/catalog/data/prices.ts']);

    const load = (path: string) => {
      const js = files[path].replace(/^import .*$/m, '').replace(/export const (\w+): \w+ =/, 'module.exports =');
      const m = { exports: {} as any };
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      new Function('module', js)(m);
      return m.exports;
    };
    const awsData = load('aws/catalog/data/prices.ts');
    expect(awsData.snapshot).toEqual(expect.objectContaining({ date: '2027-01-15', complete: true }));
    expect(awsData.regions).toEqual({
      'eu-west-1': {
        'rds:postgres:db.t4g.small': 0.034,
        'rds-storage:gp3': 0.127,
        'elasticache:valkey:cache.t4g.small': 0.028,
        'mq:rabbitmq:mq.m7g.medium': 0.29,
        's3:standard': 0.023,
      },
    });
    // Paginated: the second page was asked for with the first page's token; the filters are TERM_MATCH.
    expect(aws.calls.filter((c) => c.NextToken === 'page-2')).toHaveLength(1);
    expect(aws.calls[0].Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Single-AZ' });

    expect(load('gcp/catalog/data/prices.ts').regions).toEqual({
      'europe-west1': {
        'cloud-sql:ENTERPRISE:vcpu': 0.0454,
        'cloud-sql:ENTERPRISE:memory': 0.0077,
        'cloud-sql-storage:PD_SSD': 0.187,
        'cloud-sql-storage:PD_HDD': 0.099,
        'memorystore:STANDARD_HA:M1': 0.054,
        'gcs:standard': 0.02,
      },
    });

    expect(load('azure/catalog/data/prices.ts').regions).toEqual({
      westeurope: {
        'postgresql-flexible:Standard_B1ms': 0.0207,
        'postgresql-flexible-storage': 0.13,
        'mysql-flexible:Standard_B2s': 0.0208,
        'mysql-flexible-storage': 0.14,
        'managed-redis:Balanced_B1': 0.084,
      },
    });
    expect(azure.urls).toContain(`${AZURE_RETAIL_PRICES}?page=2`);
    expect(decodeURIComponent(azure.urls[0])).toContain("serviceName eq 'Azure Database for MySQL' and armRegionName eq 'westeurope' and priceType eq 'Consumption'");

    // The rendered files are what the library ships: a header naming the tool and the API, sorted keys.
    expect(files['aws/catalog/data/prices.ts']).toMatch(/^\/\/ Generated by tools\/refresh-catalog\.ts/);
    expect(files['aws/catalog/data/prices.ts']).toContain('// - AWS Price List Query API (GetProducts)');
    expect(files['aws/catalog/data/prices.ts']).toContain("import { PriceSnapshot } from '../../../../core/cost';");
  });

  test('the installed SDKs have what the tool calls (dev dependencies; nothing is sent)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pricing = require('@aws-sdk/client-pricing');
    expect(new pricing.GetProductsCommand({ ServiceCode: 'AmazonRDS' }).input).toEqual({ ServiceCode: 'AmazonRDS' });
    expect(() => new AwsPriceSource()).not.toThrow();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const billing = require('@google-cloud/billing');
    expect(typeof billing.CloudCatalogClient.prototype.listServices).toBe('function');
    expect(typeof billing.CloudCatalogClient.prototype.listSkus).toBe('function');
  });

  test('fails when an SDK is not installed, naming the npm install', () => {
    const missing = (name: string) => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => new AwsPriceSource({ load: missing })).toThrow('refreshing the AWS prices needs @aws-sdk/client-pricing, which is not installed: install it with `npm install --save-dev @aws-sdk/client-pricing`');
    expect(() => new GcpPriceSource({ load: missing })).toThrow('refreshing the Google Cloud prices needs @google-cloud/billing');
  });
});
