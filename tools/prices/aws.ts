/**
 * AWS list prices from the Price List Query API (`@aws-sdk/client-pricing`, `GetProducts`, paginated): on-demand
 * RDS instances (Single-AZ: `plan` counts a Multi-AZ standby as a second instance) and storage, ElastiCache nodes,
 * Amazon MQ brokers and S3 Standard storage, in the regions and classes of `PRICE_SCOPE`.
 */
import { PriceScope } from './scope';
import { RetryOptions, withRetry } from '../../src/private/retry';
import { loadSdk, ModuleLoader } from '../../src/private/sdk';

/** Anything that sends AWS SDK v3 commands (a `PricingClient`, or a fake in the tests). */
export interface PricingClientLike {
  send(command: unknown): Promise<unknown>;
}

/** The parts of `@aws-sdk/client-pricing` used here. */
interface PricingSdk {
  PricingClient: new (config: { region: string }) => PricingClientLike;
  GetProductsCommand: new (input: object) => unknown;
}

/** One `GetProducts` request: a service and its attribute filters (`TERM_MATCH`). */
export interface AwsPriceQuery {
  readonly serviceCode: string;
  readonly filters: { readonly [field: string]: string };
}

/** A product of the Price List (the fields used), as `GetProducts` returns it in `PriceList` (JSON text). */
export interface AwsPriceListProduct {
  readonly product?: { readonly productFamily?: string; readonly attributes?: { readonly [name: string]: string } };
  readonly terms?: { readonly OnDemand?: { readonly [term: string]: { readonly priceDimensions?: { readonly [id: string]: AwsPriceDimension } } } };
}

/** A price dimension of a term (the fields used). */
export interface AwsPriceDimension {
  readonly unit?: string;
  readonly pricePerUnit?: { readonly USD?: string };
}

/** Options of `AwsPriceSource`. */
export interface AwsPriceSourceOptions {
  /** A client (with `getProductsCommand`, no SDK is loaded). @default - a PricingClient in us-east-1 */
  readonly client?: PricingClientLike;
  readonly getProductsCommand?: new (input: object) => unknown;
  /** How the SDK is loaded. */
  readonly load?: ModuleLoader;
  readonly retry?: RetryOptions;
}

/** Reads the Price List API. */
export class AwsPriceSource {
  private readonly client: PricingClientLike;
  private readonly command: new (input: object) => unknown;
  private readonly retry: RetryOptions;

  constructor(options: AwsPriceSourceOptions = {}) {
    if (options.client && options.getProductsCommand) {
      this.client = options.client;
      this.command = options.getProductsCommand;
    } else {
      const sdk = loadSdk<PricingSdk>('@aws-sdk/client-pricing', 'refreshing the AWS prices', options.load);
      // The Price List Query API is served from us-east-1 (and ap-south-1, eu-central-1).
      this.client = options.client ?? new sdk.PricingClient({ region: 'us-east-1' });
      this.command = sdk.GetProductsCommand;
    }
    this.retry = options.retry ?? {};
  }

  /** Every product matching a query, over all pages. */
  async products(query: AwsPriceQuery): Promise<AwsPriceListProduct[]> {
    const out: AwsPriceListProduct[] = [];
    let token: string | undefined;
    do {
      const input = {
        ServiceCode: query.serviceCode,
        FormatVersion: 'aws_v1',
        Filters: Object.entries(query.filters).map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value })),
        NextToken: token,
      };
      const send = () => this.client.send(new this.command(input)) as Promise<{ PriceList?: string[]; NextToken?: string }>;
      const page = await withRetry(send, this.retry);
      for (const p of page.PriceList ?? []) out.push(JSON.parse(p));
      token = page.NextToken;
    } while (token);
    return out;
  }
}

