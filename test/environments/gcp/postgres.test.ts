import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Backup, Credentials, DeletionPolicy, GcpProfile, GcpProfileOptions, HighAvailability, InstanceSize, PortableMySQL, PortablePostgres, PortablePostgresProps, PostgresVersion, Profile } from '../../../src';
import { CloudSqlDatabaseBackend } from '../../../src/environments/gcp/database';
import { resolveGcpOptions } from '../../../src/environments/gcp/validate';
import { DatabaseSpec } from '../../../src/services/database/resolved-spec';
import { PROFILES } from '../../profiles.fixture';
import { expectValid } from '../../util/schema';
import { newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const GCP: GcpProfileOptions = { projectId: 'acme-prod-123', region: 'europe-west1' };

/** A PostgreSQL database `orders-db` under the GCP profile, bound to a Deployment; everything must be schema-valid. */
function objects(props: PortablePostgresProps = {}, options: Partial<GcpProfileOptions> = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new GcpProfile({ ...GCP, ...options }));
  const db = new PortablePostgres(chart, 'Db', { name: 'orders-db', databaseName: 'orders', ...props });
  const serviceAccount = new kplus.ServiceAccount(chart, 'WebSa', { metadata: { name: 'web' } });
  const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }], serviceAccount });
  db.bind(web);
  const objs = synth(chart);
  expectValid(objs);
  return {
    chart,
    db,
    objs,
    instance: oneOf(objs, 'SQLInstance'),
    database: oneOf(objs, 'SQLDatabase'),
    user: oneOf(objs, 'SQLUser'),
    deployment: oneOf(objs, 'Deployment'),
  };
}

function bindingSpec(objs: any[]): any {
  const job = oneOf(objs, 'Job');
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

function bindDirectly(change: Partial<DatabaseSpec>) {
  const { db, chart } = objects();
  return new CloudSqlDatabaseBackend(resolveGcpOptions(GCP)).bind(new Construct(chart, 'Direct'), { ...db._spec, ...change });
}

describe('defaults', () => {
  test('SQLInstance: POSTGRES_17, regional, point-in-time recovery and never binary logging', () => {
    const { instance } = objects();
    expect(ownAnnotations(instance)).toEqual({
      'cnrm.cloud.google.com/project-id': 'acme-prod-123',
      'cnrm.cloud.google.com/deletion-policy': 'abandon',
      // diskAutoresize (the default): Config Connector keeps the size Cloud SQL grew the disk to.
      'cnrm.cloud.google.com/unmanaged': 'spec.settings.diskSize',
    });
    expect(instance.spec).toEqual({
      resourceID: 'orders-db',
      region: 'europe-west1',
      databaseVersion: 'POSTGRES_17',
      settings: {
        edition: 'ENTERPRISE',
        tier: 'db-custom-1-3840',
        availabilityType: 'REGIONAL',
        diskSize: 20,
        diskType: 'PD_SSD',
        diskAutoresize: true,
        backupConfiguration: {
          enabled: true,
          startTime: '03:00',
          pointInTimeRecoveryEnabled: true,
          backupRetentionSettings: { retainedBackups: 7, retentionUnit: 'COUNT' },
          transactionLogRetentionDays: 7,
        },
        ipConfiguration: { ipv4Enabled: true, sslMode: 'ENCRYPTED_ONLY' },
        connectorEnforcement: 'REQUIRED',
        deletionProtectionEnabled: true,
      },
    });
    expect(instance.spec.settings.databaseFlags).toBeUndefined();
  });

  test('SQLDatabase in UTF8 / en_US.UTF8, SQLUser without a host', () => {
    const { database, user } = objects();
    expect(database.spec).toEqual({ instanceRef: { name: 'orders-db' }, resourceID: 'orders', charset: 'UTF8', collation: 'en_US.UTF8' });
    expect(user.spec).toEqual({
      instanceRef: { name: 'orders-db' },
      resourceID: 'app',
      password: { valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'password' } } },
    });
  });

  test('the construct IDs and the engine label are those of every Cloud SQL database', () => {
    const { db, objs } = objects();
    expect(db.backendName).toBe('gcp-kcc');
    expect(['SQLInstance', 'SQLDatabase', 'SQLUser'].map((id) => db.node.tryFindChild(id) !== undefined)).toEqual([true, true, true]);
    for (const o of objs.filter((x) => x.apiVersion === 'sql.cnrm.cloud.google.com/v1beta1')) {
      expect(o.metadata.labels['app.kubernetes.io/name']).toBe('postgresql');
    }
  });

  test('the connection goes to the Auth Proxy on 127.0.0.1:5432', () => {
    const { objs, deployment } = objects();
    const spec = bindingSpec(objs);
    expect(spec.secretType).toBe('servicebinding.io/postgresql');
    expect(spec.values).toMatchObject({ type: 'postgresql', provider: 'gcp-cloudsql', host: '127.0.0.1', port: '5432', database: 'orders', username: 'app' });
    const proxy = deployment.spec.template.spec.initContainers.find((c: any) => c.name === 'cloud-sql-proxy');
    expect(proxy.args[0]).toBe('--port=5432');
    expect(proxy.args[proxy.args.length - 1]).toBe('acme-prod-123:europe-west1:orders-db');
  });

  test('works with the shared GCP fixture profile', () => {
    const { chart } = newChart();
    Profile.use(chart, PROFILES.gcp());
    new PortablePostgres(chart, 'Db', { storage: Size.gibibytes(50) });
    const objs = synth(chart);
    expectValid(objs);
    expect(oneOf(objs, 'SQLInstance').spec).toMatchObject({ databaseVersion: 'POSTGRES_17', settings: { diskSize: 50 } });
  });
});

