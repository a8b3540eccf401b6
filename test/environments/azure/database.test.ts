import { Duration, Size } from 'cdk8s';
import { azureProfile, AZURE_OPTIONS, RG } from './fixture';
import {
  Backup, Credentials, DeletionPolicy, HighAvailability, InstanceSize, MySqlVersion, PortableMySQL, PortableMySQLProps, PortablePostgres,
  PortablePostgresProps, PostgresVersion, Profile,
} from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

function mysql(props: PortableMySQLProps = {}, options = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, azureProfile(options));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders', ...props });
  return { db, objs: synth(chart) };
}

function postgres(props: PortablePostgresProps = {}, options = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, azureProfile(options));
  const db = new PortablePostgres(chart, 'Db', { name: 'orders', ...props });
  return { db, objs: synth(chart) };
}

function bindingSpec(objs: any[], jobName: string): any {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name === jobName);
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

describe('Azure database (Flexible Server through ASO v2)', () => {
  test('MySQL: a private FlexibleServer, its database and require_secure_transport ON, valid against the pinned ASO CRDs', () => {
    const { db, objs } = mysql();
    expectValid(objs);
    const spec = bindingSpec(objs, db.connection.binderJobName);
    const server = oneOf(objs, 'FlexibleServer');
    expect(server.apiVersion).toBe('dbformysql.azure.com/v20241230');
    expect(ownAnnotations(server)).toEqual({ 'serviceoperator.azure.com/reconcile-policy': 'detach-on-delete' });
    expect(server.spec).toEqual({
      azureName: 'orders',
      owner: { armId: RG },
      location: 'westeurope',
      version: '8.4',
      sku: { name: 'Standard_B1ms', tier: 'Burstable' },
      administratorLogin: 'app',
      administratorLoginPassword: { name: spec.credentials.secret, key: 'password' },
      storage: { storageSizeGB: 20, autoGrow: 'Disabled' },
      highAvailability: { mode: 'Disabled' },
      backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' },
      network: {
        delegatedSubnetResourceReference: { armId: AZURE_OPTIONS.mysqlSubnetId },
        privateDnsZoneResourceReference: { armId: AZURE_OPTIONS.mysqlPrivateDnsZoneId },
        publicNetworkAccess: 'Disabled',
      },
      operatorSpec: { configMaps: { fullyQualifiedDomainName: { name: 'orders-azure', key: 'host' } } },
    });
    expect(oneOf(objs, 'FlexibleServersDatabase').spec).toEqual({ owner: { name: 'orders' }, azureName: 'app', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' });
    const config = oneOf(objs, 'FlexibleServersConfiguration');
    expect(config.metadata.name).toBe('orders-require-secure-transport');
    expect(config.spec).toEqual({ owner: { name: 'orders' }, azureName: 'require_secure_transport', value: 'ON', source: 'user-override' });
    expect(spec.values).toMatchObject({ 'type': 'mysql', 'provider': 'azure-mysql', 'port': '3306', 'ssl-mode': 'REQUIRED' });
    expect(spec.deferred.host).toEqual({ apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: 'orders-azure', fieldPath: 'data.host' });
    expect(spec.uriTemplate).toBe('mysql://{username}:{password}@{host}:{port}/{database}[?ssl-mode={ssl-mode}]');
  });

  test('PostgreSQL: v20250801 with version 17, password auth, the PostgreSQL DNS zone, require_secure_transport on', () => {
    const { db, objs } = postgres({
      version: PostgresVersion.V17, storage: Size.gibibytes(64), instanceSize: InstanceSize.MEDIUM, highAvailability: HighAvailability.REQUIRED,
    });
    expectValid(objs);
    const server = oneOf(objs, 'FlexibleServer');
    expect(server.apiVersion).toBe('dbforpostgresql.azure.com/v20250801');
    expect(server.spec).toMatchObject({
      version: '17',
      sku: { name: 'Standard_D2ds_v4', tier: 'GeneralPurpose' },
      storage: { storageSizeGB: 64, autoGrow: 'Disabled' },
      highAvailability: { mode: 'ZoneRedundant' },
      authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Disabled' },
      network: { privateDnsZoneArmResourceReference: { armId: AZURE_OPTIONS.postgresPrivateDnsZoneId }, publicNetworkAccess: 'Disabled' },
    });
    expect(oneOf(objs, 'FlexibleServersConfiguration').spec).toMatchObject({ azureName: 'require_secure_transport', value: 'on' });
    expect(oneOf(objs, 'FlexibleServersDatabase').spec).toMatchObject({ charset: 'UTF8', collation: 'en_US.utf8' });
    const spec = bindingSpec(objs, db.connection.binderJobName);
    expect(spec.values).toMatchObject({ type: 'postgresql', provider: 'azure-postgresql', sslmode: 'require' });
  });

  test('AUTO is SameZone on GeneralPurpose and Disabled on Burstable; NONE is Disabled', () => {
    expect(oneOf(mysql({ instanceSize: InstanceSize.LARGE }).objs, 'FlexibleServer').spec.highAvailability).toEqual({ mode: 'SameZone' });
    expect(oneOf(mysql({ instanceSize: InstanceSize.SMALL }).objs, 'FlexibleServer').spec.highAvailability).toEqual({ mode: 'Disabled' });
    expect(oneOf(mysql({ instanceSize: InstanceSize.LARGE, highAvailability: HighAvailability.NONE }).objs, 'FlexibleServer').spec.highAvailability).toEqual({ mode: 'Disabled' });
  });

  test('DELETE is the reconcile policy manage on every object; the profile options map to autoGrow and geo-redundant backups', () => {
    const { objs } = mysql({ deletionPolicy: DeletionPolicy.DELETE, backup: Backup.daily({ retention: Duration.days(1) }) },
      { storageAutoGrow: true, geoRedundantBackup: true });
    for (const kind of ['FlexibleServer', 'FlexibleServersDatabase', 'FlexibleServersConfiguration']) {
      expect(ownAnnotations(oneOf(objs, kind))).toEqual({ 'serviceoperator.azure.com/reconcile-policy': 'manage' });
    }
    expect(oneOf(objs, 'FlexibleServer').spec).toMatchObject({
      storage: { autoGrow: 'Enabled' }, backup: { backupRetentionDays: 1, geoRedundantBackup: 'Enabled' },
    });
  });

  test('a custom size maps to the catalog SKU of its vCores and memory; labels without a prefix become tags', () => {
    const { objs } = mysql({ instanceSize: InstanceSize.custom({ cpu: 4, memory: Size.gibibytes(32) }), labels: { 'team': 'shop', 'example.com/tier': 'gold' } });
    expect(oneOf(objs, 'FlexibleServer').spec.sku).toEqual({ name: 'Standard_E4ads_v5', tier: 'MemoryOptimized' });
    expect(oneOf(objs, 'FlexibleServer').spec.tags).toEqual({ team: 'shop' });
  });

  test('the version is the catalog\'s: MySQL 8.0 is 8.0.21', () => {
    expect(oneOf(mysql({ version: MySqlVersion.V8_0 }).objs, 'FlexibleServer').spec.version).toBe('8.0.21');
  });

  test('fails when high availability is required on a Burstable SKU', () => {
    expect(() => mysql({ highAvailability: HighAvailability.REQUIRED })).toThrow(
      'test/Db: invalid highAvailability "required with instanceSize small": allowed: on Azure Flexible Server, high availability on the GeneralPurpose and MemoryOptimized tiers only (not on Burstable SKUs). Fix: use InstanceSize.MEDIUM or larger, or HighAvailability.AUTO / NONE [PD100]');
  });

  test('PostgreSQL storage is rounded up to the next Premium SSD size; fails above the largest', () => {
    expect(oneOf(postgres().objs, 'FlexibleServer').spec.storage).toEqual({ storageSizeGB: 32, autoGrow: 'Disabled' });
    expect(oneOf(postgres({ storage: Size.gibibytes(300) }).objs, 'FlexibleServer').spec.storage.storageSizeGB).toBe(512);
    expect(() => postgres({ storage: Size.gibibytes(40000) })).toThrow(
      'test/Db: invalid storage "40000 GiB": allowed: on Azure Database for PostgreSQL Flexible Server, at most 32767 GiB (rounded up to one of the sizes 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767 GiB). Fix: use Size.gibibytes(32767) [PD100]');
  });

  test('fails when backups are disabled (Azure always takes them)', () => {
    expect(() => postgres({ backup: Backup.disabled(), deletionPolicy: DeletionPolicy.DELETE })).toThrow(
      'test/Db: invalid backup "Backup.disabled()": allowed: on Azure Flexible Server, daily backups: they are always on and cannot be turned off. Fix: use Backup.daily() (the default) on this profile [PD200]');
  });

  test('fails when the engine has no delegated subnet (public access is never implied)', () => {
    expect(() => postgres({}, { postgresSubnetId: undefined, postgresPrivateDnsZoneId: undefined })).toThrow(
      'test/Db: invalid profile "azure": allowed: an azure profile with postgresSubnetId and postgresPrivateDnsZoneId: Flexible Servers get private access only (a delegated subnet and a private DNS zone), never public access. Fix: set postgresSubnetId and postgresPrivateDnsZoneId on the azure profile [PD200]');
  });

  test('fails when the administrator name is one Azure refuses', () => {
    expect(() => mysql({ credentials: Credentials.generated({ username: 'admin' }) })).toThrow(
      'test/Db: invalid credentials.username "admin": allowed: on Azure Flexible Server the application user is the server administrator');
  });
});
