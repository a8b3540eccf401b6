import { existsSync } from 'fs';
import { Finding } from './findings';
import { findDatabases, readManifests } from './manifests';
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
 * check for their provider.
 */
export async function runPreflight(options: PreflightOptions): Promise<Finding[]> {
  const profile = options.profile ?? 'all';
  if (!['aws', 'gcp', 'all'].includes(profile)) throw new Error(`unknown --profile ${profile}: use aws, gcp or all`);
  if (!existsSync(options.dir)) throw new Error(`no manifests in ${options.dir}: synthesize first (cdk8s synth) or pass --dir <output directory>`);
  const { rds, cloudSql } = findDatabases(readManifests(options.dir));
  const findings: Finding[] = [];
  if (profile !== 'gcp' && rds.length > 0) findings.push(...await preflightRds(rds, options.aws));
  if (profile !== 'aws' && cloudSql.length > 0) findings.push(...await preflightCloudSql(cloudSql, options.gcp));
  if (rds.length + cloudSql.length === 0 || (profile === 'aws' && rds.length === 0) || (profile === 'gcp' && cloudSql.length === 0)) {
    findings.push({ severity: 'warning', provider: profile, resource: options.dir, message: `no ${profile === 'all' ? 'DBInstance or SQLInstance' : profile === 'aws' ? 'ACK DBInstance' : 'Config Connector SQLInstance'} in the manifests` });
  }
  return findings;
}
