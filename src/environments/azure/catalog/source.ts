/**
 * The source of the Azure catalog (`data/azure.ts`), read by `npx projen catalog:refresh -- --only azure` through the
 * Azure SDKs from npm. It loads them only when called (dev-time tools, never dependencies of the library, never on
 * the synth path).
 *
 * - `@azure/arm-resources-subscriptions`: `SubscriptionClient.subscriptions.listLocations` (the physical regions);
 * - `@azure/arm-mysql-flexible`: `MySQLManagementFlexibleServerClient.locationBasedCapabilities.list(location)`
 *   (per edition: storage range in MB, backup retention days, versions and their SKUs);
 * - `@azure/arm-postgresql-flexible`: `PostgreSQLManagementFlexibleServerClient.capabilitiesByLocation.list(location)`
 *   (per edition: SKUs with vCores and memory per vCore, the storage sizes in MB; the versions);
 * - `@azure/identity`: `DefaultAzureCredential` (`az login`, environment, workload or managed identity).
 */
import { loadSdk, ModuleLoader, requireModule } from '../../../private/sdk';

/** The packages the refresh needs. */
export const AZURE_SDK_PACKAGES = {
  identity: '@azure/identity',
  subscriptions: '@azure/arm-resources-subscriptions',
  mysql: '@azure/arm-mysql-flexible',
  postgresql: '@azure/arm-postgresql-flexible',
} as const;

/** Options of `AzureSource`. */
export interface AzureSourceOptions {
  /** Subscription whose locations and capabilities are read. */
  readonly subscriptionId: string;
  /**
   * Loads the SDK modules.
   * @default - Node's require
   */
  readonly load?: ModuleLoader;
}

/** A location of the subscription. */
export interface AzureLocationRecord {
  readonly name: string;
}

/** One SKU of a MySQL version (`SkuCapability`). */
export interface AzureMySqlSkuRecord {
  readonly name?: string;
  readonly vCores?: number;
  readonly supportedMemoryPerVCoreMB?: number;
}

/** One MySQL edition of a location (`ServerEditionCapability` of `@azure/arm-mysql-flexible`). */
export interface AzureMySqlEditionRecord {
  /** `Burstable`, `GeneralPurpose`, `MemoryOptimized` (older API versions: `BusinessCritical`). */
  readonly name?: string;
  /** Storage range in MB and backup retention range in days. */
  readonly supportedStorageEditions?: ReadonlyArray<{
    readonly name?: string;
    readonly minStorageSize?: number;
    readonly maxStorageSize?: number;
    readonly minBackupRetentionDays?: number;
    readonly maxBackupRetentionDays?: number;
  }>;
  /** Versions (`8.0.21`, `8.4`) and their SKUs. */
  readonly supportedServerVersions?: ReadonlyArray<{ readonly name?: string; readonly supportedSkus?: ReadonlyArray<AzureMySqlSkuRecord> }>;
}

/** What `locationBasedCapabilities.list` yields for MySQL (`CapabilityProperties`, one per availability zone). */
export interface AzureMySqlCapabilityRecord {
  readonly zone?: string;
  readonly supportedFlexibleServerEditions?: ReadonlyArray<AzureMySqlEditionRecord>;
}

/** One PostgreSQL edition of a location (`ServerEditionCapability` of `@azure/arm-postgresql-flexible`). */
export interface AzurePostgresEditionRecord {
  readonly name?: string;
  /** Storage editions (`ManagedDisk`, `ManagedDiskV2`) with their sizes in MB. */
  readonly supportedStorageEditions?: ReadonlyArray<{
    readonly name?: string;
    readonly supportedStorageMb?: ReadonlyArray<{ readonly storageSizeMb?: number }>;
  }>;
  /** SKUs with vCores and memory per vCore (MB). */
  readonly supportedServerSkus?: ReadonlyArray<{ readonly name?: string; readonly vCores?: number; readonly supportedMemoryPerVcoreMb?: number }>;
}

/** What `capabilitiesByLocation.list` yields for PostgreSQL (`Capability`). */
export interface AzurePostgresCapabilityRecord {
  readonly name?: string;
  readonly supportedServerEditions?: ReadonlyArray<AzurePostgresEditionRecord>;
  /** `16`, `17`, … */
  readonly supportedServerVersions?: ReadonlyArray<{ readonly name?: string }>;
}

const PURPOSE = 'the Azure catalog refresh';

/** Reads the Azure catalog's inputs: the subscription's regions and one location's Flexible Server capabilities. */
export class AzureSource {
  private readonly load: ModuleLoader;
  private credential: unknown;

  constructor(private readonly options: AzureSourceOptions) {
    this.load = options.load ?? requireModule;
  }

  /** The names of the subscription's physical locations (regions), sorted. */
  public async regions(): Promise<string[]> {
    const credential = this.credentials();
    const sdk = loadSdk<any>(AZURE_SDK_PACKAGES.subscriptions, PURPOSE, this.load);
    const client = new sdk.SubscriptionClient(credential);
    const names: string[] = [];
    for await (const location of client.subscriptions.listLocations(this.options.subscriptionId) as AsyncIterable<any>) {
      if (location.metadata?.regionType === 'Physical' && typeof location.name === 'string') names.push(location.name);
    }
    return names.sort();
  }

  /** The MySQL Flexible Server capabilities of a location, as the API lists them (one entry per zone). */
  public async mysqlCapabilities(location: string): Promise<AzureMySqlCapabilityRecord[]> {
    const credential = this.credentials();
    const sdk = loadSdk<any>(AZURE_SDK_PACKAGES.mysql, PURPOSE, this.load);
    const client = new sdk.MySQLManagementFlexibleServerClient(credential, this.options.subscriptionId);
    return collect(client.locationBasedCapabilities.list(location));
  }

  /** The PostgreSQL Flexible Server capabilities of a location, as the API lists them. */
  public async postgresqlCapabilities(location: string): Promise<AzurePostgresCapabilityRecord[]> {
    const credential = this.credentials();
    const sdk = loadSdk<any>(AZURE_SDK_PACKAGES.postgresql, PURPOSE, this.load);
    const client = new sdk.PostgreSQLManagementFlexibleServerClient(credential, this.options.subscriptionId);
    return collect(client.capabilitiesByLocation.list(location));
  }

  /** One `DefaultAzureCredential` for every client. */
  private credentials(): unknown {
    if (this.credential === undefined) {
      const identity = loadSdk<any>(AZURE_SDK_PACKAGES.identity, PURPOSE, this.load);
      this.credential = new identity.DefaultAzureCredential();
    }
    return this.credential;
  }
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}
