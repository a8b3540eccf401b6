import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** Fields of the fixture DBInstance. */
export interface DbInstanceFixture {
  readonly name?: string;
  readonly engine?: string;
  readonly version?: string;
  readonly cls?: string;
  readonly storage?: number;
  readonly region?: string;
  readonly namespace?: string;
}

/** An ACK DBInstance as the aws-ack backend synthesizes it. */
export function dbInstanceYaml(o: DbInstanceFixture = {}): string {
  return `apiVersion: rds.services.k8s.aws/v1alpha1
kind: DBInstance
metadata:
  name: ${o.name ?? 'orders'}
  namespace: ${o.namespace ?? 'apps'}
  annotations:
    services.k8s.aws/region: ${o.region ?? 'eu-west-1'}
    services.k8s.aws/deletion-policy: retain
spec:
  dbInstanceIdentifier: ${o.name ?? 'orders'}
  engine: ${o.engine ?? 'mysql'}
  engineVersion: "${o.version ?? '8.4'}"
  dbInstanceClass: ${o.cls ?? 'db.m6g.large'}
  allocatedStorage: ${o.storage ?? 20}
  storageType: gp3
  storageEncrypted: true
  publiclyAccessible: false
`;
}

/** Fields of the fixture SQLInstance (`project: null` leaves the project annotation out). */
export interface SqlInstanceFixture {
  readonly name?: string;
  readonly version?: string;
  readonly tier?: string;
  readonly flags?: Array<[string, string]>;
  readonly project?: string | null;
}

/** A Config Connector SQLInstance as the gcp-kcc backend synthesizes it. */
export function sqlInstanceYaml(o: SqlInstanceFixture = {}): string {
  const flags = o.flags ?? [];
  return `apiVersion: sql.cnrm.cloud.google.com/v1beta1
kind: SQLInstance
metadata:
  name: ${o.name ?? 'orders'}
  namespace: apps
  annotations:
${o.project === null ? '    cnrm.cloud.google.com/deletion-policy: abandon' : `    cnrm.cloud.google.com/project-id: ${o.project ?? 'acme-prod-123'}`}
spec:
  resourceID: ${o.name ?? 'orders'}
  region: europe-west1
  databaseVersion: ${o.version ?? 'MYSQL_8_4'}
  settings:
    edition: ENTERPRISE
    tier: ${o.tier ?? 'db-custom-2-8192'}
${flags.length > 0 ? `    databaseFlags:\n${flags.map(([n, v]) => `      - name: ${n}\n        value: "${v}"`).join('\n')}\n` : ''}`;
}

/** A temp directory holding the given files. */
export function manifestsDir(files: { [name: string]: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
