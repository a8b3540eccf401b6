import { explainGcpError } from './errors';
import { RetryOptions, withRetry } from '../../../private/retry';
import { loadSdk, ModuleLoader } from '../../../private/sdk';

/** A GAPIC `list` method: resolves to `[response, request, raw]`. */
export interface CloudSqlListClient {
  list(request: object): Promise<unknown[]>;
}

/** The parts of `@google-cloud/sql` used here. */
interface CloudSqlSdk {
  v1: {
    SqlFlagsServiceClient: new () => CloudSqlListClient;
    SqlTiersServiceClient: new () => CloudSqlListClient;
  };
  protos: { google: { cloud: { sql: { v1: { SqlDatabaseVersion: { [name: string]: number | string } } } } } };
}

/** A Cloud SQL flag, normalized (enums as names, 64-bit wrappers as numbers). */
export interface CloudSqlFlagRecord {
  readonly name: string;
  readonly type: string;
  readonly appliesTo: string[];
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly allowedStringValues: string[];
  readonly allowedIntValues: number[];
}

/** A Cloud SQL tier, normalized. */
export interface CloudSqlTierRecord {
  readonly tier: string;
  /** Memory in bytes. */
  readonly ram: number;
  readonly regions: string[];
}

/** Options of `CloudSqlSource`. */
export interface CloudSqlSourceOptions {
  /**
   * The flags client.
   * @default - a new `SqlFlagsServiceClient` (application default credentials)
   */
  readonly flagsClient?: CloudSqlListClient;
  /**
   * The tiers client.
   * @default - a new `SqlTiersServiceClient`
   */
  readonly tiersClient?: CloudSqlListClient;
  /**
   * The `SqlDatabaseVersion` enum (name → number).
   * @default - the enum of `@google-cloud/sql`'s v1 protos
   */
  readonly databaseVersionEnum?: { [name: string]: number | string };
  /**
   * Retries of throttled calls.
   * @default - 6 attempts, 500 ms doubling up to 20 s
   */
  readonly retry?: RetryOptions;
  /**
   * How to load `@google-cloud/sql`.
   * @default require
   */
  readonly load?: ModuleLoader;
}

const SDK = '@google-cloud/sql';

/** `SqlFlagType` (cloud_sql_flags.proto), for clients that return enums as numbers. */
const FLAG_TYPES: { [name: string]: number } = {
  SQL_FLAG_TYPE_UNSPECIFIED: 0, BOOLEAN: 1, STRING: 2, INTEGER: 3, NONE: 4, MYSQL_TIMEZONE_OFFSET: 5, FLOAT: 6, REPEATED_STRING: 7,
};

/** A protobuf wrapper (`{ value }`), a Long, a string or a number → number. */
function toNumber(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const inner = typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v;
  if (inner === undefined || inner === null) return undefined;
  const n = Number(typeof inner === 'object' ? String(inner) : inner);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The Cloud SQL Admin API v1 calls the catalog refresh and the preflight read (`flags.list`, `tiers.list`) and the
 * `SqlDatabaseVersion` enum, retried when throttled. `@google-cloud/sql` is loaded on first use, never before.
 */
export class CloudSqlSource {
  private loaded?: CloudSqlSdk;
  private flagsClient?: CloudSqlListClient;
  private tiersClient?: CloudSqlListClient;

  constructor(private readonly options: CloudSqlSourceOptions = {}) {}

  /** Names of the `SqlDatabaseVersion` enum. */
  public databaseVersions(): string[] {
    const e = this.databaseVersionEnum();
    return Object.keys(e).filter((k) => typeof e[k] === 'number' || !/^\d+$/.test(k));
  }

  /** `flags.list`, optionally for one database version. */
  public async flags(databaseVersion?: string): Promise<CloudSqlFlagRecord[]> {
    this.flagsClient ??= this.options.flagsClient ?? new (this.sdk().v1.SqlFlagsServiceClient)();
    const client = this.flagsClient;
    const [response] = await this.call(() => client.list(databaseVersion ? { databaseVersion } : {}));
    const items = ((response ?? {}) as { items?: Array<Record<string, unknown>> }).items ?? [];
    return items.map((f) => ({
      name: String(f.name),
      type: this.enumName(f.type, FLAG_TYPES),
      appliesTo: ((f.appliesTo ?? []) as unknown[]).map((v) => this.enumName(v, this.databaseVersionEnum())),
      minValue: toNumber(f.minValue),
      maxValue: toNumber(f.maxValue),
      allowedStringValues: ((f.allowedStringValues ?? []) as unknown[]).map(String),
      allowedIntValues: ((f.allowedIntValues ?? []) as unknown[]).map((v) => toNumber(v)!).filter((v) => v !== undefined),
    }));
  }

  /** `tiers.list` of a project. */
  public async tiers(project: string): Promise<CloudSqlTierRecord[]> {
    this.tiersClient ??= this.options.tiersClient ?? new (this.sdk().v1.SqlTiersServiceClient)();
    const client = this.tiersClient;
    const [response] = await this.call(() => client.list({ project }));
    const items = ((response ?? {}) as { items?: Array<Record<string, unknown>> }).items ?? [];
    return items.map((t) => ({
      tier: String(t.tier),
      ram: toNumber(t.RAM) ?? 0,
      regions: ((t.region ?? []) as unknown[]).map(String),
    }));
  }

  private databaseVersionEnum(): { [name: string]: number | string } {
    return this.options.databaseVersionEnum ?? this.sdk().protos.google.cloud.sql.v1.SqlDatabaseVersion;
  }

  /** Enum values arrive as names (gRPC defaults) or numbers (plain protobuf): always return the name. */
  private enumName(v: unknown, e: { [name: string]: number | string } | undefined): string {
    if (typeof v === 'number' && e) {
      const name = Object.keys(e).find((k) => e[k] === v);
      if (name) return name;
    }
    return String(v);
  }

  private sdk(): CloudSqlSdk {
    this.loaded ??= loadSdk<CloudSqlSdk>(SDK, 'reading the Cloud SQL Admin API', this.options.load);
    return this.loaded;
  }

  private async call(fn: () => Promise<unknown[]>): Promise<unknown[]> {
    try {
      return await withRetry(fn, this.options.retry);
    } catch (e) {
      throw explainGcpError(e);
    }
  }
}
