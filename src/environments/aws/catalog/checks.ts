import { RDS_ENGINE_CATALOG } from './data/rds-engines';
import { RDS_PARAMETER_CATALOG } from './data/rds-parameters';
import { RDS_BACKUP_RETENTION_DAYS, RDS_IDENTIFIER } from './rules';
import { RdsEngineEntry } from './types';
import { rdsValueProblem } from './values';
import { Where, StorageRange } from '../../../private/catalog';
import { abbreviate, closest, compareVersions, didYouMean, editDistance, instanceClassParts, nearestInstanceClasses, nearestVersions, sizeRank } from '../../../private/closest';
import { invalid } from '../../../private/errors';

/** A construct, or a description such as `aws profile option instanceClasses.medium`. */

/** What a user can do about a name the catalog snapshot does not list (it ships in the package; only a release updates it). */
const REFRESH = 'If RDS offers it, check it live with `npx cdk8s-portable-data preflight --profile aws`, or use a newer release of cdk8s-portable-data';
const VERSION_SYNTAX = /^\d+(\.\d+){0,2}(-rds\.\d{8})?$/;

function snapshotOf(date: string): string {
  return `catalog snapshot ${date}`;
}

/** The RDS engine name of a `DatabaseEngine.name` (`postgresql` → `postgres`). */
export function rdsEngineName(engineName: string): string {
  return engineName === 'postgresql' ? 'postgres' : engineName;
}

function engineEntry(where: Where, engine: string): RdsEngineEntry {
  const entry = RDS_ENGINE_CATALOG.engines[engine];
  if (!entry) {
    const engines = Object.keys(RDS_ENGINE_CATALOG.engines);
    invalid(where, {
      prop: 'RDS engine',
      value: engine,
      allowed: `on AWS RDS, an engine of the catalog: ${engines.join(', ')}`,
      fix: didYouMean(closest(engine, engines, 1)) || `use one of ${engines.join(', ')}`,
    });
  }
  return entry;
}

/** The major of an RDS engine version (`8.0.43` → `8.0`, `16.4` → `16`). */
export function rdsMajorOf(engine: string, version: string): string {
  const parts = version.split('-')[0].split('.');
  return engine === 'postgres' ? parts[0] : parts.slice(0, 2).join('.');
}

/** The versions of an engine in the catalog, sorted. */
export function rdsVersions(engine: string): string[] {
  return Object.keys(RDS_ENGINE_CATALOG.engines[engine]?.versions ?? {}).sort(compareVersions);
}

/** The majors of an engine's versions (computed once per engine: the catalog is constant). */
function majorsOf(entry: RdsEngineEntry): readonly string[] {
  let majors = MAJORS.get(entry);
  if (majors === undefined) MAJORS.set(entry, majors = Object.freeze([...new Set(Object.values(entry.versions).map((v) => v.major))]));
  return majors;
}
const MAJORS = new WeakMap<RdsEngineEntry, readonly string[]>();

/**
 * Checks an RDS `engineVersion`: a version the catalog lists, or a tracked major alone (RDS then picks its
 * default minor). Versions of majors the catalog does not track pass (the preflight checks them live).
 */
export function checkRdsEngineVersion(where: Where, engine: string, version: string): void {
  const entry = engineEntry(where, engine);
  if (entry.versions[version] || majorsOf(entry).includes(version)) return;
  const major = rdsMajorOf(engine, version);
  const syntaxOk = VERSION_SYNTAX.test(version);
  if (syntaxOk && !majorsOf(entry).includes(major)) return;
  const candidates = syntaxOk ? rdsVersions(engine).filter((v) => entry.versions[v].major === major) : rdsVersions(engine);
  invalid(where, {
    prop: 'RDS engine version',
    value: version,
    allowed: `on AWS RDS, a ${engine} version the ${snapshotOf(RDS_ENGINE_CATALOG.snapshot.date)} lists: ${abbreviate(candidates)}; `
      + `or a major alone (${majorsOf(entry).join(', ')}) for RDS's default minor`,
    fix: `${didYouMean(nearestVersions(version, candidates, 2))} ${REFRESH}`.trim(),
  });
}

