import { RdsSource } from './catalog/source';
import type { EnvironmentPreflight } from '../../preflight/environment-preflight';
import type { Finding } from '../../preflight/findings';
import { ManifestObject, resourceOf } from '../../preflight/manifests';
import { compareVersions, nearestInstanceClasses, nearestVersions, quoteList } from '../../private/closest';

/** An ACK `DBInstance` as the preflight needs it. */
export interface RdsInstanceManifest {
  /** `DBInstance/<name>` and the file. */
  readonly resource: string;
  /** Region (the `services.k8s.aws/region` annotation). */
  readonly region?: string;
  /** Namespace of the object (ACK tags the instance with it). */
  readonly namespace?: string;
  /** `spec.dbInstanceIdentifier`. */
  readonly identifier: string;
  /** `spec.engine` (`mysql`, `postgres`). */
  readonly engine: string;
  /** `spec.engineVersion`: a full version or a major alone. */
  readonly engineVersion: string;
  /** `spec.dbInstanceClass`. */
  readonly instanceClass: string;
  /** `spec.allocatedStorage` in GiB. */
  readonly allocatedStorage?: number;
  /** `spec.storageType`. */
  readonly storageType?: string;
}

/** Options of the RDS preflight. */
export interface RdsPreflightOptions {
  /**
   * Region of DBInstances without the `services.k8s.aws/region` annotation.
   * @default - the SDK's (AWS_REGION)
   */
  readonly region?: string;
  /**
   * The API source of a region.
   * @default - a new `RdsSource` for the region
   */
  readonly sourceFor?: (region: string | undefined) => RdsSource;
}

const ACK_NAMESPACE_TAG = 'services.k8s.aws/namespace';
const ACK_RDS = /^rds\.services\.k8s\.aws\//;

/** The ACK DBInstances among the objects. */
export function findRdsInstances(objects: ManifestObject[]): RdsInstanceManifest[] {
  return objects.filter(({ object: o }) => o.kind === 'DBInstance' && ACK_RDS.test(o.apiVersion ?? '')).map((m) => {
    const o = m.object;
    return {
      resource: resourceOf(m),
      region: o.metadata?.annotations?.['services.k8s.aws/region'],
      namespace: o.metadata?.namespace,
      identifier: o.spec?.dbInstanceIdentifier,
      engine: o.spec?.engine,
      engineVersion: String(o.spec?.engineVersion ?? ''),
      instanceClass: o.spec?.dbInstanceClass,
      allocatedStorage: o.spec?.allocatedStorage,
      storageType: o.spec?.storageType,
    };
  });
}

function isMajorOnly(engine: string, version: string): boolean {
  return engine === 'postgres' ? /^\d+$/.test(version) : /^\d+\.\d+$/.test(version);
}

/**
 * Checks every ACK DBInstance against the live account: the engine version exists in the region, the class is
 * orderable for it (`DescribeOrderableDBInstanceOptions` for the exact engine, version and class) with the storage
 * type and size, and no other instance already has the identifier (`DescribeDBInstances`).
 */
export async function preflightRds(instances: RdsInstanceManifest[], options: RdsPreflightOptions = {}): Promise<Finding[]> {
  const sources = new Map<string, RdsSource>();
  const sourceOf = (region: string | undefined) => {
    const key = region ?? '';
    if (!sources.has(key)) sources.set(key, options.sourceFor ? options.sourceFor(region) : new RdsSource({ region }));
    return sources.get(key)!;
  };
  const findings: Finding[] = [];
  for (const db of instances) {
    const region = db.region ?? options.region;
    const where = region ?? 'the default region';
    const add = (severity: Finding['severity'], message: string) => findings.push({ severity, provider: 'aws', resource: db.resource, message });
    const source = sourceOf(region);

    // A major alone (`8.4`) is what RDS resolves to its default minor: DefaultOnly returns "the default version of the
    // specified engine or engine and major version combination" (RDS API, DescribeDBEngineVersions).
    const requested = await source.engineVersions(db.engine, { version: db.engineVersion, defaultOnly: isMajorOnly(db.engine, db.engineVersion) });
    const version = requested.map((v) => v.EngineVersion!).filter(Boolean).sort(compareVersions).pop();
    if (!version) {
      const all = (await source.engineVersions(db.engine)).map((v) => v.EngineVersion!).filter(Boolean);
      add('error', `${db.engine} ${db.engineVersion} is not available in ${where}; did you mean ${quoteList(nearestVersions(db.engineVersion, all, 3))}?`);
      continue;
    }

    const options1 = await source.orderableOptions(db.engine, version, db.instanceClass);
    if (options1.length === 0) {
      const classes = [...new Set((await source.orderableOptions(db.engine, version)).map((o) => o.DBInstanceClass!).filter(Boolean))];
      add('error', `${db.instanceClass} is not orderable for ${db.engine} ${version} in ${where}`
        + (classes.length > 0 ? `; did you mean ${quoteList(nearestInstanceClasses(db.instanceClass, classes, 3))}?` : ' (no class is)'));
    } else if (db.storageType) {
      const forType = options1.filter((o) => o.StorageType === db.storageType);
      if (forType.length === 0) {
        const types = [...new Set(options1.map((o) => o.StorageType!).filter(Boolean))].sort();
        add('error', `${db.instanceClass} with ${db.engine} ${version} in ${where} offers storage types ${types.join(', ')}, not ${db.storageType}`);
      } else if (db.allocatedStorage !== undefined) {
        const min = Math.min(...forType.map((o) => o.MinStorageSize ?? 0));
        const max = Math.max(...forType.map((o) => o.MaxStorageSize ?? Number.MAX_SAFE_INTEGER));
        if (db.allocatedStorage < min || db.allocatedStorage > max) {
          add('error', `allocated storage ${db.allocatedStorage} GiB is outside ${min} to ${max} GiB for ${db.storageType} on ${db.instanceClass} in ${where}`);
        }
      }
    }

    const existing = await source.dbInstances(db.identifier);
    if (existing.length > 0) {
      const namespace = existing[0].TagList?.find((t) => t.Key === ACK_NAMESPACE_TAG)?.Value;
      if (namespace !== undefined && namespace === db.namespace) {
        add('info', `${db.identifier} exists in ${where}, managed by ACK from namespace ${namespace}: the apply updates it`);
      } else {
        add('error', `a DB instance named ${db.identifier} already exists in ${where}${namespace ? ` (managed by ACK from namespace ${namespace})` : ''}: `
          + 'the apply would fail with DBInstanceAlreadyExists; change the service name or the profile\'s namePrefix, or adopt the instance');
      }
    }
    if (!findings.some((f) => f.resource === db.resource && f.severity === 'error')) {
      add('info', `${db.engine} ${version} on ${db.instanceClass} is orderable in ${where}`);
    }
  }
  return findings;
}

/** The preflight of the AWS environment: the ACK DBInstances against the RDS API. */
export const RDS_PREFLIGHT: EnvironmentPreflight<RdsInstanceManifest, RdsPreflightOptions> = {
  describe: 'ACK DBInstance',
  profiles: 'an AWS',
  api: 'RDS',
  sdks: ['@aws-sdk/client-rds'],
  flags: [{ flags: '--region <region>', description: 'AWS region of DBInstances without the services.k8s.aws/region annotation' }],
  find: findRdsInstances,
  run: preflightRds,
};
