import { CatalogScope, cloudSqlVersionName } from './scope';
import { CloudSqlFlagRecord, CloudSqlSource, CloudSqlTierRecord } from '../../src/environments/gcp/catalog/source';
import { CloudSqlCatalog, CloudSqlFlagCatalog, CloudSqlFlagEntry, CloudSqlTierEntry } from '../../src/environments/gcp/catalog/types';
import { CatalogSnapshot } from '../../src/private/catalog';
import { compareNatural, compareText } from '../../src/private/closest';

/** What the Cloud SQL Admin API and the SDK returned. */
export interface CloudSqlApiData {
  /** Names of the `SqlDatabaseVersion` enum. */
  readonly databaseVersions: string[];
  /** `flags.list` (all versions). */
  readonly flags: CloudSqlFlagRecord[];
  /** `tiers.list`. */
  readonly tiers: CloudSqlTierRecord[];
}

/** Reads everything the Cloud SQL catalogs need. `tiers.list` needs a project (any project the caller can read). */
export async function fetchCloudSql(source: CloudSqlSource, project: string): Promise<CloudSqlApiData> {
  return {
    databaseVersions: source.databaseVersions(),
    flags: await source.flags(),
    tiers: await source.tiers(project),
  };
}

/** The tracked database versions present in the enum, by engine, in the scope's order. */
export function trackedDatabaseVersions(data: CloudSqlApiData, scope: CatalogScope): { [engine: string]: string[] } {
  const out: { [engine: string]: string[] } = {};
  for (const engine of Object.keys(scope.cloudSqlEngines).sort(compareText)) {
    out[engine] = scope.cloudSqlEngines[engine].map((major) => cloudSqlVersionName(engine, major)).filter((v) => data.databaseVersions.includes(v));
  }
  return out;
}

/** Builds the Cloud SQL catalog: tracked database versions and every predefined tier with its memory. */
export function buildCloudSqlCatalog(data: CloudSqlApiData, scope: CatalogScope, snapshot: CatalogSnapshot): CloudSqlCatalog {
  const tiers: { [tier: string]: CloudSqlTierEntry } = {};
  for (const t of [...data.tiers].sort((a, b) => compareNatural(a.tier, b.tier))) {
    tiers[t.tier] = { ramMib: Math.round(t.ram / (1024 * 1024)) };
  }
  return { snapshot, databaseVersions: trackedDatabaseVersions(data, scope), tiers };
}

/** Builds the flag catalog: the flags of the tracked versions, restricted to those versions, sorted. */
export function buildCloudSqlFlagCatalog(data: CloudSqlApiData, scope: CatalogScope, snapshot: CatalogSnapshot): CloudSqlFlagCatalog {
  const tracked = Object.values(trackedDatabaseVersions(data, scope)).flat();
  const flags: CloudSqlFlagEntry[] = [];
  for (const f of data.flags) {
    const appliesTo = tracked.filter((v) => f.appliesTo.includes(v));
    if (appliesTo.length === 0) continue;
    const entry: { -readonly [K in keyof CloudSqlFlagEntry]: CloudSqlFlagEntry[K] } = { name: f.name, type: f.type, appliesTo };
    if (f.minValue !== undefined) entry.min = f.minValue;
    if (f.maxValue !== undefined) entry.max = f.maxValue;
    if (f.allowedStringValues.length > 0) entry.allowedStrings = [...new Set(f.allowedStringValues)].sort(compareText);
    if (f.allowedIntValues.length > 0) entry.allowedInts = [...new Set(f.allowedIntValues)].sort((a, b) => a - b);
    flags.push(entry);
  }
  flags.sort((a, b) => compareText(a.name, b.name) || tracked.indexOf(a.appliesTo[0]) - tracked.indexOf(b.appliesTo[0]));
  return { snapshot, flags };
}
