/**
 * Regenerates the provider catalogs in `src/environments/<environment>/catalog/data/` from the providers' APIs:
 *
 * - RDS (`@aws-sdk/client-rds`): `DescribeDBEngineVersions`, `DescribeOrderableDBInstanceOptions`,
 *   `DescribeEngineDefaultParameters`, paginated, retried when throttled;
 * - Cloud SQL (`@google-cloud/sql`): `flags.list`, `tiers.list` and the `SqlDatabaseVersion` enum;
 * - Azure (`@azure/arm-resources-subscriptions`, `@azure/arm-mysql-flexible`, `@azure/arm-postgresql-flexible`,
 *   `@azure/identity`): the subscription's physical locations and one location's Flexible Server capabilities;
 * - the price snapshots of `plan` (`tools/refresh-prices.ts`: AWS Price List, Cloud Billing Catalog, Azure retail prices).
 *
 * A maintainer runs it with their cloud credentials: `npx projen catalog:refresh [--only rds|cloud-sql|azure|prices]
 * [--region us-east-1] [--project my-gcp-project] [--subscription <id>] [--location westeurope]`, then reviews and
 * commits the diff. The SDKs are loaded here only (dev dependencies), never by the library.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { AzureCarriedData, buildAzureCatalog, fetchAzure } from './catalog/build-azure';
import { buildCloudSqlCatalog, buildCloudSqlFlagCatalog, fetchCloudSql } from './catalog/build-cloud-sql';
import { buildRdsEngineCatalog, buildRdsParameterCatalog, fetchRds } from './catalog/build-rds';
import { renderCatalogFile } from './catalog/render';
import { CATALOG_SCOPE, CatalogScope } from './catalog/scope';
import { AwsPriceSource } from './prices/aws';
import { AzurePriceSource } from './prices/azure';
import { GcpPriceSource } from './prices/gcp';
import { refreshPrices } from './refresh-prices';
import { RdsSource } from '../src/environments/aws/catalog/source';
import { AZURE_CATALOG } from '../src/environments/azure/catalog/data/azure';
import { AzureSource } from '../src/environments/azure/catalog/source';
import { CloudSqlSource } from '../src/environments/gcp/catalog/source';
import { CatalogSnapshot } from '../src/private/catalog';

/** The provenance written into each generated file. */
export interface CatalogSnapshots {
  readonly rdsEngines: CatalogSnapshot;
  readonly rdsParameters: CatalogSnapshot;
  readonly cloudSql: CatalogSnapshot;
  readonly cloudSqlFlags: CatalogSnapshot;
  readonly azure: CatalogSnapshot;
}

/** Options of `refreshCatalogs`. */
export interface RefreshOptions {
  /** Refresh the RDS catalogs from this source. */
  readonly rds?: RdsSource;
  /** Refresh the Cloud SQL catalogs from this source. */
  readonly cloudSql?: CloudSqlSource;
  /** Project whose `tiers.list` is read (required with `cloudSql`). */
  readonly gcpProject?: string;
  /** Refresh the Azure catalog from this source. */
  readonly azure?: AzureSource;
  /** Location whose Flexible Server capabilities are read (required with `azure`). */
  readonly azureLocation?: string;
  /** What no Azure API lists. @default - from the committed catalog */
  readonly azureCarried?: AzureCarriedData;
  /** Provenance of each file. */
  readonly snapshots: CatalogSnapshots;
  /** What to keep. @default CATALOG_SCOPE */
  readonly scope?: CatalogScope;
}

/** Reads the APIs and renders the catalog files: file name → content. */
export async function refreshCatalogs(options: RefreshOptions): Promise<{ [fileName: string]: string }> {
  const scope = options.scope ?? CATALOG_SCOPE;
  const files: { [fileName: string]: string } = {};
  if (options.rds) {
    const data = await fetchRds(options.rds, scope);
    files['aws/catalog/data/rds-engines.ts'] = renderCatalogFile({
      fileName: 'rds-engines.ts',
      constName: 'RDS_ENGINE_CATALOG',
      typeName: 'RdsEngineCatalog',
      description: 'RDS engine versions, orderable DB instance classes and storage ranges for the tracked MySQL and PostgreSQL majors.',
      data: buildRdsEngineCatalog(data, scope, options.snapshots.rdsEngines),
    });
    files['aws/catalog/data/rds-parameters.ts'] = renderCatalogFile({
      fileName: 'rds-parameters.ts',
      constName: 'RDS_PARAMETER_CATALOG',
      typeName: 'RdsParameterCatalog',
      description: 'Modifiable RDS DB parameters (type, allowed values) per parameter group family.',
      data: buildRdsParameterCatalog(data, scope, options.snapshots.rdsParameters),
    });
  }
  if (options.cloudSql) {
    if (!options.gcpProject) throw new Error('refreshing the Cloud SQL catalogs needs a project for tiers.list: pass --project');
    const data = await fetchCloudSql(options.cloudSql, options.gcpProject);
    files['gcp/catalog/data/cloud-sql.ts'] = renderCatalogFile({
      fileName: 'cloud-sql.ts',
      constName: 'CLOUD_SQL_CATALOG',
      typeName: 'CloudSqlCatalog',
      description: 'Cloud SQL database versions of the tracked majors and predefined machine tiers.',
      data: buildCloudSqlCatalog(data, scope, options.snapshots.cloudSql),
    });
    files['gcp/catalog/data/cloud-sql-flags.ts'] = renderCatalogFile({
      fileName: 'cloud-sql-flags.ts',
      constName: 'CLOUD_SQL_FLAG_CATALOG',
      typeName: 'CloudSqlFlagCatalog',
      description: 'Cloud SQL database flags (type, range, allowed values) of the tracked database versions.',
      data: buildCloudSqlFlagCatalog(data, scope, options.snapshots.cloudSqlFlags),
    });
  }
  if (options.azure) {
    if (!options.azureLocation) throw new Error('refreshing the Azure catalog needs a location for the capabilities: pass --location');
    const data = await fetchAzure(options.azure, options.azureLocation);
    const carried = options.azureCarried ?? AZURE_CARRIED;
    files['azure/catalog/data/azure.ts'] = renderCatalogFile({
      fileName: 'azure.ts',
      constName: 'AZURE_CATALOG',
      typeName: 'AzureCatalog',
      description: 'Azure regions, Flexible Server versions, compute SKUs, storage and backup retention, and Azure Managed Redis SKUs.',
      data: buildAzureCatalog(data, scope, carried, options.snapshots.azure),
    });
  }
  return files;
}

