import { CLOUD_SQL_CATALOG } from './data/cloud-sql';
import { CLOUD_SQL_FLAG_CATALOG } from './data/cloud-sql-flags';
import {
  CLOUD_SQL_BACKUPS, CLOUD_SQL_INSTANCE_ID, CLOUD_SQL_MAX_CONNECTION_NAME, CLOUD_SQL_STORAGE_GB,
  customTierProblem, nearestCustomTier, parseCustomTier,
} from './rules';
import { CloudSqlFlagEntry } from './types';
import { cloudSqlFlagValueProblem } from './values';
import { Where } from '../../../private/catalog';
import { abbreviate, closest, compareNatural, didYouMean, editDistance } from '../../../private/closest';
import { invalid } from '../../../private/errors';

/** What a user can do about a name the catalog snapshot does not list (it ships in the package; only a release updates it). */
const REFRESH = 'If Cloud SQL offers it, check it live with `npx cdk8s-portable-data preflight --profile gcp`, or use a newer release of cdk8s-portable-data';
const VERSION_SYNTAX = /^(MYSQL|POSTGRES)_\d+(_\d+){0,2}$/;

/** Every tracked database version (all engines). */
export function cloudSqlDatabaseVersions(): string[] {
  return Object.values(CLOUD_SQL_CATALOG.databaseVersions).flat();
}

/** The tracked major of a database version (`MYSQL_8_0_41` → `MYSQL_8_0`), or undefined. */
export function cloudSqlMajorVersion(databaseVersion: string): string | undefined {
  return cloudSqlDatabaseVersions().find((v) => databaseVersion === v || databaseVersion.startsWith(`${v}_`));
}

/**
 * Checks a Cloud SQL `databaseVersion`: a tracked major (or a minor-pinned form of it, `MYSQL_8_0_41`).
 * Well-formed versions of majors the catalog does not track pass (the preflight checks them live).
 */
export function checkCloudSqlDatabaseVersion(where: Where, databaseVersion: string): void {
  const known = cloudSqlDatabaseVersions();
  if (cloudSqlMajorVersion(databaseVersion)) return;
  const m = VERSION_SYNTAX.exec(databaseVersion);
  const sameEngine = m ? known.filter((v) => v.startsWith(`${m[1]}_`)) : known;
  const trackedPrefix = m && sameEngine.some((v) => databaseVersion.startsWith(v.split('_').slice(0, 2).join('_')));
  if (m && !trackedPrefix) return;
  invalid(where, {
    prop: 'Cloud SQL databaseVersion',
    value: databaseVersion,
    allowed: `on Cloud SQL, a database version of the catalog snapshot ${CLOUD_SQL_CATALOG.snapshot.date}: ${known.join(', ')}`,
    fix: `${didYouMean(closest(databaseVersion, sameEngine.length > 0 ? sameEngine : known, 2))} ${REFRESH}`.trim(),
  });
}

/** Predefined tier names, sorted. */
export function cloudSqlTiers(): string[] {
  return Object.keys(CLOUD_SQL_CATALOG.tiers).sort(compareNatural);
}

/** The edition a predefined tier belongs to: performance/memory-optimized machines are Enterprise Plus only. */
export function cloudSqlTierEdition(tier: string): string {
  return /^db-(perf|memory)-optimized-/.test(tier) ? 'ENTERPRISE_PLUS' : 'ENTERPRISE';
}

/**
 * Checks a Cloud SQL `settings.tier` for a database version and edition: a valid custom machine
 * (`db-custom-<cpu>-<MiB>`, Enterprise edition) or a predefined tier of the catalog for that edition.
 */
export function checkCloudSqlTier(where: Where, databaseVersion: string, tier: string, edition: string = 'ENTERPRISE'): void {
  checkCloudSqlDatabaseVersion(where, databaseVersion);
  const custom = parseCustomTier(tier);
  if (custom) {
    const problem = customTierProblem(custom);
    if (!problem && edition === 'ENTERPRISE') return;
    const near = nearestCustomTier(custom);
    invalid(where, {
      prop: 'Cloud SQL tier',
      value: tier,
      allowed: problem
        ? `on Cloud SQL ${databaseVersion}, a custom machine with 1 or an even number of vCPUs up to 96 and memory a multiple of 256 MiB, 0.9 to 6.5 GiB per vCPU, at least 3840 MiB (${problem})`
        : `custom machines on the ENTERPRISE edition only (the instance is ${edition})`,
      fix: problem ? `did you mean "db-custom-${near.cpu}-${near.mib}"?` : 'use the ENTERPRISE edition, or a db-perf-optimized-N-* tier on ENTERPRISE_PLUS',
    });
  }
  const tiers = cloudSqlTiers();
  if (CLOUD_SQL_CATALOG.tiers[tier] && cloudSqlTierEdition(tier) === edition) return;
  const forEdition = tiers.filter((t) => cloudSqlTierEdition(t) === edition);
  invalid(where, {
    prop: 'Cloud SQL tier',
    value: tier,
    allowed: `on Cloud SQL ${databaseVersion} (${edition}), a custom machine db-custom-<vCPUs>-<MiB>`
      + `${forEdition.length > 0 ? ` or a predefined tier: ${abbreviate(forEdition, 10)}` : ''}`,
    fix: `${didYouMean(closest(tier, forEdition.length > 0 ? forEdition : tiers, 2))} ${REFRESH}`.trim(),
  });
}

