import { explainAwsError } from './errors';
import { RetryOptions, withRetry } from '../../../private/retry';
import { loadSdk, ModuleLoader } from '../../../private/sdk';

/** Anything that sends AWS SDK v3 commands (an `RDSClient`, or one mocked with aws-sdk-client-mock). */
export interface RdsClientLike {
  send(command: unknown): Promise<unknown>;
}

/** The parts of `@aws-sdk/client-rds` used here. */
interface RdsSdk {
  RDSClient: new (config: { region?: string }) => RdsClientLike;
  DescribeDBEngineVersionsCommand: new (input: object) => unknown;
  DescribeOrderableDBInstanceOptionsCommand: new (input: object) => unknown;
  DescribeEngineDefaultParametersCommand: new (input: object) => unknown;
  DescribeDBInstancesCommand: new (input: object) => unknown;
}

/** A `DBEngineVersion` (the fields used). */
export interface RdsEngineVersionRecord {
  readonly Engine?: string;
  readonly EngineVersion?: string;
  readonly DBParameterGroupFamily?: string;
  readonly MajorEngineVersion?: string;
  readonly Status?: string;
}

/** An `OrderableDBInstanceOption` (the fields used). */
export interface RdsOrderableRecord {
  readonly Engine?: string;
  readonly EngineVersion?: string;
  readonly DBInstanceClass?: string;
  readonly StorageType?: string;
  readonly MinStorageSize?: number;
  readonly MaxStorageSize?: number;
}

/** A `Parameter` of `DescribeEngineDefaultParameters` (the fields used). */
export interface RdsParameterRecord {
  readonly ParameterName?: string;
  readonly DataType?: string;
  readonly AllowedValues?: string;
  readonly IsModifiable?: boolean;
}

/** A `DBInstance` (the fields used). */
export interface RdsDbInstanceRecord {
  readonly DBInstanceIdentifier?: string;
  readonly Engine?: string;
  readonly EngineVersion?: string;
  readonly DBInstanceClass?: string;
  readonly DBInstanceStatus?: string;
  readonly TagList?: Array<{ readonly Key?: string; readonly Value?: string }>;
}

/** Options of `RdsSource`. */
export interface RdsSourceOptions {
  /**
   * Region of the API calls.
   * @default - the SDK's (AWS_REGION, the profile)
   */
  readonly region?: string;
  /**
   * The client.
   * @default - a new `RDSClient` for `region`
   */
  readonly client?: RdsClientLike;
  /**
   * Retries of throttled calls.
   * @default - 6 attempts, 500 ms doubling up to 20 s
   */
  readonly retry?: RetryOptions;
  /**
   * How to load `@aws-sdk/client-rds`.
   * @default require
   */
  readonly load?: ModuleLoader;
}

const PAGE_SIZE = 100;
const SDK = '@aws-sdk/client-rds';

/**
 * The RDS describe APIs the catalog refresh and the preflight read, paginated (`Marker`) and retried when
 * throttled. `@aws-sdk/client-rds` is loaded on the first call, never before.
 */
export class RdsSource {
  private loaded?: RdsSdk;
  private rds?: RdsClientLike;

  constructor(private readonly options: RdsSourceOptions = {}) {}

  /** `DescribeDBEngineVersions` of an engine, all pages (optionally one version, or the default of a major). */
  public async engineVersions(engine: string, filter: { version?: string; defaultOnly?: boolean } = {}): Promise<RdsEngineVersionRecord[]> {
    const sdk = this.sdk();
    return this.pages(async (Marker) => {
      const out = await this.send(new sdk.DescribeDBEngineVersionsCommand({
        Engine: engine,
        EngineVersion: filter.version,
        DefaultOnly: filter.defaultOnly,
        MaxRecords: PAGE_SIZE,
        Marker,
      })) as { DBEngineVersions?: RdsEngineVersionRecord[]; Marker?: string };
      return { items: out.DBEngineVersions ?? [], marker: out.Marker };
    });
  }

  /** `DescribeOrderableDBInstanceOptions` (VPC only) of an engine version, all pages (optionally one class). */
  public async orderableOptions(engine: string, version?: string, instanceClass?: string): Promise<RdsOrderableRecord[]> {
    const sdk = this.sdk();
    return this.pages(async (Marker) => {
      const out = await this.send(new sdk.DescribeOrderableDBInstanceOptionsCommand({
        Engine: engine,
        EngineVersion: version,
        DBInstanceClass: instanceClass,
        Vpc: true,
        MaxRecords: PAGE_SIZE,
        Marker,
      })) as { OrderableDBInstanceOptions?: RdsOrderableRecord[]; Marker?: string };
      return { items: out.OrderableDBInstanceOptions ?? [], marker: out.Marker };
    });
  }

  /** `DescribeEngineDefaultParameters` of a parameter group family, all pages (the marker is in `EngineDefaults`). */
  public async engineDefaultParameters(family: string): Promise<RdsParameterRecord[]> {
    const sdk = this.sdk();
    return this.pages(async (Marker) => {
      const out = await this.send(new sdk.DescribeEngineDefaultParametersCommand({
        DBParameterGroupFamily: family,
        MaxRecords: PAGE_SIZE,
        Marker,
      })) as { EngineDefaults?: { Parameters?: RdsParameterRecord[]; Marker?: string } };
      return { items: out.EngineDefaults?.Parameters ?? [], marker: out.EngineDefaults?.Marker };
    });
  }

  /** `DescribeDBInstances` of one identifier: the instance, or an empty list when there is none. */
  public async dbInstances(identifier: string): Promise<RdsDbInstanceRecord[]> {
    const sdk = this.sdk();
    try {
      const out = await this.send(new sdk.DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }));
      return (out as { DBInstances?: RdsDbInstanceRecord[] }).DBInstances ?? [];
    } catch (e) {
      if ((e as { name?: string }).name === 'DBInstanceNotFoundFault' || (e as { name?: string }).name === 'DBInstanceNotFound') return [];
      throw e;
    }
  }

  private sdk(): RdsSdk {
    this.loaded ??= loadSdk<RdsSdk>(SDK, 'reading the RDS APIs', this.options.load);
    return this.loaded;
  }

  private async send(command: unknown): Promise<unknown> {
    this.rds ??= this.options.client ?? new (this.sdk().RDSClient)({ region: this.options.region });
    const client = this.rds;
    try {
      return await withRetry(() => client.send(command), this.options.retry);
    } catch (e) {
      throw explainAwsError(e);
    }
  }

  private async pages<T>(page: (marker: string | undefined) => Promise<{ items: T[]; marker?: string }>): Promise<T[]> {
    const all: T[] = [];
    let marker: string | undefined;
    do {
      const { items, marker: next } = await page(marker);
      all.push(...items);
      if (next && next === marker) throw new Error(`the RDS API returned the same page marker twice (${next})`);
      marker = next || undefined;
    } while (marker);
    return all;
  }
}
