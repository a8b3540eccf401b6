import { Construct } from 'constructs';
import { PROVIDER_LABEL } from './api';
import { DatabaseClaimParameters } from './claim';
import { RDS_CUSTOM_CLASSES, RDS_ENGINES, RDS_NAMED_CLASSES } from './composition-aws';
import { CLOUD_SQL_NAMED_TIERS } from './composition-gcp';
import { invalid } from '../../private/errors';
import { engineCatalog } from '../../services/database/catalog';
import { checkRdsBackupRetention, checkRdsEngineVersion, checkRdsIdentifier, checkRdsInstanceClass, checkRdsStorage } from '../aws/catalog/checks';
import { checkCloudSqlBackupRetention, checkCloudSqlDatabaseVersion, checkCloudSqlStorage, checkCloudSqlTier } from '../gcp/catalog/checks';
import { CLOUD_SQL_BACKUPS } from '../gcp/catalog/rules';

/** What the AWS Composition sets that the checks need: gp3 storage. */
const RDS_STORAGE_TYPE = 'gp3';
/** The edition of the GCP Composition's instances. */
const CLOUD_SQL_EDITION = 'ENTERPRISE';

/** The catalog checks of one Composition, on the claim's parameters; throws the first problem. */
type CompositionChecks = (where: string, p: DatabaseClaimParameters) => void;

/**
 * The claim as the AWS Composition maps it (see `awsComposedResources`), checked against the RDS catalog: the
 * engine version (the pinned one, or the major), the instance class (named sizes' classes; custom sizes must match
 * one of the classes the Composition maps exactly), gp3 storage, backup retention (0 when disabled) and the DB
 * instance identifier.
 */
const AWS_CHECKS: CompositionChecks = (where, p) => {
  const engine = RDS_ENGINES[p.engine];
  const version = p.engineVersion ?? p.majorVersion;
  checkRdsEngineVersion(where, engine, version);
  checkRdsInstanceClass(where, engine, version, rdsClassOf(where, p));
  checkRdsStorage(where, engine, RDS_STORAGE_TYPE, p.storageGB);
  checkRdsBackupRetention(where, p.backup.enabled ? p.backup.retentionDays! : 0);
  checkRdsIdentifier(where, p.identifier);
};

/**
 * The claim as the GCP Composition maps it (see `gcpComposedResources`), checked against the Cloud SQL catalog:
 * `databaseVersion` (the major: Cloud SQL ignores `engineVersion`), the tier on the Enterprise edition, the disk
 * size and the backups kept with their transaction logs (capped at 7 days). The instance ID needs no check beyond
 * the XRD's (a DNS label of at most 63 characters always fits Cloud SQL's 98-character `<project>:<instance>` with
 * a project ID of at most 30).
 */
const GCP_CHECKS: CompositionChecks = (where, p) => {
  const databaseVersion = engineCatalog(p.engine)[p.majorVersion].cloudSql;
  checkCloudSqlDatabaseVersion(where, databaseVersion);
  const tier = p.instanceSize === 'custom' ? `db-custom-${p.cpu}-${p.memoryMiB}` : CLOUD_SQL_NAMED_TIERS[p.instanceSize];
  checkCloudSqlTier(where, databaseVersion, tier, CLOUD_SQL_EDITION);
  checkCloudSqlStorage(where, p.storageGB);
  if (p.backup.enabled) {
    const days = p.backup.retentionDays!;
    checkCloudSqlBackupRetention(where, days, Math.min(days, CLOUD_SQL_BACKUPS.transactionLogDays[CLOUD_SQL_EDITION].max), CLOUD_SQL_EDITION);
  }
};

/** The checks of each Composition of `CrossplanePlatform`, by the value of its `provider` label. */
const COMPOSITIONS: { [provider: string]: CompositionChecks } = { aws: AWS_CHECKS, gcp: GCP_CHECKS };

/** The RDS class the AWS Composition gives the claim's size; fails for a custom size it has no class for. */
function rdsClassOf(where: string, p: DatabaseClaimParameters): string {
  if (p.instanceSize !== 'custom') return RDS_NAMED_CLASSES[p.instanceSize];
  const cls = RDS_CUSTOM_CLASSES[`${p.cpu}-${p.memoryMiB}`];
  if (cls) return cls;
  const shapes = Object.keys(RDS_CUSTOM_CLASSES).map((k) => k.split('-').map(Number));
  const distance = ([cpu, mib]: number[]) => Math.abs(Math.log2(cpu / p.cpu!)) + Math.abs(Math.log2(mib / p.memoryMiB!));
  const nearest = [...shapes].sort((a, b) => distance(a) - distance(b)).slice(0, 3);
  return invalid(where, {
    prop: 'instanceSize',
    value: `custom(${p.cpu} vCPU, ${p.memoryMiB} MiB)`,
    allowed: 'on AWS RDS through the Crossplane AWS Composition, a custom size with the vCPUs and memory of a class it maps; nearest: '
      + nearest.map(([cpu, mib]) => `${RDS_CUSTOM_CLASSES[`${cpu}-${mib}`]} (${cpu} vCPU, ${mib} MiB)`).join(', '),
    fix: `use InstanceSize.custom({ cpu: ${nearest[0][0]}, memory: Size.mebibytes(${nearest[0][1]}) }) or InstanceSize.SMALL, MEDIUM or LARGE`,
  });
}

function failure(check: () => void): Error | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/**
 * Synth-time catalog checks of a claim. The claim goes to whichever Composition its selector matches, which the
 * backend cannot see; it relies on the `provider` label that `CrossplanePlatform` puts on its Compositions:
 *
 * - `compositionSelector` with `provider: aws` or `provider: gcp`: the claim is checked as that Composition maps it
 *   (RDS or Cloud SQL catalog), and fails on what that cloud would reject.
 * - any other selector: the claim fails only when both Compositions would reject it (e.g. a custom size that is
 *   neither an RDS class the AWS Composition maps nor a valid Cloud SQL custom machine); what only one cloud
 *   rejects is left to the Composition (it fails the composite resource) and the preflight.
 */
export function checkClaimAgainstCatalogs(scope: Construct, selector: { [key: string]: string }, p: DatabaseClaimParameters): void {
  const provider = selector[PROVIDER_LABEL];
  const known = COMPOSITIONS[provider];
  if (known) {
    known(compositionWhere(scope, provider), p);
    return;
  }
  const failures = Object.entries(COMPOSITIONS).map(([name, checks]) => {
    const where = compositionWhere(scope, name);
    const error = failure(() => checks(where, p));
    return error && `${where}: ${error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message}`;
  });
  if (failures.every((f) => f !== undefined)) {
    throw new Error(`${scope.node.path}: no Composition of CrossplanePlatform can serve the claim (its compositionSelector names no provider, and every one rejects it): ${failures.join(' | ')}`);
  }
}

/** Where a Composition's check failed, for messages: the construct path and the Composition. */
function compositionWhere(scope: Construct, provider: string): string {
  return `${scope.node.path} (Crossplane Composition ${PROVIDER_LABEL}: ${provider})`;
}