/** The flags of the catalog that apply to a database version (resolved to its tracked major). */
export function cloudSqlFlags(databaseVersion: string): CloudSqlFlagEntry[] {
  const major = cloudSqlMajorVersion(databaseVersion) ?? databaseVersion;
  return CLOUD_SQL_FLAG_CATALOG.flags.filter((f) => f.appliesTo.includes(major));
}

/**
 * Checks one database flag for a database version: a flag that applies to the version, with a value of its type
 * and range (booleans are `on`/`off`). While the catalog is partial, unknown names are rejected only when they are
 * a near miss of a known flag or a flag of another version.
 */
export function checkCloudSqlFlag(where: Where, databaseVersion: string, name: string, value: string | number | boolean | undefined): void {
  checkCloudSqlDatabaseVersion(where, databaseVersion);
  const flags = cloudSqlFlags(databaseVersion);
  const flag = flags.find((f) => f.name === name);
  const snapshot = CLOUD_SQL_FLAG_CATALOG.snapshot;
  if (!flag) {
    const names = flags.map((f) => f.name);
    const elsewhere = CLOUD_SQL_FLAG_CATALOG.flags.filter((f) => f.name === name).flatMap((f) => f.appliesTo);
    const near = closest(name, names, 3).filter((n) => editDistance(n.toLowerCase(), name.toLowerCase()) <= 2);
    if (!snapshot.complete && near.length === 0 && elsewhere.length === 0) return;
    invalid(where, {
      prop: 'Cloud SQL database flag',
      value: name,
      allowed: elsewhere.length > 0
        ? `on Cloud SQL ${databaseVersion}, flags of that version: ${name} applies to ${elsewhere.join(', ')} only`
        : `on Cloud SQL ${databaseVersion}, a supported flag (catalog snapshot ${snapshot.date}${snapshot.complete ? '' : ', a partial list'})`,
      fix: `${didYouMean(near.length > 0 ? near : closest(name, names, 3))} ${snapshot.complete || elsewhere.length > 0 ? '' : `If ${name} is a real Cloud SQL flag, check it live with \`npx cdk8s-portable-data preflight --profile gcp\`, or use a newer release of cdk8s-portable-data`}`.trim(),
    });
  }
  const problem = cloudSqlFlagValueProblem(flag, value === undefined ? undefined : String(value));
  if (!problem) return;
  invalid(where, {
    prop: `Cloud SQL flag ${name}`,
    value: value === undefined ? 'no value' : String(value),
    allowed: `on Cloud SQL ${databaseVersion}, ${problem.allowed}`,
    fix: didYouMean(problem.suggestions) || `set a value Cloud SQL accepts for ${name}`,
  });
}

/** Checks the disk size in GB. */
export function checkCloudSqlStorage(where: Where, gb: number): void {
  const r = CLOUD_SQL_STORAGE_GB;
  if (Number.isInteger(gb) && gb >= r.min && gb <= r.max) return;
  const nearest = Math.min(r.max, Math.max(r.min, Math.ceil(Number.isFinite(gb) ? gb : r.min)));
  invalid(where, {
    prop: 'storage',
    value: `${gb} GB`,
    allowed: `on Cloud SQL, a whole number of GB from ${r.min} to ${r.max}`,
    fix: `did you mean Size.gibibytes(${nearest})?`,
  });
}

/** Checks automated backup retention: retained backups and transaction log days for the edition. */
export function checkCloudSqlBackupRetention(where: Where, retainedBackups: number, transactionLogDays: number, edition: string = 'ENTERPRISE'): void {
  const backups = CLOUD_SQL_BACKUPS.retainedBackups;
  if (!Number.isInteger(retainedBackups) || retainedBackups < backups.min || retainedBackups > backups.max) {
    invalid(where, {
      prop: 'backup retention',
      value: `${retainedBackups} backups`,
      allowed: `on Cloud SQL, ${backups.min} to ${backups.max} retained daily backups`,
      fix: `did you mean Duration.days(${Math.min(backups.max, Math.max(backups.min, Math.round(retainedBackups) || backups.min))})?`,
    });
  }
  const logs = CLOUD_SQL_BACKUPS.transactionLogDays[edition] ?? CLOUD_SQL_BACKUPS.transactionLogDays.ENTERPRISE;
  if (!Number.isInteger(transactionLogDays) || transactionLogDays < logs.min || transactionLogDays > logs.max) {
    invalid(where, {
      prop: 'transaction log retention',
      value: `${transactionLogDays} days`,
      allowed: `on Cloud SQL ${edition}, ${logs.min} to ${logs.max} days`,
      fix: `did you mean ${Math.min(logs.max, Math.max(logs.min, Math.round(transactionLogDays) || logs.min))} days?`,
    });
  }
}

/** Checks a Cloud SQL instance ID (with its project: `<project>:<instance>` is at most 98 characters). */
export function checkCloudSqlInstanceId(where: Where, projectId: string, instanceId: string): void {
  const max = CLOUD_SQL_MAX_CONNECTION_NAME - projectId.length - 1;
  if (CLOUD_SQL_INSTANCE_ID.test(instanceId) && instanceId.length <= max) return;
  const fixed = instanceId.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^[^a-z]+/, '').slice(0, max);
  invalid(where, {
    prop: 'Cloud SQL instance ID',
    value: instanceId,
    allowed: `on Cloud SQL, lower-case letters, digits and hyphens starting with a letter, at most ${max} characters in project ${projectId}`,
    fix: fixed ? `did you mean "${fixed}"?` : 'use an ID that starts with a letter',
  });
}
