import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import * as ts from 'typescript';
import {
  AwsProfile, Backup, DeletionPolicy, InClusterProfile, MySqlVersion, PortableMySQL, PortablePostgres, PostgresOperator, PostgresVersion, Profile,
} from '../../src';
import { MYSQL_IMAGE_TAGS, POSTGRES_IMAGE_TAGS } from '../../src/environments/in-cluster/catalog/engine-images';
import { PROFILES } from '../profiles.fixture';

/** Declares a database under a profile and synthesizes it; returns the images of its StatefulSets or Clusters. */
function images(profile: Profile | undefined, make: (chart: any) => unknown): string[] {
  const chart = Testing.chart();
  if (profile) Profile.use(chart, profile);
  make(chart);
  return Testing.synth(chart).flatMap((o: any) => [
    ...(o.kind === 'StatefulSet' ? o.spec.template.spec.containers.map((c: any) => c.image) : []),
    ...(o.kind === 'Cluster' ? [o.spec.imageName] : []),
  ]);
}
const mysql = (version: MySqlVersion) => (chart: any) => new PortableMySQL(chart, 'Db', { name: 'orders', version, backup: Backup.disabled() });
const postgres = (version: PostgresVersion) => (chart: any) => new PortablePostgres(chart, 'Db', { name: 'orders', version, backup: Backup.disabled() });
const CNPG = () => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN });

describe('a pin names one release, never a floating tag (every profile)', () => {
  test.each(Object.keys(PROFILES))('fails when MySqlVersion.of(\'8.4\', \'8.4\') under %s', (name) => {
    expect(() => images(PROFILES[name](), mysql(MySqlVersion.of('8.4', '8.4')))).toThrow(
      'test/Db: invalid version "8.4": allowed: a full mysql version of major 8.4, 3 numbers (e.g. 8.4.0): a pin names one release, never a floating tag. '
      + 'Fix: pin a release, e.g. of(\'8.4\', \'8.4.0\'), or leave the version unpinned (`npx cdk8s-portable-data plan` shows the version each profile deploys)');
  });

  test.each(Object.keys(PROFILES))('fails when PostgresVersion.of(\'16\', \'16\') or (\'16\', \'16.1.2\') under %s', (name) => {
    expect(() => images(PROFILES[name](), postgres(PostgresVersion.of('16', '16')))).toThrow(
      /test\/Db: invalid version "16": allowed: a full postgresql version of major 16, 2 numbers \(e\.g\. 16\.0\)/);
    expect(() => images(PROFILES[name](), postgres(PostgresVersion.of('16', '16.1.2')))).toThrow(/invalid version "16\.1\.2"/);
  });
});