/** The on-demand USD price of a product (its one price dimension), or undefined. */
export function onDemandUsd(p: AwsPriceListProduct): number | undefined {
  for (const term of Object.values(p.terms?.OnDemand ?? {})) {
    for (const d of Object.values(term.priceDimensions ?? {})) {
      const usd = d.pricePerUnit?.USD;
      if (usd !== undefined && Number(usd) > 0) return Number(usd);
    }
  }
  return undefined;
}

/** RDS engine (`spec.engine`) → Price List `databaseEngine`. */
const RDS_ENGINES: { [engine: string]: string } = { mysql: 'MySQL', postgres: 'PostgreSQL' };
/** RDS `storageType` → Price List `volumeType`. */
const RDS_VOLUMES: { [type: string]: string } = { gp2: 'General Purpose', gp3: 'General Purpose-GP3', io1: 'Provisioned IOPS', io2: 'Provisioned IOPS-IO2' };
/** ElastiCache engine → Price List `cacheEngine`. */
const CACHE_ENGINES: { [engine: string]: string } = { valkey: 'Valkey', redis: 'Redis' };

/** One query and how its products become keys of the snapshot. */
interface Rule {
  readonly query: (region: string) => AwsPriceQuery;
  readonly key: (attributes: { readonly [name: string]: string }) => string | undefined;
}

function rules(scope: PriceScope): Rule[] {
  const out: Rule[] = [];
  for (const [engine, name] of Object.entries(RDS_ENGINES)) {
    out.push({
      query: (region) => ({ serviceCode: 'AmazonRDS', filters: { regionCode: region, productFamily: 'Database Instance', databaseEngine: name, deploymentOption: 'Single-AZ' } }),
      key: (a) => (scope.rdsClasses.includes(a.instanceType) ? `rds:${engine}:${a.instanceType}` : undefined),
    });
  }
  out.push({
    query: (region) => ({ serviceCode: 'AmazonRDS', filters: { regionCode: region, productFamily: 'Database Storage', databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ' } }),
    key: (a) => {
      const type = Object.keys(RDS_VOLUMES).find((t) => RDS_VOLUMES[t] === a.volumeType);
      return type ? `rds-storage:${type}` : undefined;
    },
  });
  for (const [engine, name] of Object.entries(CACHE_ENGINES)) {
    out.push({
      query: (region) => ({ serviceCode: 'AmazonElastiCache', filters: { regionCode: region, cacheEngine: name } }),
      key: (a) => (scope.cacheNodeTypes.includes(a.instanceType) ? `elasticache:${engine}:${a.instanceType}` : undefined),
    });
  }
  out.push({
    query: (region) => ({ serviceCode: 'AmazonMQ', filters: { regionCode: region, brokerEngine: 'RabbitMQ', deploymentOption: 'Single-AZ' } }),
    key: (a) => (scope.mqHostTypes.includes(a.instanceType) ? `mq:rabbitmq:${a.instanceType}` : undefined),
  });
  out.push({
    query: (region) => ({ serviceCode: 'AmazonS3', filters: { regionCode: region, storageClass: 'General Purpose', volumeType: 'Standard' } }),
    // S3 Standard is tiered: the first tier (the first 50 TB) is the one kept.
    key: () => 's3:standard',
  });
  return out;
}

/** The price table of every region of the scope: key → USD per unit. */
export async function fetchAwsPrices(source: AwsPriceSource, scope: PriceScope): Promise<{ [region: string]: { [key: string]: number } }> {
  const regions: { [region: string]: { [key: string]: number } } = {};
  for (const region of scope.awsRegions) {
    const table: { [key: string]: number } = {};
    for (const rule of rules(scope)) {
      for (const p of await source.products(rule.query(region))) {
        const key = rule.key(p.product?.attributes ?? {});
        const usd = onDemandUsd(p);
        // Where the Price List has several prices for one key (S3's tiers), the highest is the first tier.
        if (key !== undefined && usd !== undefined) table[key] = Math.max(table[key] ?? 0, usd);
      }
    }
    regions[region] = table;
  }
  return regions;
}
