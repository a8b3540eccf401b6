/**
 * End to end on paper: claims written by CrossplaneDatabaseBackend, turned into composite resources, rendered by
 * a model of function-patch-and-transform through each Composition of CrossplaneDatabasePlatform, and the composed
 * managed resources validated strictly against the provider CRDs.
 */
import { Duration, Size } from 'cdk8s';
import { AWS, GCP, claimFor, platformObjects, registerPlatformXrd } from './fixture';
import { Rendered, compositeFor, render } from './render';
import {
  Backup, Credentials, DeletionPolicy, HighAvailability, InstanceSize, MySqlVersion, PortableMySQLProps,
} from '../../../src';
import { RDS_PARAMETER_CATALOG } from '../../../src/environments/aws/catalog/data/rds-parameters';
import { RDS_TLS_PARAMETERS, rdsFamilies } from '../../../src/environments/crossplane/database/aws';
import { validateManifest } from '../../util/schema';
import { byKind } from '../../util/synth';

let compositions: { [cloud: string]: any };

beforeAll(() => {
  registerPlatformXrd();
  const { objs } = platformObjects({ aws: AWS, gcp: { ...GCP, project: 'my-project' } });
  compositions = Object.fromEntries(byKind(objs, 'Composition').map((c) => [c.metadata.labels.provider, c]));
});

/** Renders a claim through one Composition; every composed resource must be valid against its CRD. */
function composed(props: PortableMySQLProps, cloud: string, edit: (claim: any) => void = () => {}): { [name: string]: any } {
  const { claim } = claimFor(props, { compositionSelector: { provider: cloud } });
  edit(claim);
  const xr = compositeFor(claim, 'XDatabase');
  expect(validateManifest(xr)).toEqual([]);
  const rendered: Rendered[] = render(compositions[cloud], xr);
  const out: { [name: string]: any } = {};
  for (const r of rendered) {
    expect({ name: r.name, skipped: r.skipped }).toEqual({ name: r.name, skipped: undefined });
    expect({ name: r.name, errors: validateManifest(r.resource) }).toEqual({ name: r.name, errors: [] });
    out[r.name] = r.resource;
  }
  return out;
}

const variations: Array<[string, PortableMySQLProps]> = [
  ['defaults', {}],
  ['8.0', { version: MySqlVersion.V8_0 }],
  ['pinned version', { version: MySqlVersion.of('8.4', '8.4.6') }],
  ['storage', { storage: Size.gibibytes(1000) }],
  ['medium', { instanceSize: InstanceSize.MEDIUM }],
  ['large', { instanceSize: InstanceSize.LARGE }],
  // 8 vCPU and 32 GiB: an RDS class (db.m6g.2xlarge) and a Cloud SQL custom machine (at most 6.5 GiB per vCPU).
  ['custom', { instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(32) }) }],
  ['database name', { databaseName: 'orders_db' }],
  ['no HA', { highAvailability: HighAvailability.NONE }],
  ['HA required', { highAvailability: HighAvailability.REQUIRED }],
  ['no backups', { backup: Backup.disabled() }],
  ['backups', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) }],
  ['delete', { deletionPolicy: DeletionPolicy.DELETE }],
  ['credentials from a secret', { credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) }],
];

describe.each(['aws', 'gcp'])('%s composition renders valid managed resources', (cloud) => {
  test.each(variations)('%s', (_, props) => {
    expect(Object.keys(composed(props, cloud)).length).toBeGreaterThan(0);
  });
});