describe('versions', () => {
  test.each([
    [PostgresVersion.V15, 'POSTGRES_15'],
    [PostgresVersion.V16, 'POSTGRES_16'],
    [PostgresVersion.of('17', '17.2'), 'POSTGRES_17'],
    [PostgresVersion.of('18', '18.1'), 'POSTGRES_18'],
  ])('%p → %s (Cloud SQL manages the minor version)', (version, databaseVersion) => {
    const { instance, database } = objects({ version });
    expect(instance.spec.databaseVersion).toBe(databaseVersion);
    expect(database.spec.collation).toBe('en_US.UTF8');
  });
});

describe('high availability', () => {
  test.each([
    [HighAvailability.AUTO, Backup.daily(), 'REGIONAL'],
    [HighAvailability.REQUIRED, Backup.daily(), 'REGIONAL'],
    [HighAvailability.NONE, Backup.daily(), 'ZONAL'],
    [HighAvailability.AUTO, Backup.disabled(), 'ZONAL'],
    [HighAvailability.NONE, Backup.disabled(), 'ZONAL'],
  ])('%s with backups %p is %s', (highAvailability, backup, expected) => {
    expect(objects({ highAvailability, backup }).instance.spec.settings.availabilityType).toBe(expected);
  });

  test('fails when HA is REQUIRED without backups, naming point-in-time recovery', () => {
    expect(() => objects({ highAvailability: HighAvailability.REQUIRED, backup: Backup.disabled() })).toThrow(
      'test/Db: invalid highAvailability "required with Backup.disabled()": allowed: HighAvailability.REQUIRED together with backups: '
      + 'a regional Cloud SQL instance needs automated backups and point-in-time recovery. Fix: keep backups (e.g. Backup.daily()), or use HighAvailability.AUTO or NONE',
    );
  });
});

describe('backups', () => {
  test('disabled: point-in-time recovery off too, no binary logging field', () => {
    const { instance } = objects({ backup: Backup.disabled(), highAvailability: HighAvailability.NONE });
    expect(instance.spec.settings.backupConfiguration).toEqual({ enabled: false, pointInTimeRecoveryEnabled: false });
  });

  test('custom start time and retention; transaction logs capped at the Enterprise edition\'s 7 days', () => {
    const { instance } = objects({ backup: Backup.daily({ startTime: '22:30', retention: Duration.days(30) }) });
    expect(instance.spec.settings.backupConfiguration).toEqual({
      enabled: true,
      startTime: '22:30',
      pointInTimeRecoveryEnabled: true,
      backupRetentionSettings: { retainedBackups: 30, retentionUnit: 'COUNT' },
      transactionLogRetentionDays: 7,
    });
  });

  test('short retention keeps transaction logs for as many days', () => {
    const config = objects({ backup: Backup.daily({ retention: Duration.days(3) }) }).instance.spec.settings.backupConfiguration;
    expect(config).toMatchObject({ backupRetentionSettings: { retainedBackups: 3 }, transactionLogRetentionDays: 3 });
  });

  test('binaryLogEnabled is never set for PostgreSQL', () => {
    for (const backup of [Backup.daily(), Backup.disabled()]) {
      const { instance } = objects({ backup, highAvailability: HighAvailability.NONE });
      expect(Object.keys(instance.spec.settings.backupConfiguration)).not.toContain('binaryLogEnabled');
    }
  });
});