/** The parameter group family of an engine version or major (`8.4.6` or `8.4` → `mysql8.4`); undefined when unknown. */
export function rdsParameterGroupFamily(engine: string, version: string): string | undefined {
  const entry = RDS_ENGINE_CATALOG.engines[engine];
  if (!entry) return undefined;
  const exact = entry.versions[version];
  if (exact) return exact.family;
  const major = majorsOf(entry).includes(version) ? version : rdsMajorOf(engine, version);
  return Object.values(entry.versions).find((v) => v.major === major)?.family;
}

/**
 * The classes the catalog lists for a version (for a major alone: those of any of its versions). Computed once per
 * engine and version: every database of a profile asks for the same few.
 */
export function rdsInstanceClasses(engine: string, version: string): readonly string[] {
  const key = `${engine}\u0000${version}`;
  let classes = INSTANCE_CLASSES.get(key);
  if (classes === undefined) INSTANCE_CLASSES.set(key, classes = Object.freeze(instanceClassesOf(engine, version)));
  return classes;
}
const INSTANCE_CLASSES = new Map<string, readonly string[]>();

function instanceClassesOf(engine: string, version: string): string[] {
  const entry = RDS_ENGINE_CATALOG.engines[engine];
  if (!entry) return [];
  const versions = entry.versions[version] ? [version] : Object.keys(entry.versions).filter((v) => entry.versions[v].major === version);
  const classes = new Set<string>();
  for (const group of entry.orderable) {
    if (group.versions.some((v) => versions.includes(v))) group.classes.forEach((c) => classes.add(c));
  }
  return [...classes];
}

/** Whether the catalog tracks a class: its family is tracked and its size is not larger than the tracked ones. */
function inClassScope(instanceClass: string): boolean {
  const parts = instanceClassParts(instanceClass);
  const scope = RDS_ENGINE_CATALOG.classScope;
  if (!parts || !scope.families.includes(parts.family)) return false;
  const rank = sizeRank(parts.size);
  const wellKnownSize = rank < 1000 || /^metal(-\d+xl)?$/.test(parts.size);
  return !wellKnownSize || rank <= sizeRank(scope.maxSize);
}

/**
 * Checks an RDS `dbInstanceClass` for an engine version (or major): orderable according to the catalog. Classes
 * outside the catalog's scope (other families, larger sizes) pass; versions the catalog does not know are left to
 * `checkRdsEngineVersion`.
 */
export function checkRdsInstanceClass(where: Where, engine: string, version: string, instanceClass: string): void {
  engineEntry(where, engine);
  const classes = rdsInstanceClasses(engine, version);
  const wellFormed = instanceClassParts(instanceClass) !== undefined;
  if (wellFormed && (classes.length === 0 || classes.includes(instanceClass) || !inClassScope(instanceClass))) return;
  invalid(where, {
    prop: 'RDS DB instance class',
    value: instanceClass,
    allowed: `on AWS RDS, a class orderable for ${engine} ${version} (${snapshotOf(RDS_ENGINE_CATALOG.snapshot.date)}): ${abbreviate(classes, 16)}`,
    fix: `${didYouMean(nearestInstanceClasses(instanceClass, classes, 3))} ${REFRESH}`.trim(),
  });
}

/** The widest allocated storage range (GiB) RDS offers for an engine and storage type; undefined when unknown. */
export function rdsStorageRange(engine: string, storageType: string): StorageRange | undefined {
  return RDS_ENGINE_CATALOG.engines[engine]?.storage[storageType];
}

/** Checks allocated storage (whole GiB) against the widest range RDS offers for the engine and storage type. */
export function checkRdsStorage(where: Where, engine: string, storageType: string, gib: number): void {
  const entry = engineEntry(where, engine);
  const range = entry.storage[storageType];
  if (!range) {
    const types = Object.keys(entry.storage);
    invalid(where, {
      prop: 'RDS storage type',
      value: storageType,
      allowed: `on AWS RDS, a storage type of ${engine}: ${types.join(', ')}`,
      fix: didYouMean(closest(storageType, types, 1)) || `use ${types.join(' or ')}`,
    });
  }
  if (Number.isInteger(gib) && gib >= range.min && gib <= range.max) return;
  const nearest = Math.min(range.max, Math.max(range.min, Math.ceil(Number.isFinite(gib) ? gib : range.min)));
  invalid(where, {
    prop: 'storage',
    value: `${gib} GiB`,
    allowed: `on AWS RDS ${engine} with ${storageType} storage, a whole number of GiB from ${range.min} to ${range.max}`,
    fix: `did you mean Size.gibibytes(${nearest})?`,
  });
}