describe('AWS: RDS Instance', () => {
  const rds = (props: PortableMySQLProps = {}) => composed(props, 'aws')['rds-instance'];

  test('defaults: private, encrypted, retained, Multi-AZ, daily backups', () => {
    const r = rds();
    expect(r.apiVersion).toBe('rds.aws.upbound.io/v1beta3');
    expect(r.spec.deletionPolicy).toBe('Orphan');
    expect(r.spec.providerConfigRef).toEqual({ name: 'default' });
    expect(r.spec.forProvider).toEqual({
      region: 'eu-west-1',
      identifier: 'orders',
      engine: 'mysql',
      engineVersion: '8.4',
      instanceClass: 'db.t4g.small',
      allocatedStorage: 20,
      storageType: 'gp3',
      storageEncrypted: true,
      publiclyAccessible: false,
      dbSubnetGroupName: 'data-private',
      vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
      port: 3306,
      dbName: 'app',
      username: 'app',
      passwordSecretRef: { name: 'orders-credentials', key: 'password', namespace: 'apps' },
      autoGeneratePassword: false,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      multiAz: true,
      backupRetentionPeriod: 7,
      backupWindow: '03:00-03:30',
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'orders-final',
      parameterGroupNameSelector: { matchControllerRef: true },
    });
  });

  test.each([
    ['pinned version', { version: MySqlVersion.of('8.4', '8.4.6') }, { engineVersion: '8.4.6' }],
    ['8.0', { version: MySqlVersion.V8_0 }, { engineVersion: '8.0' }],
    ['medium', { instanceSize: InstanceSize.MEDIUM }, { instanceClass: 'db.m6g.large' }],
    ['large', { instanceSize: InstanceSize.LARGE }, { instanceClass: 'db.m6g.xlarge' }],
    ['custom m6g', { instanceSize: InstanceSize.custom({ cpu: 16, memory: Size.gibibytes(64) }) }, { instanceClass: 'db.m6g.4xlarge' }],
    ['custom r6g', { instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(16) }) }, { instanceClass: 'db.r6g.large' }],
    ['storage', { storage: Size.gibibytes(1000) }, { allocatedStorage: 1000 }],
    ['no HA', { highAvailability: HighAvailability.NONE }, { multiAz: false }],
    ['no backups', { backup: Backup.disabled() }, { backupRetentionPeriod: 0, multiAz: false }],
    ['backups', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) }, { backupRetentionPeriod: 35, backupWindow: '23:45-00:15' }],
    ['delete', { deletionPolicy: DeletionPolicy.DELETE }, { deletionProtection: false, skipFinalSnapshot: true }],
    ['credentials', { credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) },
      { username: 'svc', passwordSecretRef: { name: 'orders-db', key: 'pw', namespace: 'apps' } }],
  ] as Array<[string, PortableMySQLProps, Record<string, unknown>]>)('%s', (_, props, expected) => {
    expect(rds(props).spec.forProvider).toMatchObject(expected);
  });

  test('no backups: no backup window', () => {
    expect(rds({ backup: Backup.disabled() }).spec.forProvider.backupWindow).toBeUndefined();
  });

  test('delete: the managed resource deletes the instance', () => {
    expect(rds({ deletionPolicy: DeletionPolicy.DELETE }).spec.deletionPolicy).toBe('Delete');
  });

  test('TLS only: a DB parameter group of the version\'s family with require_secure_transport, named after the instance', () => {
    const group = composed({}, 'aws')['rds-parameter-group'];
    expect(group.apiVersion).toBe('rds.aws.upbound.io/v1beta1');
    expect(group.kind).toBe('ParameterGroup');
    expect(group.metadata.annotations).toEqual({ 'crossplane.io/external-name': 'orders' });
    expect(group.spec).toEqual({
      deletionPolicy: 'Orphan',
      providerConfigRef: { name: 'default' },
      forProvider: {
        region: 'eu-west-1',
        description: 'TLS-only connections (cdk8s-portable-data)',
        family: 'mysql8.4',
        parameter: [{ name: 'require_secure_transport', value: '1', applyMethod: 'immediate' }],
      },
    });
    // The Instance uses the group composed for the same composite resource.
    expect(rds().spec.forProvider.parameterGroupNameSelector).toEqual({ matchControllerRef: true });
  });

  test.each([
    ['8.0', { version: MySqlVersion.V8_0 }, 'mysql8.0', 'Orphan'],
    ['pinned version', { version: MySqlVersion.of('8.4', '8.4.6') }, 'mysql8.4', 'Orphan'],
    ['delete', { deletionPolicy: DeletionPolicy.DELETE }, 'mysql8.4', 'Delete'],
  ] as Array<[string, PortableMySQLProps, string, string]>)('TLS parameter group, %s: family %s, deletion %s', (_, props, family, deletion) => {
    const group = composed(props, 'aws')['rds-parameter-group'];
    expect({ family: group.spec.forProvider.family, deletion: group.spec.deletionPolicy }).toEqual({ family, deletion });
  });

  test('the TLS parameters are modifiable parameters of every family the Composition maps, with an allowed value', () => {
    const checked = Object.entries(rdsFamilies()).map(([engineMajor, family]) => {
      const { name, value } = RDS_TLS_PARAMETERS[engineMajor.split('-')[0]];
      const entry = RDS_PARAMETER_CATALOG.families[family]?.[name];
      return { family, name, type: entry?.type, allowed: entry?.allowed?.split(',').includes(value) };
    });
    expect(checked).toEqual([
      { family: 'mysql8.0', name: 'require_secure_transport', type: 'boolean', allowed: true },
      { family: 'mysql8.4', name: 'require_secure_transport', type: 'boolean', allowed: true },
      { family: 'postgres15', name: 'rds.force_ssl', type: 'boolean', allowed: true },
      { family: 'postgres16', name: 'rds.force_ssl', type: 'boolean', allowed: true },
      { family: 'postgres17', name: 'rds.force_ssl', type: 'boolean', allowed: true },
    ]);
  });

  test('a custom size without an RDS class fails the composition (RDS has no such class)', () => {
    // A hand-written claim: the backend refuses this size at synth (see "fails when" in database.test.ts).
    const handWritten = (claim: any) => Object.assign(claim.spec.parameters, { instanceSize: 'custom', cpu: 3, memoryMiB: 5120 });
    expect(() => composed({}, 'aws', handWritten)).toThrow(/map transform: key 3-5120 not found in map/);
  });

  test('not rendered before the claim exists (the password Secret namespace is the claim namespace)', () => {
    const { claim } = claimFor();
    const xr = compositeFor(claim, 'XDatabase');
    delete xr.spec.claimRef;
    const [r] = render(compositions.aws, xr);
    expect(r.resource).toBeUndefined();
    expect(r.skipped).toMatch(/spec.claimRef.namespace/);
  });
});

