import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object read from a synthesized manifest. */
export interface ManifestObject {
  /** File it came from, relative to the directory read. */
  readonly file: string;
  /** The object. */
  readonly object: {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: string; namespace?: string; labels?: { [k: string]: string }; annotations?: { [k: string]: string } };
    spec?: any;
  };
}

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

const ACK_RDS = /^rds\.services\.k8s\.aws\//;
const KCC_SQL = /^sql\.cnrm\.cloud\.google\.com\//;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every object of every YAML file under `dir` (multi-document files included), in file order. */
export function readManifests(dir: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const path of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
      const object = doc.toJS();
      if (object && typeof object === 'object') out.push({ file: relative(dir, path), object });
    }
  }
  return out;
}

/**
 * Every object of the synthesized manifests in `dir`; fails when the folder does not exist, is not a folder, or
 * holds no Kubernetes object (a wrong `--dir` or a synth that did not run must never pass as "nothing to do").
 */
export function readManifestDir(dir: string): ManifestObject[] {
  const fix = 'synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>';
  if (!existsSync(dir)) throw new Error(`no folder ${dir}: ${fix}`);
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder: pass --dir <the synth output folder>`);
  const objects = readManifests(dir);
  if (objects.length === 0) throw new Error(`no manifests in ${dir}: it holds no YAML file with a Kubernetes object; ${fix}`);
  return objects;
}

/** The ACK DBInstances and Config Connector SQLInstances among the objects. */
export function findDatabases(objects: ManifestObject[]): { rds: RdsInstanceManifest[]; cloudSql: CloudSqlInstanceManifest[] } {
  const rds: RdsInstanceManifest[] = [];
  const cloudSql: CloudSqlInstanceManifest[] = [];
  for (const { file, object: o } of objects) {
    const resource = `${o.kind}/${o.metadata?.name} (${file})`;
    const annotations = o.metadata?.annotations ?? {};
    if (o.kind === 'DBInstance' && ACK_RDS.test(o.apiVersion ?? '')) {
      rds.push({
        resource,
        region: annotations['services.k8s.aws/region'],
        namespace: o.metadata?.namespace,
        identifier: o.spec?.dbInstanceIdentifier,
        engine: o.spec?.engine,
        engineVersion: String(o.spec?.engineVersion ?? ''),
        instanceClass: o.spec?.dbInstanceClass,
        allocatedStorage: o.spec?.allocatedStorage,
        storageType: o.spec?.storageType,
      });
    } else if (o.kind === 'SQLInstance' && KCC_SQL.test(o.apiVersion ?? '')) {
      cloudSql.push({
        resource,
        project: annotations['cnrm.cloud.google.com/project-id'],
        region: o.spec?.region,
        instanceId: o.spec?.resourceID ?? o.metadata?.name,
        databaseVersion: o.spec?.databaseVersion,
        tier: o.spec?.settings?.tier,
        edition: o.spec?.settings?.edition ?? 'ENTERPRISE',
        flags: (o.spec?.settings?.databaseFlags ?? []).map((f: { name: string; value?: unknown }) => ({
          name: f.name,
          value: f.value === undefined ? undefined : String(f.value),
        })),
      });
    }
  }
  return { rds, cloudSql };
}