describe('in-cluster, a pin is a tag of the image table', () => {
  test('a published tag of the major deploys that image', () => {
    expect(images(undefined, mysql(MySqlVersion.of('8.4', '8.4.6')))).toEqual(['docker.io/library/mysql:8.4.6']);
    expect(images(undefined, mysql(MySqlVersion.of('8.0', '8.0.11')))).toEqual(['docker.io/library/mysql:8.0.11']);
    expect(images(undefined, postgres(PostgresVersion.of('17', '17.0')))).toEqual(['docker.io/library/postgres:17.0']);
    expect(images(CNPG(), postgres(PostgresVersion.of('16', '16.10')))).toEqual(['ghcr.io/cloudnative-pg/postgresql:16.10-standard-trixie']);
  });

  test.each([
    ['15', '15.13', '15.14 … 15.15'],
    ['16', '16.9', '16.10 … 16.11'],
    ['17', '17.5', '17.6 … 17.7'],
  ])('fails when a CloudNativePG pin %s.x is older than the first standard-trixie operand image (%s)', (major, pin, range) => {
    // cloudnative-pg/postgres-containers builds `-standard-trixie` images since 2025-08-28 (15.14, 16.10, 17.6).
    expect(images(undefined, postgres(PostgresVersion.of(major, pin)))).toEqual([`docker.io/library/postgres:${pin}`]);
    expect(() => images(CNPG(), postgres(PostgresVersion.of(major, pin)))).toThrow(
      `test/Db: invalid version "${pin}": allowed: in-cluster, a tag of ghcr.io/cloudnative-pg/postgresql (<version>-standard-trixie) this release knows for PostgreSQL ${major}: ${range}.`);
  });

  test('fails when a MySQL pin is newer than the table, with the nearest tags', () => {
    expect(MYSQL_IMAGE_TAGS['8.4']).toBe('8.4.7');
    expect(() => images(undefined, mysql(MySqlVersion.of('8.4', '8.4.99')))).toThrow(
      'test/Db: invalid version "8.4.99": allowed: in-cluster, a tag of docker.io/library/mysql this release knows for MySQL 8.4: 8.4.0 … 8.4.7. '
      + 'Fix: did you mean "8.4.7" or "8.4.6"? Pin one of these tags, or leave the version unpinned (MySqlVersion.V8_4 deploys 8.4.7); '
      + 'a MySQL release newer than 8.4.7 needs a newer release of cdk8s-portable-data');
  });

  test('fails when a MySQL pin is older than the first release with an image', () => {
    expect(() => images(undefined, mysql(MySqlVersion.of('8.0', '8.0.4')))).toThrow(
      /invalid version "8\.0\.4": allowed: in-cluster, a tag of docker\.io\/library\/mysql this release knows for MySQL 8\.0: 8\.0\.11 … 8\.0\.44\. Fix: did you mean "8\.0\.11"/);
  });

  test('fails when a pin is of a major the image table does not have', () => {
    expect(() => images(undefined, mysql(MySqlVersion.of('9.1', '9.1.0')))).toThrow(
      'test/Db: invalid version "9.1.0": allowed: in-cluster, a MySQL release with an official image this release knows '
      + '(docker.io/library/mysql: 8.0.11 … 8.0.44, 8.4.0 … 8.4.7). Fix: use MySqlVersion.V8_4; for MySQL 9.1, use a newer release of cdk8s-portable-data');
  });

  test.each([
    ['the official image', undefined],
    ['CloudNativePG', CNPG],
  ])('fails when a PostgreSQL pin is not in the table (%s)', (_name, profile) => {
    expect(POSTGRES_IMAGE_TAGS[17]).toBe('17.7');
    expect(() => images(profile?.(), postgres(PostgresVersion.of('17', '17.99')))).toThrow(
      /invalid version "17\.99": allowed: in-cluster, a tag of .* this release knows for PostgreSQL 17: 17\.[06] … 17\.7\. Fix: did you mean "17\.7" or "17\.6"\?/);
    expect(() => images(profile?.(), postgres(PostgresVersion.of('18', '18.1')))).toThrow(/invalid version "18\.1": allowed: in-cluster, a PostgreSQL release with an official image/);
  });
});

describe('in the clouds, a pin is checked against the catalog', () => {
  test('fails when an RDS engine version is not in the catalog, with did-you-mean and what a user can run', () => {
    const profile = () => new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'db', vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'] });
    expect(() => images(profile(), mysql(MySqlVersion.of('8.4', '8.4.99')))).toThrow(
      /invalid RDS engine version "8\.4\.99": allowed: on AWS RDS, a mysql version the catalog snapshot .* lists: .*\. Fix: did you mean "8\.4\.\d+"( or "8\.4\.\d+")?\? If RDS offers it, check it live with `npx cdk8s-portable-data preflight --profile aws`, or use a newer release of cdk8s-portable-data/);
  });
});

/** Every string and template literal of the library's source (what messages are made of). */
function literalsOf(dir: string): Array<{ file: string; text: string }> {
  const found: Array<{ file: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'imports') found.push(...literalsOf(path));
      continue;
    }
    if (!name.endsWith('.ts')) continue;
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)
        || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        found.push({ file: path, text: node.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

test('no message of the library names a task only this repository has (npx projen …)', () => {
  const src = join(__dirname, '..', '..', 'src');
  const literals = literalsOf(src);
  expect(literals.length).toBeGreaterThan(1000);
  expect(literals.filter((l) => /projen/.test(l.text)).map((l) => `${l.file.slice(src.length + 1)}: ${l.text}`)).toEqual([]);
});