describe('GCP: Cloud SQL', () => {
  const gcp = (props: PortableMySQLProps = {}) => composed(props, 'gcp');

  test('defaults: regional, SSL only, deletion-protected and orphaned, daily backups with binary logs', () => {
    const { 'cloudsql-instance': instance, 'cloudsql-database': database, 'cloudsql-user': user } = gcp();
    expect(instance.metadata.annotations).toEqual({ 'crossplane.io/external-name': 'orders' });
    expect(instance.spec.deletionPolicy).toBe('Orphan');
    expect(instance.spec.forProvider).toEqual({
      region: 'europe-west1',
      project: 'my-project',
      databaseVersion: 'MYSQL_8_4',
      deletionProtection: true,
      settings: {
        edition: 'ENTERPRISE',
        tier: 'db-custom-1-3840',
        diskType: 'PD_SSD',
        diskSize: 20,
        diskAutoresize: false,
        availabilityType: 'REGIONAL',
        deletionProtectionEnabled: true,
        ipConfiguration: { ipv4Enabled: true, sslMode: 'ENCRYPTED_ONLY' },
        backupConfiguration: {
          enabled: true,
          binaryLogEnabled: true,
          startTime: '03:00',
          backupRetentionSettings: { retainedBackups: 7 },
          transactionLogRetentionDays: 7,
        },
      },
    });
    expect(database.metadata.annotations).toEqual({ 'crossplane.io/external-name': 'app' });
    expect(database.spec).toEqual({
      deletionPolicy: 'Orphan',
      providerConfigRef: { name: 'default' },
      forProvider: { project: 'my-project', instanceSelector: { matchControllerRef: true }, charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci' },
    });
    expect(user.metadata.annotations).toEqual({ 'crossplane.io/external-name': 'app' });
    expect(user.spec).toEqual({
      deletionPolicy: 'Orphan',
      providerConfigRef: { name: 'default' },
      forProvider: {
        project: 'my-project',
        instanceSelector: { matchControllerRef: true },
        host: '%',
        type: 'BUILT_IN',
        passwordSecretRef: { name: 'orders-credentials', key: 'password', namespace: 'apps' },
      },
    });
  });

  test.each([
    ['8.0', { version: MySqlVersion.V8_0 }, { databaseVersion: 'MYSQL_8_0' }],
    ['pinned version (Cloud SQL takes the major)', { version: MySqlVersion.of('8.4', '8.4.3') }, { databaseVersion: 'MYSQL_8_4' }],
    ['medium', { instanceSize: InstanceSize.MEDIUM }, { settings: { tier: 'db-custom-2-8192' } }],
    ['large', { instanceSize: InstanceSize.LARGE }, { settings: { tier: 'db-custom-4-16384' } }],
    ['custom', { instanceSize: InstanceSize.custom({ cpu: 6, memory: Size.mebibytes(24576) }) }, { settings: { tier: 'db-custom-6-24576' } }],
    ['storage', { storage: Size.gibibytes(1000) }, { settings: { diskSize: 1000 } }],
    ['no HA', { highAvailability: HighAvailability.NONE }, { settings: { availabilityType: 'ZONAL' } }],
    ['backups', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) },
      { settings: { backupConfiguration: { startTime: '23:45', backupRetentionSettings: { retainedBackups: 35 }, transactionLogRetentionDays: 7 } } }],
    ['delete', { deletionPolicy: DeletionPolicy.DELETE }, { deletionProtection: false, settings: { deletionProtectionEnabled: false } }],
  ] as Array<[string, PortableMySQLProps, Record<string, unknown>]>)('%s', (_, props, expected) => {
    expect(gcp(props)['cloudsql-instance'].spec.forProvider).toMatchObject(expected);
  });

  test('no backups: zonal, backups and binary logs off, no retention', () => {
    const settings = gcp({ backup: Backup.disabled() })['cloudsql-instance'].spec.forProvider.settings;
    expect(settings.availabilityType).toBe('ZONAL');
    expect(settings.backupConfiguration).toEqual({ enabled: false, binaryLogEnabled: false });
  });

  test('delete: the three managed resources delete their cloud objects', () => {
    const resources = gcp({ deletionPolicy: DeletionPolicy.DELETE });
    expect(Object.values(resources).map((r) => r.spec.deletionPolicy)).toEqual(['Delete', 'Delete', 'Delete']);
  });

  test('database and user names', () => {
    const resources = gcp({ databaseName: 'orders_db', credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) });
    expect(resources['cloudsql-database'].metadata.annotations['crossplane.io/external-name']).toBe('orders_db');
    expect(resources['cloudsql-user'].metadata.annotations['crossplane.io/external-name']).toBe('svc');
    expect(resources['cloudsql-user'].spec.forProvider.passwordSecretRef).toEqual({ name: 'orders-db', key: 'pw', namespace: 'apps' });
  });
});
