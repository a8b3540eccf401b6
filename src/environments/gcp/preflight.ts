import { customTierProblem, nearestCustomTier, parseCustomTier } from './catalog/rules';
import { CloudSqlFlagRecord, CloudSqlSource, CloudSqlTierRecord } from './catalog/source';
import { cloudSqlFlagValueProblem } from './catalog/values';
import type { EnvironmentPreflight } from '../../preflight/environment-preflight';
import type { Finding } from '../../preflight/findings';
import { ManifestObject, resourceOf } from '../../preflight/manifests';
import { closest, compareNatural, quoteList } from '../../private/closest';

/** A Config Connector `SQLInstance` as the preflight needs it. */
export interface CloudSqlInstanceManifest {
  /** `SQLInstance/<name>` and the file. */
  readonly resource: string;
  /** Project (the `cnrm.cloud.google.com/project-id` annotation). */
  readonly project?: string;
  /** `spec.region`. */
  readonly region?: string;
  /** `spec.resourceID` (or the object name). */
  readonly instanceId: string;
  /** `spec.databaseVersion`. */
  readonly databaseVersion: string;
  /** `spec.settings.tier`. */
  readonly tier: string;
  /** `spec.settings.edition` (default ENTERPRISE). */
  readonly edition: string;
  /** `spec.settings.databaseFlags`. */
  readonly flags: Array<{ name: string; value?: string }>;
}

/** Options of the Cloud SQL preflight. */
export interface CloudSqlPreflightOptions {
  /**
   * Project of SQLInstances without the `cnrm.cloud.google.com/project-id` annotation.
   * @default - none: such instances are reported
   */
  readonly project?: string;
  /**
   * The API source.
   * @default - a new `CloudSqlSource` (application default credentials)
   */
  readonly source?: CloudSqlSource;
}

const KCC_SQL = /^sql\.cnrm\.cloud\.google\.com\//;

/** The Config Connector SQLInstances among the objects. */
export function findCloudSqlInstances(objects: ManifestObject[]): CloudSqlInstanceManifest[] {
  return objects.filter(({ object: o }) => o.kind === 'SQLInstance' && KCC_SQL.test(o.apiVersion ?? '')).map((m) => {
    const o = m.object;
    return {
      resource: resourceOf(m),
      project: o.metadata?.annotations?.['cnrm.cloud.google.com/project-id'],
      region: o.spec?.region,
      instanceId: o.spec?.resourceID ?? o.metadata?.name,
      databaseVersion: o.spec?.databaseVersion,
      tier: o.spec?.settings?.tier,
      edition: o.spec?.settings?.edition ?? 'ENTERPRISE',
      flags: (o.spec?.settings?.databaseFlags ?? []).map((f: { name: string; value?: unknown }) => ({
        name: f.name,
        value: f.value === undefined ? undefined : String(f.value),
      })),
    };
  });
}

/**
 * Checks every Config Connector SQLInstance against the live API: the database version exists, the tier is a
 * valid custom machine or a tier the project can use in the region (`tiers.list`, called for every project, so the
 * credentials are always exercised), and every database flag exists for the version with a valid value
 * (`flags.list`).
 */
export async function preflightCloudSql(instances: CloudSqlInstanceManifest[], options: CloudSqlPreflightOptions = {}): Promise<Finding[]> {
  const source = options.source ?? new CloudSqlSource();
  const tiersByProject = new Map<string, CloudSqlTierRecord[]>();
  const flagsByVersion = new Map<string, CloudSqlFlagRecord[]>();
  const findings: Finding[] = [];
  for (const db of instances) {
    const add = (severity: Finding['severity'], message: string) => findings.push({ severity, provider: 'gcp', resource: db.resource, message });
    const before = findings.length;
    const project = db.project ?? options.project;
    if (!project) {
      add('error', 'no project: annotate the SQLInstance with cnrm.cloud.google.com/project-id or pass --project');
      continue;
    }
    const versions = source.databaseVersions();
    // Always one authenticated call per project (tiers.list), even when every check below is local (a custom
    // tier and no flags): missing or refused credentials fail the run instead of passing unchecked.
    if (!tiersByProject.has(project)) tiersByProject.set(project, await source.tiers(project));
    if (!versions.includes(db.databaseVersion)) {
      add('error', `database version ${db.databaseVersion} does not exist; did you mean ${quoteList(closest(db.databaseVersion, versions, 2))}?`);
      continue;
    }

    const custom = parseCustomTier(db.tier);
    if (custom) {
      const problem = customTierProblem(custom);
      if (problem) {
        const near = nearestCustomTier(custom);
        add('error', `tier ${db.tier}: ${problem}; did you mean "db-custom-${near.cpu}-${near.mib}"?`);
      } else if (db.edition !== 'ENTERPRISE') {
        add('error', `tier ${db.tier}: custom machines need the ENTERPRISE edition (the instance is ${db.edition})`);
      }
    } else {
      const tiers = tiersByProject.get(project)!;
      const tier = tiers.find((t) => t.tier === db.tier);
      const inRegion = tiers.filter((t) => t.regions.length === 0 || !db.region || t.regions.includes(db.region))
        .map((t) => t.tier).sort(compareNatural);
      if (!tier || (db.region && tier.regions.length > 0 && !tier.regions.includes(db.region))) {
        add('error', `tier ${db.tier} is not available to project ${project}${db.region ? ` in ${db.region}` : ''}; `
          + `did you mean ${quoteList(closest(db.tier, inRegion, 3))}?`);
      }
    }

    if (db.flags.length > 0) {
      if (!flagsByVersion.has(db.databaseVersion)) flagsByVersion.set(db.databaseVersion, await source.flags(db.databaseVersion));
      const flags = flagsByVersion.get(db.databaseVersion)!.filter((f) => f.appliesTo.length === 0 || f.appliesTo.includes(db.databaseVersion));
      for (const f of db.flags) {
        const live = flags.find((x) => x.name === f.name);
        if (!live) {
          add('error', `database flag ${f.name} does not exist for ${db.databaseVersion}; did you mean ${quoteList(closest(f.name, flags.map((x) => x.name), 3))}?`);
          continue;
        }
        const problem = cloudSqlFlagValueProblem({
          name: live.name,
          type: live.type,
          appliesTo: live.appliesTo,
          min: live.minValue,
          max: live.maxValue,
          allowedStrings: live.allowedStringValues,
          allowedInts: live.allowedIntValues,
        }, f.value);
        if (problem) {
          add('error', `database flag ${f.name}=${f.value ?? ''}: ${problem.allowed}${problem.suggestions.length > 0 ? `; did you mean ${quoteList(problem.suggestions)}?` : ''}`);
        }
      }
    }
    if (findings.length === before) add('info', `${db.databaseVersion} on ${db.tier}${db.flags.length > 0 ? ` with ${db.flags.length} flags` : ''} checks out for project ${project}`);
  }
  return findings;
}

/** The preflight of the GCP environment: the Config Connector SQLInstances against the Cloud SQL Admin API. */
export const CLOUD_SQL_PREFLIGHT: EnvironmentPreflight<CloudSqlInstanceManifest, CloudSqlPreflightOptions> = {
  describe: 'Config Connector SQLInstance',
  profiles: 'a GCP',
  api: 'Cloud SQL',
  sdks: ['@google-cloud/sql'],
  flags: [{ flags: '--project <project>', description: 'GCP project of SQLInstances without the cnrm.cloud.google.com/project-id annotation' }],
  find: findCloudSqlInstances,
  run: preflightCloudSql,
};