describe('deletion policy, sizes, network', () => {
  test('DELETE: no deletion protection and no abandon annotation', () => {
    const { objs, instance } = objects({ deletionPolicy: DeletionPolicy.DELETE });
    expect(instance.spec.settings.deletionProtectionEnabled).toBe(false);
    for (const o of objs.filter((x) => x.apiVersion === 'sql.cnrm.cloud.google.com/v1beta1')) {
      expect(ownAnnotations(o)).toEqual({
        'cnrm.cloud.google.com/project-id': 'acme-prod-123',
        ...(o.kind === 'SQLInstance' ? { 'cnrm.cloud.google.com/unmanaged': 'spec.settings.diskSize' } : {}),
      });
    }
  });

  test('RETAIN: deletion protection and abandon on the three objects', () => {
    const { objs, instance } = objects({ deletionPolicy: DeletionPolicy.RETAIN });
    expect(instance.spec.settings.deletionProtectionEnabled).toBe(true);
    for (const o of objs.filter((x) => x.apiVersion === 'sql.cnrm.cloud.google.com/v1beta1')) {
      expect(o.metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
    }
  });

  test.each([
    [InstanceSize.MEDIUM, 'db-custom-2-8192'],
    [InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(52) }), 'db-custom-8-53248'],
  ])('%s is %s', (instanceSize, tier) => {
    expect(objects({ instanceSize }).instance.spec.settings.tier).toBe(tier);
  });

  test('a private network: private IP only, and the proxy connects to it', () => {
    const { instance, deployment } = objects({}, { privateNetwork: 'projects/acme-net/global/networks/shared', namePrefix: 'prod-' });
    expect(instance.spec.settings.ipConfiguration).toEqual({
      ipv4Enabled: false,
      privateNetworkRef: { external: 'projects/acme-net/global/networks/shared' },
      sslMode: 'ENCRYPTED_ONLY',
    });
    const proxy = deployment.spec.template.spec.initContainers.find((c: any) => c.name === 'cloud-sql-proxy');
    expect(proxy.args).toContain('--private-ip');
    expect(proxy.args[proxy.args.length - 1]).toBe('acme-prod-123:europe-west1:prod-orders-db');
  });
});

describe('names', () => {
  test('a user-provided Secret and user name', () => {
    const { user } = objects({ credentials: Credentials.fromSecret('orders-secret', { username: 'orders_rw', passwordKey: 'pw' }) });
    expect(user.spec).toEqual({
      instanceRef: { name: 'orders-db' },
      resourceID: 'orders_rw',
      password: { valueFrom: { secretKeyRef: { name: 'orders-secret', key: 'pw' } } },
    });
  });

  test.each([
    ['Cloud SQL\'s own database', 'cloudsqladmin'],
    ['a reserved key word', 'order'],
  ])('fails when the database name is %s (%p)', (_, databaseName) => {
    expect(() => objects({ databaseName })).toThrow(
      `test/Db: invalid databaseName "${databaseName}": allowed: on Cloud SQL for PostgreSQL, 1 to 63 letters, digits or underscores, starting with a letter, `
      + 'not a PostgreSQL reserved key word and not one of postgres, template0, template1, cloudsqladmin',
    );
  });

  test.each([
    ['reserved for PostgreSQL\'s roles', 'pg_monitor'],
    ['one of Cloud SQL\'s roles', 'cloudsqlagent'],
    ['one of Cloud SQL\'s roles in capitals', 'CloudSqlAdmin'],
    ['PostgreSQL\'s public role', 'public'],
  ])('fails when the user name is %s (%p)', (_, username) => {
    expect(() => objects({ credentials: Credentials.generated({ username }) })).toThrow(new RegExp(
      `test/Db: invalid credentials.username "${username}": allowed: on Cloud SQL for PostgreSQL, .*not starting with pg_ or cloudsql and not one of postgres, public, none`,
    ));
  });

  test('RDS names are fine on Cloud SQL', () => {
    const { user, database } = objects({ databaseName: 'rdsadmin', credentials: Credentials.generated({ username: 'rds_app' }) });
    expect(user.spec.resourceID).toBe('rds_app');
    expect(database.spec.resourceID).toBe('rdsadmin');
  });
});

describe('engines', () => {
  test('a MySQL database of the same profile keeps its MySQL mapping', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, new GcpProfile(GCP));
    new PortableMySQL(chart, 'My', { name: 'mysql-db' });
    new PortablePostgres(chart, 'Pg', { name: 'pg-db' });
    const objs = synth(chart);
    expectValid(objs);
    const byName = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
    expect(byName('SQLInstance', 'mysql-db').spec.settings.backupConfiguration.binaryLogEnabled).toBe(true);
    expect(byName('SQLInstance', 'pg-db').spec.settings.backupConfiguration.pointInTimeRecoveryEnabled).toBe(true);
    expect(byName('SQLUser', 'mysql-db').spec.host).toBe('%');
    expect(byName('SQLUser', 'pg-db').spec.host).toBeUndefined();
  });

  test('fails when the engine has no Cloud SQL mapping', () => {
    const { db } = objects();
    const engine = Object.create(db._spec.engine, { name: { value: 'cockroachdb' } });
    expect(() => bindDirectly({ engine })).toThrow(/test\/Direct: invalid engine "cockroachdb": allowed: the engines the gcp-kcc backend serves: mysql, postgresql/);
  });
});

test('synthesizes twice to identical output', () => {
  expect(objects().objs).toEqual(objects().objs);
});