/** Checks the backup retention period in days (0 turns automated backups off). */
export function checkRdsBackupRetention(where: Where, days: number): void {
  const r = RDS_BACKUP_RETENTION_DAYS;
  if (Number.isInteger(days) && days >= r.min && days <= r.max) return;
  const nearest = Math.min(r.max, Math.max(r.min, Math.round(Number.isFinite(days) ? days : r.max)));
  invalid(where, {
    prop: 'backup retention',
    value: `${days} days`,
    allowed: `on AWS RDS, ${r.min} (no automated backups) to ${r.max} whole days`,
    fix: `did you mean Duration.days(${nearest})?`,
  });
}

/** Checks a DB instance identifier. */
export function checkRdsIdentifier(where: Where, identifier: string): void {
  if (typeof identifier === 'string' && RDS_IDENTIFIER.test(identifier)) return;
  const fixed = String(identifier).toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 63);
  invalid(where, {
    prop: 'RDS DB instance identifier',
    value: identifier,
    allowed: 'on AWS RDS, 1 to 63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen',
    fix: fixed ? `did you mean "${fixed}"? (shorten the name or the profile's namePrefix)` : 'use a name that starts with a letter',
  });
}

/** The parameter names of a family in the catalog, sorted. */
export function rdsParameterNames(family: string): string[] {
  return Object.keys(RDS_PARAMETER_CATALOG.families[family] ?? {});
}

/**
 * Checks one DB parameter of a parameter group family: a modifiable parameter of the family with a value of its
 * type and allowed values. While the catalog is a partial snapshot, unknown names are rejected only when they
 * are a near miss (at most 2 edits) of a known one.
 */
export function checkRdsParameter(where: Where, family: string, name: string, value: string | number | boolean): void {
  const families = Object.keys(RDS_PARAMETER_CATALOG.families);
  const params = RDS_PARAMETER_CATALOG.families[family];
  const date = RDS_PARAMETER_CATALOG.snapshot.date;
  if (!params) {
    invalid(where, {
      prop: 'RDS parameter group family',
      value: family,
      allowed: `a family of the ${snapshotOf(date)}: ${families.join(', ')}`,
      fix: didYouMean(closest(family, families, 1)) || `use one of ${families.join(', ')}`,
    });
  }
  const entry = params[name];
  if (!entry) {
    const names = Object.keys(params);
    const engine = family.replace(/[\d.]+$/, '');
    const elsewhere = families.filter((f) => f !== family && f.replace(/[\d.]+$/, '') === engine && RDS_PARAMETER_CATALOG.families[f][name]);
    const near = closest(name, names, 3).filter((n) => editDistance(n.toLowerCase(), name.toLowerCase()) <= 2);
    const complete = RDS_PARAMETER_CATALOG.snapshot.complete;
    if (!complete && near.length === 0 && elsewhere.length === 0) return;
    const suggestions = near.length > 0 ? near : closest(name, names, 3);
    invalid(where, {
      prop: 'RDS parameter',
      value: name,
      allowed: elsewhere.length > 0
        ? `on AWS RDS, a modifiable parameter of ${family}: ${name} is a parameter of ${elsewhere.join(', ')} only`
        : `on AWS RDS, a modifiable parameter of ${family} (${snapshotOf(date)}${complete ? '' : ', a partial list'})`,
      fix: `${didYouMean(suggestions)} ${complete || elsewhere.length > 0 ? '' : `If ${name} is a real RDS parameter, a newer release of cdk8s-portable-data may list it (the catalog is a snapshot shipped in the package)`}`.trim(),
    });
  }
  const problem = rdsValueProblem(entry, String(value));
  if (!problem) return;
  invalid(where, {
    prop: `RDS parameter ${name}`,
    value: String(value),
    allowed: `on AWS RDS ${family}, ${problem.allowed}`,
    fix: didYouMean(problem.suggestions) || `set a value RDS accepts for ${name}`,
  });
}