/** What the Azure refresh keeps from the committed catalog (no API lists it). */
export const AZURE_CARRIED: AzureCarriedData = {
  redisSkus: AZURE_CATALOG.redisSkus,
  postgresqlBackupRetentionDays: AZURE_CATALOG.engines.postgresql.backupRetentionDays,
};

/** Writes the rendered files (keyed by their path below `src/environments`) into `outDir`. */
export function writeCatalogs(outDir: string, files: { [fileName: string]: string }): string[] {
  return Object.keys(files).sort().map((name) => {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, files[name]);
    return path;
  });
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The command line: reads the live APIs with the caller's credentials. */
export async function main(argv: string[]): Promise<void> {
  const only = arg(argv, 'only');
  const outDir = arg(argv, 'out') ?? join(__dirname, '..', 'src', 'environments');
  const region = arg(argv, 'region') ?? process.env.AWS_REGION ?? 'us-east-1';
  const project = arg(argv, 'project') ?? process.env.GOOGLE_CLOUD_PROJECT;
  const subscription = arg(argv, 'subscription') ?? process.env.AZURE_SUBSCRIPTION_ID;
  const location = arg(argv, 'location') ?? 'westeurope';
  const date = new Date().toISOString().slice(0, 10);
  const rdsSnapshot: CatalogSnapshot = {
    date,
    sources: [`AWS RDS API, region ${region}: DescribeDBEngineVersions, DescribeOrderableDBInstanceOptions (VPC), DescribeEngineDefaultParameters`],
    notes: ['Orderable classes are those of the refresh region; other regions may differ (the preflight checks the live region).'],
    complete: true,
  };
  const cloudSqlSnapshot: CatalogSnapshot = {
    date,
    sources: ['Cloud SQL Admin API v1: flags.list, tiers.list; SqlDatabaseVersion enum of @google-cloud/sql'],
    notes: [],
    complete: true,
  };
  const azureSnapshot: CatalogSnapshot = {
    date,
    sources: [
      'Azure Resource Manager: SubscriptionClient.subscriptions.listLocations (physical regions) of @azure/arm-resources-subscriptions',
      `Azure Resource Manager, location ${location}: locationBasedCapabilities.list of @azure/arm-mysql-flexible, capabilitiesByLocation.list of @azure/arm-postgresql-flexible`,
      ...AZURE_CATALOG.snapshot.sources.filter((src) => /redis|backup-restore/i.test(src)),
    ],
    notes: [
      `SKUs, versions and storage are those of ${location}; other locations may differ (the preflight checks the server's own location).`,
      'Hand-seeded, carried from the previous catalog: the Azure Managed Redis SKUs (no API lists their memory) and PostgreSQL\'s 7-35 days of backup retention (the capabilities API has none).',
    ],
    complete: false,
  };
  if ((only === undefined || only === 'azure') && !subscription) {
    throw new Error('refreshing the Azure catalog needs a subscription: pass --subscription <id> or set AZURE_SUBSCRIPTION_ID');
  }
  const files = only === 'prices' ? {} : await refreshCatalogs({
    rds: only === undefined || only === 'rds' ? new RdsSource({ region }) : undefined,
    cloudSql: only === undefined || only === 'cloud-sql' ? new CloudSqlSource() : undefined,
    gcpProject: project,
    azure: only === undefined || only === 'azure' ? new AzureSource({ subscriptionId: subscription! }) : undefined,
    azureLocation: location,
    snapshots: {
      rdsEngines: rdsSnapshot, rdsParameters: rdsSnapshot, cloudSql: cloudSqlSnapshot, cloudSqlFlags: cloudSqlSnapshot, azure: azureSnapshot,
    },
  });
  if (only === undefined || only === 'prices') {
    // The price snapshots `plan` estimates with (tools/refresh-prices.ts).
    Object.assign(files, await refreshPrices({ aws: new AwsPriceSource(), gcp: new GcpPriceSource(), azure: new AzurePriceSource(), date }));
  }
  for (const path of writeCatalogs(outDir, files)) console.log(`wrote ${path}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`catalog refresh failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
