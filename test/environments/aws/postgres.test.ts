import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { AwsProfile, AwsProfileOptions, Backup, Credentials, DeletionPolicy, HighAvailability, InstanceSize, PortableMySQL, PortablePostgres, PortablePostgresProps, PostgresVersion, Profile } from '../../../src';
import { AwsRdsDatabaseBackend } from '../../../src/environments/aws/database';
import { DbInstance } from '../../../src/imports/rds.services.k8s.aws';
import { DatabaseSpec } from '../../../src/services/database/resolved-spec';
import { PROFILES } from '../../profiles.fixture';
import { expectValid } from '../../util/schema';
import { bindingSpec, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const BASE: AwsProfileOptions = {
  region: 'eu-west-1',
  dbSubnetGroupName: 'data-private',
  vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
};

/** Synthesizes one PostgreSQL database named `orders` under an AWS profile; everything must be schema-valid. */
function render(props: PortablePostgresProps = {}, options: Partial<AwsProfileOptions> = {}) {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile({ ...BASE, ...options }));
  const db = new PortablePostgres(chart, 'Db', { name: 'orders', ...props });
  const objs = synth(chart);
  expectValid(objs);
  const instance = oneOf(objs, 'DBInstance', 'rds.services.k8s.aws/v1alpha1');
  return { chart, db, objs, instance, spec: instance.spec, annotations: ownAnnotations(instance)! };
}

/** Calls the backend directly with a spec the services would not produce. */
function bindDirectly(change: Partial<DatabaseSpec>, options: Partial<AwsProfileOptions> = {}) {
  const { db, chart } = render();
  return new AwsRdsDatabaseBackend({ ...BASE, ...options }).bind(new Construct(chart, 'Direct'), { ...db._spec, ...change });
}

