import { Duration, Size, Testing } from 'cdk8s';
import { Backup, Credentials, InstanceSize, MySqlVersion, PortableMySQL, PortableMySQLProps } from '../../src';

function make(props: PortableMySQLProps) {
  const chart = Testing.chart();
  return new PortableMySQL(chart, 'Db', props);
}

describe('PortableMySQL defaults', () => {
  test('a careful DBA\'s defaults: 8.4, 20 GiB, small, HA auto, daily backups kept 7 days, retained', () => {
    const db = make({});
    expect(db._spec.majorVersion).toBe('8.4');
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
  });

  test('the default name is a DNS label derived from the construct path', () => {
    const db = make({});
    expect(db.name).toMatch(/^test-db-[a-f0-9]{8}$/);
  });

  test('credentials from a user Secret are used as they are', () => {
    const db = make({ credentials: Credentials.fromSecret('shop-db-secret', { username: 'shop', passwordKey: 'pw' }) });
    expect(db._spec.credentialsSecretName).toBe('shop-db-secret');
    expect(db._spec.credentials.passwordKey).toBe('pw');
    expect(db._spec.credentials.isGenerated).toBe(false);
  });
});

describe('PortableMySQL bad input fails at synth with the path, the value, what is allowed and the fix', () => {
  test.each<[string, PortableMySQLProps, RegExp]>([
    // (cdk8s's Size itself rejects negative amounts.)
    ['storage is zero', { storage: Size.gibibytes(0) }, /test\/Db: invalid storage "0 MiB": allowed: a whole number of GiB from 20 to 65536\. Fix: use e\.g\. Size\.gibibytes\(20\)/],
    ['storage is tiny', { storage: Size.gibibytes(1) }, /invalid storage "1024 MiB".*from 20 to 65536/],
    ['storage is not a whole number of GiB', { storage: Size.mebibytes(30000) }, /invalid storage "30000 MiB"/],
    ['storage is too large', { storage: Size.tebibytes(100) }, /invalid storage/],
    ['the version is not in the catalog', { version: MySqlVersion.of('5.7') }, /invalid version "5\.7": allowed: one of the catalog's mysql versions 8\.0, 8\.4\. Fix: .*of\(major, fullVersion\)/],
    ['the version is malformed', { version: MySqlVersion.of('eight', '8.0.1') }, /invalid version "eight"/],
    ['the full version does not match the major', { version: MySqlVersion.of('8.4', '8.0.36') }, /invalid version "8\.0\.36": allowed: a full version of major 8\.4/],
    ['the backup start time is malformed', { backup: Backup.daily({ startTime: '25:00' }) }, /invalid backup\.startTime "25:00": allowed: a UTC time HH:MM/],
    ['the backup start time has no minutes', { backup: Backup.daily({ startTime: '3' }) }, /invalid backup\.startTime "3"/],
    ['the retention is too long', { backup: Backup.daily({ retention: Duration.days(90) }) }, /invalid backup\.retention "90 days": allowed: a whole number of days from 1 to 35/],
    ['the retention is not whole days', { backup: Backup.daily({ retention: Duration.hours(36) }) }, /invalid backup\.retention/],
    ['the name is not a DNS label', { name: 'Orders_DB' }, /invalid name "Orders_DB": allowed: 1 to 40 lower-case letters.*Fix: choose a name such as "orders-db"/],
    ['the name is too long', { name: 'a'.repeat(41) }, /invalid name/],
    ['the database name has a hyphen', { databaseName: 'my-app' }, /invalid databaseName "my-app": allowed: 1 to 63 letters, digits or underscores/],
    ['the database name is reserved', { databaseName: 'mysql' }, /invalid databaseName "mysql"/],
    ['the user is root', { credentials: Credentials.generated({ username: 'root' }) }, /invalid credentials\.username "root"/],
    ['the user name is too long', { credentials: Credentials.generated({ username: 'a'.repeat(17) }) }, /invalid credentials\.username/],
    ['the credentials Secret name is invalid', { credentials: Credentials.fromSecret('Bad Name') }, /invalid credentials secret name "Bad Name"/],
    ['a custom size has no memory', { instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.mebibytes(128) }) }, /invalid instanceSize "custom\(2 vCPU, 128 MiB\)"/],
    ['a custom size has fractional vCPUs', { instanceSize: InstanceSize.custom({ cpu: 1.5, memory: Size.gibibytes(4) }) }, /invalid instanceSize/],
  ])('fails when %s', (_, props, message) => {
    expect(() => make(props)).toThrow(message);
  });
});
