import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { AwsProfile, AwsProfileOptions, Backup, InstanceSize, MySqlVersion, PortableDatabaseProps, PortableMySQL, PortablePostgres, PostgresVersion, Profile } from '../../../src';
import { rdsInstanceClasses, rdsMajorOf, rdsVersions } from '../../../src/environments/aws/catalog/checks';
import { AwsRdsDatabaseBackend } from '../../../src/environments/aws/database';
import { DatabaseSpec } from '../../../src/services/database/resolved-spec';
import { expectValid } from '../../util/schema';
import { newChart, oneOf, synth } from '../../util/synth';

const BASE: AwsProfileOptions = { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };

/** Each engine: its RDS name and how to build a service of a version. */
const ENGINES = {
  mysql: {
    rds: 'mysql',
    make: (scope: Construct, props: PortableDatabaseProps, major?: string, full?: string) =>
      new PortableMySQL(scope, 'Db', { name: 'orders', ...props, version: major ? MySqlVersion.of(major, full) : undefined }),
  },
  postgresql: {
    rds: 'postgres',
    make: (scope: Construct, props: PortableDatabaseProps, major?: string, full?: string) =>
      new PortablePostgres(scope, 'Db', { name: 'orders', ...props, version: major ? PostgresVersion.of(major, full) : undefined }),
  },
};
type Engine = keyof typeof ENGINES;

/** Synthesizes one database under an AWS profile and returns its DBInstance spec (validated). */
function instance(engine: Engine, props: PortableDatabaseProps = {}, options: Partial<AwsProfileOptions> = {}, major?: string, full?: string): any {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile({ ...BASE, ...options }));
  ENGINES[engine].make(chart, props, major, full);
  const objs = synth(chart);
  expectValid(objs);
  return oneOf(objs, 'DBInstance').spec;
}

/** Calls the backend with a spec the portable rules would refuse. */
function bindDirectly(change: Partial<DatabaseSpec>, options: Partial<AwsProfileOptions> = {}): void {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile(BASE));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders' });
  new AwsRdsDatabaseBackend({ ...BASE, ...options }).bind(new Construct(chart, 'Direct'), { ...db._spec, ...change });
}

describe('AWS RDS: synth-time catalog checks', () => {
  describe.each(Object.keys(ENGINES) as Engine[])('%s', (engine) => {
    const rds = ENGINES[engine].rds;

    test.each(rdsVersions(rds))('accepts catalog version %s, pinned', (version) => {
      expect(instance(engine, {}, {}, rdsMajorOf(rds, version), version).engineVersion).toBe(version);
    });

    const majors = [...new Set(rdsVersions(rds).map((v) => rdsMajorOf(rds, v)))];
    test.each(majors.flatMap((major) => rdsInstanceClasses(rds, major).map((cls) => [major, cls])))(
      'accepts %s with the catalog class %s as a profile override', (major, cls) => {
        const spec = instance(engine, { instanceSize: InstanceSize.MEDIUM }, { instanceClasses: { medium: cls } }, major);
        expect(spec.dbInstanceClass).toBe(cls);
      });
  });

  test('fails when a pinned version is not one RDS offers, naming the closest', () => {
    expect(() => instance('mysql', {}, {}, '8.4', '8.4.3')).toThrow(
      /^test\/Db: invalid RDS engine version "8\.4\.3": allowed: on AWS RDS, a mysql version the catalog snapshot \S+ lists: 8\.4\.5, .*Fix: did you mean "8\.4\.5" or "8\.4\.6"\?/,
    );
    expect(() => instance('postgresql', {}, {}, '16', '16.2')).toThrow(/^test\/Db: invalid RDS engine version "16\.2": allowed: on AWS RDS.*did you mean "16\.9" or "16\.10"\?/);
  });

  test('a pinned version of a major the catalog does not track passes (left to the preflight)', () => {
    expect(instance('postgresql', {}, {}, '18', '18.1').engineVersion).toBe('18.1');
  });

  test('fails when the profile overrides a size with a class RDS does not offer, naming the option and the closest', () => {
    expect(() => instance('mysql', {}, { instanceClasses: { small: 'db.t4g.smal' } })).toThrow(
      /^test\/Db \(aws profile option instanceClasses\.small\): invalid RDS DB instance class "db\.t4g\.smal": allowed: on AWS RDS, a class orderable for mysql 8\.4 .*Fix: did you mean "db\.t4g\.small"\?/,
    );
    expect(() => instance('postgresql', { instanceSize: InstanceSize.LARGE }, { instanceClasses: { large: 'db.m6g.small' } })).toThrow(
      /^test\/Db \(aws profile option instanceClasses\.large\): invalid RDS DB instance class "db\.m6g\.small": allowed: on AWS RDS, a class orderable for postgres 17 .*did you mean "db\.m6g\.large"/,
    );
  });

  test('classes outside the catalog\'s scope pass (larger sizes, other families)', () => {
    expect(instance('mysql', { instanceSize: InstanceSize.custom({ cpu: 64, memory: Size.gibibytes(512) }) }).dbInstanceClass).toBe('db.r6g.16xlarge');
    expect(instance('mysql', {}, { instanceClasses: { small: 'db.x2g.large' } }).dbInstanceClass).toBe('db.x2g.large');
  });

  test('fails when storage is outside the RDS range of the engine and storage type', () => {
    expect(() => bindDirectly({ storage: Size.gibibytes(10) }, { storageType: 'gp2' })).toThrow(
      /^test\/Direct: invalid storage "10 GiB": allowed: on AWS RDS mysql with gp2 storage, a whole number of GiB from 20 to 65536\. Fix: did you mean Size\.gibibytes\(20\)\?/,
    );
    expect(() => bindDirectly({ storage: Size.gibibytes(70000) })).toThrow(/invalid storage "70000 GiB".*did you mean Size\.gibibytes\(65536\)\?/);
  });

  test('fails when the backup retention is beyond RDS\'s 35 days', () => {
    expect(() => bindDirectly({ backup: Backup.daily({ retention: Duration.days(40) }) })).toThrow(
      /^test\/Direct: invalid backup retention "40 days": allowed: on AWS RDS, 0 \(no automated backups\) to 35 whole days\. Fix: did you mean Duration\.days\(35\)\?/,
    );
  });

  test('fails when the identifier has a double hyphen', () => {
    expect(() => bindDirectly({ name: 'orders--db' })).toThrow(/^test\/Direct: invalid RDS DB instance identifier "orders--db": allowed: on AWS RDS.*did you mean "orders-db"\?/);
  });
});
