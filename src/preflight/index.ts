import { Finding } from './findings';
import { findDatabases, readManifestDir } from './manifests';
import { preflightRds, RdsPreflightOptions } from '../environments/aws/preflight';
import { CloudSqlPreflightOptions, preflightCloudSql } from '../environments/gcp/preflight';

export { formatFindings } from './findings';
export type { Finding, Severity } from './findings';

/** Options of `runPreflight`. */
export interface PreflightOptions {
  /** Directory of synthesized manifests (YAML). */
  readonly dir: string;
  /**
   * Which providers to check: `aws`, `gcp` or `all`.
   * @default 'all'
   */
  readonly profile?: string;
  /** RDS options (region, injected source). */
  readonly aws?: RdsPreflightOptions;
  /** Cloud SQL options (project, injected source). */
  readonly gcp?: CloudSqlPreflightOptions;
}

/**
 * The opt-in live preflight: reads the synthesized manifests and checks their databases against the live
 * accounts with the same SDK code as the catalog refresh. The SDKs are loaded only when there is something to
 * check for their provider. Throws (never returns an empty "ok") when the folder is missing or holds no manifest,
 * when there is no database to check for the profile, and when a check cannot run (SDK missing, no or refused
 * credentials).
 */
export async function runPreflight(options: PreflightOptions): Promise<Finding[]> {
  const profile = options.profile ?? 'all';
  if (!['aws', 'gcp', 'all'].includes(profile)) throw new Error(`unknown --profile ${profile}: use aws, gcp or all`);
  const { rds, cloudSql } = findDatabases(readManifestDir(options.dir));
  const toCheck = (profile === 'gcp' ? 0 : rds.length) + (profile === 'aws' ? 0 : cloudSql.length);
  if (toCheck === 0) {
    const wanted = { aws: 'no ACK DBInstance', gcp: 'no Config Connector SQLInstance', all: 'no ACK DBInstance and no Config Connector SQLInstance' }[profile];
    throw new Error(`nothing to check: the manifests in ${options.dir} hold ${wanted}; synthesize with `
      + `${{ aws: 'an AWS', gcp: 'a GCP', all: 'an AWS or a GCP' }[profile]} profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)`);
  }
  const findings: Finding[] = [];
  if (profile !== 'gcp' && rds.length > 0) findings.push(...await preflightRds(rds, options.aws));
  if (profile !== 'aws' && cloudSql.length > 0) findings.push(...await preflightCloudSql(cloudSql, options.gcp));
  return findings;
}
