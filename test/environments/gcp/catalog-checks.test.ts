import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { Backup, GcpProfile, GcpProfileOptions, InstanceSize, MySqlVersion, PortableDatabaseProps, PortableMySQL, PortablePostgres, PostgresVersion, Profile } from '../../../src';
import { cloudSqlDatabaseVersions } from '../../../src/environments/gcp/catalog/checks';
import { cloudSqlDatabaseVersionOf } from '../../../src/environments/gcp/catalog/database-versions';
import { CLOUD_SQL_CUSTOM_MACHINE } from '../../../src/environments/gcp/catalog/rules';
import { CloudSqlDatabaseBackend } from '../../../src/environments/gcp/database';
import { resolveGcpOptions } from '../../../src/environments/gcp/validate';
import { engineMajors } from '../../../src/services/database/catalog';
import { DatabaseSpec } from '../../../src/services/database/resolved-spec';
import { expectValid } from '../../util/schema';
import { newChart, oneOf, synth } from '../../util/synth';

const GCP: GcpProfileOptions = { projectId: 'acme-prod-123', region: 'europe-west1' };

/** Synthesizes one database under the GCP profile and returns its SQLInstance spec (validated). */
function instance(engine: string, props: PortableDatabaseProps = {}, major?: string, full?: string): any {
  const { chart } = newChart();
  Profile.use(chart, new GcpProfile(GCP));
  if (engine === 'mysql') new PortableMySQL(chart, 'Db', { name: 'orders', ...props, version: major ? MySqlVersion.of(major, full) : undefined });
  else new PortablePostgres(chart, 'Db', { name: 'orders', ...props, version: major ? PostgresVersion.of(major, full) : undefined });
  const objs = synth(chart);
  expectValid(objs);
  return oneOf(objs, 'SQLInstance').spec;
}

/** Calls the backend with a spec the portable rules would refuse. */
function bindDirectly(change: Partial<DatabaseSpec>): void {
  const { chart } = newChart();
  Profile.use(chart, new GcpProfile(GCP));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders' });
  new CloudSqlDatabaseBackend(resolveGcpOptions(GCP)).bind(new Construct(chart, 'Direct'), { ...db._spec, ...change });
}

const VERSIONS = ['mysql', 'postgresql'].flatMap((engine) => engineMajors(engine).map((major) => [engine, major, cloudSqlDatabaseVersionOf(engine, major)]));

/** Custom machines at the edges of the rules: each vCPU count with its least and most memory. */
function customShapes(): Array<[number, number]> {
  const r = CLOUD_SQL_CUSTOM_MACHINE;
  const shapes: Array<[number, number]> = [];
  for (const cpu of [1, 2, 4, 6, 8, 16, 32, 64, 96]) {
    const min = Math.max(r.minMemoryMib, Math.ceil((r.minMibPerCpu * cpu) / r.memoryStepMib) * r.memoryStepMib);
    const max = Math.floor((r.maxMibPerCpu * cpu) / r.memoryStepMib) * r.memoryStepMib;
    shapes.push([cpu, min], [cpu, max]);
  }
  return shapes;
}

describe('Cloud SQL: synth-time catalog checks', () => {
  test('the backend writes every database version of the catalog', () => {
    expect(VERSIONS.map(([, , v]) => v).sort()).toEqual(cloudSqlDatabaseVersions().sort());
  });

  test.each(VERSIONS)('accepts %s %s → %s', (engine, major, databaseVersion) => {
    expect(instance(engine, {}, major).databaseVersion).toBe(databaseVersion);
  });

  test.each([
    ['SMALL', InstanceSize.SMALL, 'db-custom-1-3840'],
    ['MEDIUM', InstanceSize.MEDIUM, 'db-custom-2-8192'],
    ['LARGE', InstanceSize.LARGE, 'db-custom-4-16384'],
  ])('accepts the tier of %s (%s)', (_, instanceSize, tier) => {
    expect(instance('mysql', { instanceSize }).settings.tier).toBe(tier);
  });

  test.each(customShapes())('accepts the custom machine of %i vCPU and %i MiB', (cpu, mib) => {
    expect(instance('postgresql', { instanceSize: InstanceSize.custom({ cpu, memory: Size.mebibytes(mib) }) }).settings.tier).toBe(`db-custom-${cpu}-${mib}`);
  });

  test('fails when the version is not one Cloud SQL offers, naming the closest', () => {
    expect(() => instance('mysql', {}, '8.1', '8.1.0')).toThrow(
      /^test\/Db: invalid Cloud SQL databaseVersion "MYSQL_8_1": allowed: on Cloud SQL, a database version of the catalog snapshot \S+: MYSQL_8_0, MYSQL_8_4, .*Fix: did you mean "MYSQL_8_0" or "MYSQL_8_4"\?/,
    );
  });

  test('a version of a major the catalog does not track passes (left to the preflight)', () => {
    expect(instance('postgresql', {}, '18', '18.1').databaseVersion).toBe('POSTGRES_18');
  });

  test('fails when a custom size is no Cloud SQL machine, naming the nearest', () => {
    expect(() => instance('mysql', { instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(64) }) })).toThrow(
      /^test\/Db: invalid instanceSize "custom\(8 vCPU, 65536 MiB\)": allowed: on Cloud SQL, .*Fix: use the nearest valid shape InstanceSize\.custom\(\{ cpu: 8, memory: Size\.mebibytes\(53248\) \}\) \(tier db-custom-8-53248\)/,
    );
  });

  test('fails when the disk is smaller than Cloud SQL allows', () => {
    expect(() => bindDirectly({ storage: Size.gibibytes(5) })).toThrow(
      /^test\/Direct: invalid storage "5 GB": allowed: on Cloud SQL, a whole number of GB from 10 to 65536\. Fix: did you mean Size\.gibibytes\(10\)\?/,
    );
  });

  test('fails when more backups are kept than Cloud SQL allows', () => {
    expect(() => bindDirectly({ backup: Backup.daily({ retention: Duration.days(400) }) })).toThrow(
      /^test\/Direct: invalid backup retention "400 backups": allowed: on Cloud SQL, 1 to 365 retained daily backups\. Fix: did you mean Duration\.days\(365\)\?/,
    );
  });

  test('fails when the instance ID is not a Cloud SQL instance name', () => {
    expect(() => bindDirectly({ name: 'Orders' })).toThrow(/^test\/Direct: invalid Cloud SQL instance ID "Orders": allowed: on Cloud SQL, lower-case letters.*did you mean "orders"\?/);
  });
});
