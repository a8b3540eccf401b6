import { Duration, Size, Testing } from 'cdk8s';
import { Backup, Credentials, DatabaseEngine, InstanceSize, PortablePostgres, PortablePostgresProps, PostgresVersion } from '../../src';

function make(props: PortablePostgresProps) {
  const chart = Testing.chart();
  return new PortablePostgres(chart, 'Db', props);
}

describe('PortablePostgres defaults', () => {
  test('a careful DBA\'s defaults: 17, 20 GiB, small, HA auto, daily backups kept 7 days, retained', () => {
    const db = make({});
    expect(db._spec.engine).toBe(DatabaseEngine.POSTGRESQL);
    expect(db._spec.majorVersion).toBe('17');
    expect(db._spec.fullVersion).toBeUndefined();
    expect(db._spec.storage.toGibibytes()).toBe(20);
    expect(db._spec.instanceSize).toBe(InstanceSize.SMALL);
    expect(db._spec.highAvailability).toBe('auto');
    expect(db._spec.backup.enabled).toBe(true);
    expect(db._spec.backup.startTime).toBe('03:00');
    expect(db._spec.backup.retention?.toDays()).toBe(7);
    expect(db._spec.deletionPolicy).toBe('retain');
    expect(db._spec.databaseName).toBe('app');
    expect(db._spec.credentials.username).toBe('app');
    expect(db._spec.credentials.isGenerated).toBe(true);
    expect(db._spec.credentialsSecretName).toBe(`${db.name}-credentials`);
    expect(db._spec.labels).toMatchObject({ 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': db.name });
  });

  test('the connection is a servicebinding.io/postgresql Secret named after the service', () => {
    const db = make({ name: 'orders-db' });
    expect(db.connection.secretName).toBe('orders-db-connection');
    expect(db.connection.secretType).toBe('servicebinding.io/postgresql');
  });

  test.each([
    ['V15', '15', PostgresVersion.V15, undefined],
    ['V16', '16', PostgresVersion.V16, undefined],
    ['of(17, 17.2)', '17', PostgresVersion.of('17', '17.2'), '17.2'],
  ])('version %s resolves to major %s', (_, major, version, full) => {
    const db = make({ version });
    expect(db._spec.majorVersion).toBe(major);
    expect(db._spec.fullVersion).toBe(full);
  });

  test('the catalog knows 15, 16 and 17', () => {
    expect(PostgresVersion.knownMajors).toEqual(['15', '16', '17']);
  });
});

describe('PortablePostgres bad input fails at synth with the path, the value, what is allowed and the fix', () => {
  test.each<[string, PortablePostgresProps, RegExp]>([
    ['the major is not in the catalog', { version: PostgresVersion.of('12') },
      /test\/Db: invalid version "12": allowed: one of the catalog's postgresql versions 15, 16, 17\. Fix: .*of\(major, fullVersion\)/],
    ['the major is malformed', { version: PostgresVersion.of('seventeen', '17.1') }, /invalid version "seventeen"/],
    ['the full version does not match the major', { version: PostgresVersion.of('16', '17.2') }, /invalid version "17\.2": allowed: a full version of major 16/],
    ['the database name has a hyphen', { databaseName: 'my-app' }, /invalid databaseName "my-app": allowed: 1 to 63 letters, digits or underscores/],
    ['the database name starts with a digit', { databaseName: '1app' }, /invalid databaseName "1app"/],
    ['the database name is too long', { databaseName: 'a'.repeat(64) }, /invalid databaseName/],
    ['the database name is postgres', { databaseName: 'postgres' }, /invalid databaseName "postgres": .*not one of .*postgres, template0, template1/],
    ['the database name is a template', { databaseName: 'Template1' }, /invalid databaseName "Template1"/],
    ['the user is postgres', { credentials: Credentials.generated({ username: 'postgres' }) }, /invalid credentials\.username "postgres"/],
    ['the user name has a hyphen', { credentials: Credentials.generated({ username: 'shop-app' }) }, /invalid credentials\.username "shop-app"/],
    ['storage is tiny', { storage: Size.gibibytes(5) }, /invalid storage "5120 MiB".*from 20 to 65536/],
    ['the retention is too long', { backup: Backup.daily({ retention: Duration.days(36) }) }, /invalid backup\.retention "36 days"/],
    ['the backup start time is malformed', { backup: Backup.daily({ startTime: '3am' }) }, /invalid backup\.startTime "3am"/],
    ['the name is not a DNS label', { name: 'Orders_DB' }, /invalid name "Orders_DB".*Fix: choose a name such as "orders-db"/],
    ['a custom size has fractional vCPUs', { instanceSize: InstanceSize.custom({ cpu: 0.5, memory: Size.gibibytes(1) }) }, /invalid instanceSize/],
  ])('fails when %s', (_, props, message) => {
    expect(() => make(props)).toThrow(message);
  });
});
