import { CatalogScope } from './scope';
import {
  RdsEngineVersionRecord, RdsOrderableRecord, RdsParameterRecord, RdsSource,
} from '../../src/environments/aws/catalog/source';
import { RdsEngineCatalog, RdsEngineEntry, RdsEngineVersionEntry, RdsOrderableGroup, RdsParameterCatalog, RdsParameterEntry } from '../../src/environments/aws/catalog/types';
import { CatalogSnapshot, StorageRange } from '../../src/private/catalog';
import { compareInstanceClasses, compareText, compareVersions, instanceClassParts, sizeRank } from '../../src/private/closest';

/** What the RDS APIs returned, per engine. */
export interface RdsApiData {
  /** `DescribeDBEngineVersions` by engine. */
  readonly versions: { [engine: string]: RdsEngineVersionRecord[] };
  /** `DescribeOrderableDBInstanceOptions` by engine, then version. */
  readonly orderable: { [engine: string]: { [version: string]: RdsOrderableRecord[] } };
  /** `DescribeEngineDefaultParameters` by family. */
  readonly parameters: { [family: string]: RdsParameterRecord[] };
}

/** Major of an RDS engine version when the API leaves `MajorEngineVersion` out. */
function majorOf(engine: string, r: RdsEngineVersionRecord): string {
  if (r.MajorEngineVersion) return r.MajorEngineVersion;
  const parts = (r.EngineVersion ?? '').split('.');
  return engine === 'postgres' ? parts[0] : parts.slice(0, 2).join('.');
}

/** The tracked, available versions of an engine: version → { major, family }. */
export function trackedVersions(engine: string, records: RdsEngineVersionRecord[], scope: CatalogScope): Array<[string, RdsEngineVersionEntry]> {
  const majors = scope.rdsEngines[engine] ?? [];
  const out = new Map<string, RdsEngineVersionEntry>();
  for (const r of records) {
    if (!r.EngineVersion || !r.DBParameterGroupFamily || (r.Engine && r.Engine !== engine)) continue;
    if (r.Status && r.Status !== 'available') continue;
    const major = majorOf(engine, r);
    if (!majors.includes(major)) continue;
    out.set(r.EngineVersion, { major, family: r.DBParameterGroupFamily });
  }
  return [...out.entries()].sort(([a], [b]) => compareVersions(a, b));
}

function inScope(cls: string, scope: CatalogScope): boolean {
  const parts = instanceClassParts(cls);
  return parts !== undefined && scope.rdsClassFamilies.includes(parts.family) && sizeRank(parts.size) <= sizeRank(scope.rdsMaxSize);
}

/** Reads everything the RDS catalogs need, engine by engine, version by version, family by family. */
export async function fetchRds(source: RdsSource, scope: CatalogScope): Promise<RdsApiData> {
  const versions: RdsApiData['versions'] = {};
  const orderable: RdsApiData['orderable'] = {};
  const parameters: RdsApiData['parameters'] = {};
  for (const engine of Object.keys(scope.rdsEngines).sort(compareText)) {
    versions[engine] = await source.engineVersions(engine);
    orderable[engine] = {};
    for (const [version, entry] of trackedVersions(engine, versions[engine], scope)) {
      orderable[engine][version] = await source.orderableOptions(engine, version);
      if (!parameters[entry.family]) parameters[entry.family] = await source.engineDefaultParameters(entry.family);
    }
  }
  return { versions, orderable, parameters };
}

/** Builds the engine catalog: tracked versions, their orderable classes (grouped) and storage ranges. */
export function buildRdsEngineCatalog(data: RdsApiData, scope: CatalogScope, snapshot: CatalogSnapshot): RdsEngineCatalog {
  const engines: { [engine: string]: RdsEngineEntry } = {};
  for (const engine of Object.keys(scope.rdsEngines).sort(compareText)) {
    const tracked = trackedVersions(engine, data.versions[engine] ?? [], scope);
    const groups = new Map<string, { versions: string[]; classes: string[] }>();
    const storage = new Map<string, { min: number; max: number }>();
    for (const [version] of tracked) {
      const records = (data.orderable[engine]?.[version] ?? []).filter((r) => r.DBInstanceClass && inScope(r.DBInstanceClass, scope));
      const classes = [...new Set(records.map((r) => r.DBInstanceClass!))].sort(compareInstanceClasses);
      if (classes.length === 0) continue;
      const key = classes.join(' ');
      const group = groups.get(key) ?? { versions: [], classes };
      group.versions.push(version);
      groups.set(key, group);
      for (const r of records) {
        if (!r.StorageType || !scope.rdsStorageTypes.includes(r.StorageType)) continue;
        if (r.MinStorageSize === undefined || r.MaxStorageSize === undefined) continue;
        const range = storage.get(r.StorageType);
        storage.set(r.StorageType, range
          ? { min: Math.min(range.min, r.MinStorageSize), max: Math.max(range.max, r.MaxStorageSize) }
          : { min: r.MinStorageSize, max: r.MaxStorageSize });
      }
    }
    const orderable: RdsOrderableGroup[] = [...groups.values()]
      .map((g) => ({ versions: g.versions.sort(compareVersions), classes: g.classes }))
      .sort((a, b) => compareVersions(a.versions[0], b.versions[0]));
    const storageByType: { [type: string]: StorageRange } = {};
    for (const type of [...storage.keys()].sort(compareText)) storageByType[type] = storage.get(type)!;
    const versions: { [version: string]: RdsEngineVersionEntry } = {};
    for (const [version, entry] of tracked) versions[version] = { major: entry.major, family: entry.family };
    engines[engine] = { versions, orderable, storage: storageByType };
  }
  return { snapshot, classScope: { families: [...scope.rdsClassFamilies].sort(compareText), maxSize: scope.rdsMaxSize }, engines };
}

/** Builds the parameter catalog: the modifiable parameters of every tracked family, sorted by name. */
export function buildRdsParameterCatalog(data: RdsApiData, scope: CatalogScope, snapshot: CatalogSnapshot): RdsParameterCatalog {
  const families = new Set<string>();
  for (const engine of Object.keys(scope.rdsEngines)) {
    for (const [, entry] of trackedVersions(engine, data.versions[engine] ?? [], scope)) families.add(entry.family);
  }
  const out: { [family: string]: { [name: string]: RdsParameterEntry } } = {};
  for (const family of [...families].sort(compareText)) {
    const params: { [name: string]: RdsParameterEntry } = {};
    const records = (data.parameters[family] ?? []).filter((p) => p.ParameterName && p.IsModifiable !== false);
    for (const p of records.sort((a, b) => compareText(a.ParameterName!, b.ParameterName!))) {
      params[p.ParameterName!] = p.AllowedValues ? { type: p.DataType ?? 'string', allowed: p.AllowedValues } : { type: p.DataType ?? 'string' };
    }
    out[family] = params;
  }
  return { snapshot, families: out };
}