describe('AWS RDS backend (ACK): PostgreSQL', () => {
  describe('defaults', () => {
    test('one DBInstance "DBInstance" with engine postgres, the major version and port 5432', () => {
      const { db, instance, spec } = render();
      expect(db.backendName).toBe('aws-ack');
      expect(db.node.findChild('DBInstance')).toBeInstanceOf(DbInstance);
      expect(instance.metadata.name).toBe('orders');
      expect(spec).toEqual({
        dbInstanceIdentifier: 'orders',
        engine: 'postgres',
        engineVersion: '17',
        autoMinorVersionUpgrade: true,
        dbInstanceClass: 'db.t4g.small',
        dbParameterGroupRef: { from: { name: 'orders-postgres17' } },
        dbName: 'app',
        masterUsername: 'app',
        masterUserPassword: { name: 'orders-credentials', key: 'password', namespace: 'apps' },
        allocatedStorage: 20,
        maxAllocatedStorage: 40,
        storageType: 'gp3',
        storageEncrypted: true,
        publiclyAccessible: false,
        dbSubnetGroupName: 'data-private',
        vpcSecurityGroupIDs: ['sg-0123456789abcdef0'],
        port: 5432,
        multiAZ: true,
        backupRetentionPeriod: 7,
        preferredBackupWindow: '03:00-03:30',
        copyTagsToSnapshot: true,
        deletionProtection: true,
        tags: expect.any(Array),
      });
    });

    test('a parameter group of the family that forces TLS (rds.force_ssl), referenced by the DBInstance', () => {
      const { spec, objs } = render();
      expect(spec.dbParameterGroupName).toBeUndefined();
      expect(spec.dbParameterGroupRef).toEqual({ from: { name: 'orders-postgres17' } });
      expect(oneOf(objs, 'DBParameterGroup').spec).toMatchObject({ name: 'orders-postgres17', family: 'postgres17', parameterOverrides: { 'rds.force_ssl': '1' } });
    });

    test('the engine is in the labels and the tags', () => {
      const { instance, spec } = render();
      expect(instance.metadata.labels['app.kubernetes.io/name']).toBe('postgresql');
      expect(spec.tags).toContainEqual({ key: 'app.kubernetes.io/name', value: 'postgresql' });
    });

    test('the region and the retain deletion policy are annotations, as for MySQL', () => {
      expect(render().annotations).toEqual({
        'services.k8s.aws/region': 'eu-west-1',
        'services.k8s.aws/deletion-policy': 'retain',
        'rds.services.k8s.aws/skip-final-snapshot': 'false',
        'rds.services.k8s.aws/final-db-snapshot-identifier': 'orders-final',
        'services.k8s.aws/adoption-policy': 'adopt-or-create',
        'services.k8s.aws/adoption-fields': '{"dbInstanceIdentifier":"orders"}',
      });
    });

    test('works with the shared AWS fixture profile', () => {
      const { chart } = newChart();
      Profile.use(chart, PROFILES.aws());
      const db = new PortablePostgres(chart, 'Db', { storage: Size.gibibytes(50) });
      const objs = synth(chart);
      expectValid(objs);
      expect(db.backendName).toBe('aws-ack');
      expect(oneOf(objs, 'DBInstance').spec).toMatchObject({ engine: 'postgres', port: 5432, allocatedStorage: 50 });
    });
  });

  describe('connection', () => {
    test('a postgresql connection on port 5432, the host read from status.endpoint.address', () => {
      const { objs } = render();
      const spec = bindingSpec(objs);
      expect(spec.secretType).toBe('servicebinding.io/postgresql');
      expect(spec.uriTemplate).toBe('postgresql://{username}:{password}@{host}:{port}/{database}[?sslmode={sslmode}]');
      expect(spec.keys).toEqual(['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri', 'sslmode']);
      expect(spec.values).toMatchObject({ type: 'postgresql', provider: 'aws-rds', port: '5432', database: 'app', username: 'app', tls: 'true', sslmode: 'require' });
      expect(spec.deferred.host).toEqual({
        apiGroup: 'rds.services.k8s.aws', apiVersion: 'v1alpha1', resource: 'dbinstances', name: 'orders', fieldPath: 'status.endpoint.address',
      });
    });

    test('the bind() result', () => {
      const { guarded, ...binding } = bindDirectly({});
      // The upgrade guard compares engineVersion (PostgreSQL: one number makes the major).
      expect([guarded.object.kind, guarded.version?.majorParts]).toEqual(['DBInstance', 1]);
      expect(binding).toEqual({
        provider: 'aws-rds',
        port: 5432,
        hostFrom: { apiGroup: 'rds.services.k8s.aws', apiVersion: 'v1alpha1', resource: 'dbinstances', name: 'orders', fieldPath: 'status.endpoint.address' },
        tls: true,
        clientNegotiatesTls: true,
      });
    });

    test('a user Secret and user name are referenced as given', () => {
      const { spec } = render({ credentials: Credentials.fromSecret('orders-db', { username: 'orders_rw', passwordKey: 'pw' }), databaseName: 'orders' });
      expect(spec.masterUsername).toBe('orders_rw');
      expect(spec.masterUserPassword).toEqual({ name: 'orders-db', key: 'pw', namespace: 'apps' });
      expect(spec.dbName).toBe('orders');
    });
  });

  describe('version', () => {
    test.each([
      ['17 (default)', '17', true, undefined],
      ['15', '15', true, PostgresVersion.V15],
      ['16', '16', true, PostgresVersion.V16],
      ['a pinned 17.6', '17.6', false, PostgresVersion.of('17', '17.6')],
      ['a pinned major the catalog lacks', '18.1', false, PostgresVersion.of('18', '18.1')],
    ])('%s → engineVersion %s, autoMinorVersionUpgrade %s', (_, engineVersion, autoMinor, version) => {
      const { spec } = render({ version });
      expect(spec.engineVersion).toBe(engineVersion);
      expect(spec.autoMinorVersionUpgrade).toBe(autoMinor);
    });

    test('fails when the major is not in the catalog and no full version is pinned', () => {
      expect(() => bindDirectly({ majorVersion: '14', fullVersion: undefined })).toThrow(
        /test\/Direct: invalid version "14": allowed: on AWS RDS, one of the catalog's postgresql versions 15, 16, 17/,
      );
    });
  });

  describe('high availability, backups, deletion, size: as for MySQL', () => {
    test.each([
      [HighAvailability.NONE, false],
      [HighAvailability.AUTO, true],
      [HighAvailability.REQUIRED, true],
    ])('%s → multiAZ %s', (highAvailability, multiAZ) => {
      expect(render({ highAvailability }).spec.multiAZ).toBe(multiAZ);
    });

    test('HA required without backups is still Multi-AZ (RDS does not need backups for it)', () => {
      const { spec } = render({ highAvailability: HighAvailability.REQUIRED, backup: Backup.disabled() });
      expect(spec.multiAZ).toBe(true);
      expect(spec.backupRetentionPeriod).toBe(0);
    });

    test('backups disabled → retention 0 and no window', () => {
      const { spec } = render({ backup: Backup.disabled() });
      expect(spec.backupRetentionPeriod).toBe(0);
      expect(spec.preferredBackupWindow).toBeUndefined();
    });

    test('custom backup start time and retention', () => {
      const { spec } = render({ backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) });
      expect(spec.backupRetentionPeriod).toBe(35);
      expect(spec.preferredBackupWindow).toBe('23:45-00:15');
    });

    test('DELETE: no protection, explicit delete policy, no final snapshot', () => {
      const { spec, annotations } = render({ deletionPolicy: DeletionPolicy.DELETE });
      expect(spec.deletionProtection).toBe(false);
      expect(annotations).toEqual({
        'services.k8s.aws/region': 'eu-west-1',
        'services.k8s.aws/deletion-policy': 'delete',
        'rds.services.k8s.aws/skip-final-snapshot': 'true',
        'rds.services.k8s.aws/delete-automated-backups': 'true',
      });
    });

    test.each([
      ['MEDIUM', 'db.m6g.large', InstanceSize.MEDIUM],
      ['LARGE', 'db.m6g.xlarge', InstanceSize.LARGE],
      ['custom 4 vCPU 32 GiB', 'db.r6g.xlarge', InstanceSize.custom({ cpu: 4, memory: Size.gibibytes(32) })],
    ])('%s → %s', (_, cls, instanceSize) => {
      expect(render({ instanceSize }).spec.dbInstanceClass).toBe(cls);
    });

    test('storage and its autoscaling cap', () => {
      const { spec } = render({ storage: Size.gibibytes(100) }, { maxAllocatedStorageFactor: 3, namePrefix: 'prod-', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/rds' });
      expect(spec).toMatchObject({ allocatedStorage: 100, maxAllocatedStorage: 300, dbInstanceIdentifier: 'prod-orders', kmsKeyID: 'arn:aws:kms:eu-west-1:123456789012:alias/rds' });
    });
  });

  describe('names', () => {
    test.each(['app', 'orders_db', 'Orders', 'analytics2', 'username'])('accepts the database name %p', (databaseName) => {
      expect(render({ databaseName }).spec.dbName).toBe(databaseName);
    });

    test.each(['app', 'orders_rw', 'pgadmin', 'rdsuser'])('accepts the user name %p', (username) => {
      expect(render({ credentials: Credentials.generated({ username }) }).spec.masterUsername).toBe(username);
    });

    test.each([
      ['a reserved key word', 'select'],
      ['a reserved key word in capitals', 'User'],
      ['RDS\'s own database', 'rdsadmin'],
      ['a function-name key word', 'join'],
    ])('fails when the database name is %s (%p)', (_, databaseName) => {
      expect(() => render({ databaseName })).toThrow(new RegExp(
        `test/Db: invalid databaseName "${databaseName}": allowed: on AWS RDS for PostgreSQL, 1 to 63 letters, digits or underscores, starting with a letter, `
        + 'not a PostgreSQL reserved key word and not one of postgres, template0, template1, rdsadmin',
      ));
    });

    test.each([
      ['reserved for PostgreSQL\'s roles', 'pg_app'],
      ['reserved for RDS\'s roles', 'rds_app'],
      ['RDS\'s replication user', 'rdsrepladmin'],
      ['PostgreSQL\'s public role', 'public'],
      ['PostgreSQL\'s none role', 'None'],
      ['a reserved key word', 'user'],
    ])('fails when the user name is %s (%p)', (_, username) => {
      expect(() => render({ credentials: Credentials.generated({ username }) })).toThrow(new RegExp(
        `test/Db: invalid credentials.username "${username}": allowed: on AWS RDS for PostgreSQL, .*not starting with pg_ or rds_ and not one of postgres, public, none, rdsadmin, rdsrepladmin`,
      ));
    });

    test('fails when the backend gets the superuser name the service rules out', () => {
      const { db } = render();
      const credentials = Credentials.generated({ username: 'postgres' });
      expect(() => new AwsRdsDatabaseBackend(BASE).bind(new Construct(db, 'Direct'), { ...db._spec, credentials }))
        .toThrow(/Db\/Direct: invalid credentials.username "postgres"/);
    });

    test('fails when the backend gets a database PostgreSQL keeps', () => {
      expect(() => bindDirectly({ databaseName: 'template1' })).toThrow(/test\/Direct: invalid databaseName "template1"/);
    });

    test('MySQL names are not held to the PostgreSQL rules', () => {
      const { chart } = newChart();
      Profile.use(chart, new AwsProfile(BASE));
      new PortableMySQL(chart, 'Db', { name: 'orders', databaseName: 'pg_data', credentials: Credentials.generated({ username: 'rds_app' }) });
      expect(oneOf(synth(chart), 'DBInstance').spec).toMatchObject({ engine: 'mysql', dbName: 'pg_data', masterUsername: 'rds_app' });
    });
  });

  test('fails when the engine has no RDS mapping, listing both engines', () => {
    const { db } = render();
    const engine = Object.create(db._spec.engine, { name: { value: 'cockroachdb' } });
    expect(() => bindDirectly({ engine })).toThrow(/invalid engine "cockroachdb": allowed: the engines the aws-ack backend serves: mysql, postgresql/);
  });

  test('synthesizes twice to identical output', () => {
    expect(render().objs).toEqual(render().objs);
  });
});
