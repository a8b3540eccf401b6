/**
 * PostgreSQL through the portable Crossplane API: the claims CrossplaneDatabaseBackend writes, the XRD's rules
 * for engines and majors, and what each Composition of CrossplaneDatabasePlatform composes for them (rendered by the
 * function-patch-and-transform model and validated against the provider CRDs).
 */
import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { AWS, GCP, composeClaim, platformObjects, postgresClaimFor, registerPlatformXrd } from './fixture';
import { compositeFor, getField, render } from './render';
import { Backup, Credentials, CrossplaneProfile, DeletionPolicy, HighAvailability, InstanceSize, MySqlVersion, PortableMySQL, PortablePostgres, PortablePostgresProps, PostgresVersion, Profile } from '../../../src';
import { ENGINES, majorsByEngine } from '../../../src/environments/crossplane/database/api';
import { CrossplaneDatabaseBackend } from '../../../src/environments/crossplane/database/backend';
import { imageTagOf, POSTGRES_IMAGE_TAGS } from '../../../src/environments/in-cluster/catalog/engine-images';
import { PROFILES } from '../../profiles.fixture';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

let xrd: any;
let compositions: { [cloud: string]: any };

beforeAll(() => {
  xrd = registerPlatformXrd();
  const { objs } = platformObjects({ aws: AWS, gcp: { ...GCP, project: 'my-project' } });
  compositions = Object.fromEntries(byKind(objs, 'Composition').map((c) => [c.metadata.labels.provider, c]));
});

/** The XRD's CEL rules on `spec.parameters`. */
function celRules(): Array<{ rule: string; message: string }> {
  return xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.parameters['x-kubernetes-validations'];
}

/**
 * Evaluates the CEL rules the XRD uses, a small subset of CEL (`self.f`, `==`, `!=`, `&&`, `||`, `!`, `in [...]`,
 * `has()`, `startsWith()`, `+` on strings), by translating them to JavaScript. Anything else fails the translation.
 */
function cel(rule: string, self: Record<string, unknown>): boolean {
  const js = rule
    .replace(/has\(self\.(\w+)\)/g, '(self.$1 !== undefined)')
    .replace(/self\.(\w+) in (\[[^\]]*\])/g, '$2.includes(self.$1)')
    .replace(/!=(?!=)/g, '!==')
    .replace(/(?<![=!])==(?!=)/g, '===');
  const stripped = js.replace(/'[^']*'/g, "''").replace(/self\.\w+(\.\w+)?/g, 'x').replace(/\.(includes|startsWith)\(/g, '(');
  if (!/^[\sx()[\]'!=&|+,.:undefined]*$/.test(stripped.replace(/undefined/g, ''))) throw new Error(`CEL outside the modelled subset: ${rule}`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('self', `return (${js});`)(self) as boolean;
}

function celErrors(parameters: Record<string, unknown>): string[] {
  return celRules().filter((r) => !cel(r.rule, parameters)).map((r) => r.message);
}

describe('claim', () => {
  test('defaults', () => {
    const { objs, claim, db } = postgresClaimFor();
    expectValid(objs);
    expect(db.backendName).toBe('crossplane');
    expect(claim.metadata.labels['app.kubernetes.io/name']).toBe('postgresql');
    expect(claim.spec).toEqual({
      compositionSelector: { matchLabels: { provider: 'aws' } },
      writeConnectionSecretToRef: { name: 'orders-crossplane' },
      parameters: {
        engine: 'postgresql',
        majorVersion: '17',
        storageGB: 20,
        instanceSize: 'small',
        databaseName: 'app',
        username: 'app',
        highAvailability: true,
        backup: { enabled: true, startTime: '03:00', endTime: '03:30', retentionDays: 7 },
        deletionPolicy: 'Retain',
        passwordSecretRef: { name: 'orders-credentials', key: 'password' },
        identifier: 'orders',
      },
    });
    expect(celErrors(claim.spec.parameters)).toEqual([]);
  });

  const cases: Array<[string, PortablePostgresProps, Record<string, unknown>]> = [
    ['15', { version: PostgresVersion.V15 }, { majorVersion: '15' }],
    ['16', { version: PostgresVersion.V16 }, { majorVersion: '16' }],
    ['pinned full version', { version: PostgresVersion.of('17', '17.6') }, { majorVersion: '17', engineVersion: '17.6' }],
    ['pinned full version of another major', { version: PostgresVersion.of('16', '16.9') }, { majorVersion: '16', engineVersion: '16.9' }],
    ['custom size', { instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(64) }) }, { instanceSize: 'custom', cpu: 8, memoryMiB: 65536 }],
    ['HA none', { highAvailability: HighAvailability.NONE }, { highAvailability: false }],
    ['HA auto without backups', { backup: Backup.disabled() }, { highAvailability: false, backup: { enabled: false } }],
    ['backups', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) },
      { backup: { enabled: true, startTime: '23:45', endTime: '00:15', retentionDays: 35 } }],
    ['delete', { deletionPolicy: DeletionPolicy.DELETE }, { deletionPolicy: 'Delete' }],
    ['credentials from a secret', { credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }), databaseName: 'orders' },
      { username: 'svc', databaseName: 'orders', passwordSecretRef: { name: 'orders-db', key: 'pw' } }],
  ];

  test.each(cases)('%s', (_, props, expected) => {
    const { objs, claim } = postgresClaimFor(props);
    expectValid(objs);
    expect(claim.spec.parameters).toMatchObject({ engine: 'postgresql', ...expected });
    expect(celErrors(claim.spec.parameters)).toEqual([]);
  });

  test('the binding: port 5432, host from the claim connection Secret', () => {
    const { db, chart } = postgresClaimFor();
    const { guarded, ...binding } = new CrossplaneDatabaseBackend({ compositionSelector: { provider: 'gcp' } }).bind(new Construct(chart, 'Other'), db._spec);
    // The upgrade guard compares the claim's version parameters (PostgreSQL: one number makes the major) and storageGB.
    expect([guarded.object.kind, guarded.version?.majorParts, guarded.storage?.field]).toEqual(['Database', 1, 'spec.parameters.storageGB']);
    expect(binding).toEqual({
      provider: 'crossplane',
      // The claim's Synced/Ready conditions are checked while the binder waits for its Secret.
      conditions: [{ apiGroup: 'portabledata.io', apiVersion: 'v1alpha1', resource: 'databases', name: 'orders' }],
      port: 5432,
      hostFrom: { apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'orders-crossplane', fieldPath: 'data.host', base64: true },
      tls: true,
      clientNegotiatesTls: true,
    });
  });

  test('works with the shared Crossplane fixture profile', () => {
    const { chart } = newChart();
    Profile.use(chart, PROFILES.crossplane());
    new PortablePostgres(chart, 'Db', { storage: Size.gibibytes(50) });
    const objs = synth(chart);
    expectValid(objs);
    expect(oneOf(objs, 'Database', 'portabledata.io/v1alpha1').spec.parameters).toMatchObject({ engine: 'postgresql', majorVersion: '17', storageGB: 50 });
  });
});

describe('engines and majors', () => {
  test('the XRD ties each major to its engine (CEL), the enum alone holding every major', () => {
    const majors = majorsByEngine();
    expect(majors).toEqual({ mysql: ['8.0', '8.4'], postgresql: ['15', '16', '17'] });
    const enumMajors: string[] = xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.parameters.properties.majorVersion.enum;
    const rule = celRules().find((r) => r.message.startsWith('majorVersion must be a major of the engine'))!;
    for (const engine of ENGINES) {
      for (const majorVersion of enumMajors) {
        expect({ engine, majorVersion, accepted: cel(rule.rule, { engine, majorVersion }) })
          .toEqual({ engine, majorVersion, accepted: majors[engine].includes(majorVersion) });
      }
    }
  });

  test('the XRD ties a full version to its major (CEL)', () => {
    const rule = celRules().find((r) => r.message === 'engineVersion must be a version of majorVersion')!;
    expect(cel(rule.rule, { majorVersion: '17' })).toBe(true);
    expect(cel(rule.rule, { majorVersion: '17', engineVersion: '17' })).toBe(true);
    expect(cel(rule.rule, { majorVersion: '17', engineVersion: '17.2' })).toBe(true);
    expect(cel(rule.rule, { majorVersion: '8.4', engineVersion: '8.4.3' })).toBe(true);
    expect(cel(rule.rule, { majorVersion: '17', engineVersion: '16.2' })).toBe(false);
    expect(cel(rule.rule, { majorVersion: '1', engineVersion: '17.2' })).toBe(false);
  });

  test('the backend never writes a combination the XRD refuses, for every engine and major', () => {
    const claims = [
      ...PostgresVersion.knownMajors.map((m) => postgresClaimFor({ version: PostgresVersion.of(m) }).claim),
      ...PostgresVersion.knownMajors.map((m) => postgresClaimFor({ version: PostgresVersion.of(m, imageTagOf(POSTGRES_IMAGE_TAGS, m)!) }).claim),
      ...MySqlVersion.knownMajors.map((m) => {
        const { chart } = newChart();
        Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'gcp' } }));
        new PortableMySQL(chart, 'Db', { name: 'orders', version: MySqlVersion.of(m, `${m}.1`) });
        return oneOf(synth(chart), 'Database', 'portabledata.io/v1alpha1');
      }),
    ];
    expect(claims.map((c) => `${c.spec.parameters.engine} ${c.spec.parameters.majorVersion}`)).toEqual([
      'postgresql 15', 'postgresql 16', 'postgresql 17', 'postgresql 15', 'postgresql 16', 'postgresql 17', 'mysql 8.0', 'mysql 8.4',
    ]);
    for (const claim of claims) expect(celErrors(claim.spec.parameters)).toEqual([]);
  });

  test('a composition refuses a combination the XRD would refuse', () => {
    const { claim } = postgresClaimFor();
    const xr = compositeFor(claim, 'XDatabase');
    xr.spec.parameters.engine = 'mysql';
    expect(celErrors(xr.spec.parameters)).toContain('majorVersion must be a major of the engine: mysql 8.0, 8.4; postgresql 15, 16, 17');
    expect(() => render(compositions.gcp, xr)).toThrow(/map transform: key mysql-17 not found in map/);
  });
});

describe('fails when', () => {
  const cases: Array<[string, PortablePostgresProps, RegExp]> = [
    ['the major version is not mapped by the compositions', { version: PostgresVersion.of('18', '18.1') },
      /Db: invalid version "18": allowed: a major version the Crossplane Compositions map: 15, 16, 17\. Fix: use PostgresVersion\.V15, V16 or V17 \(a full version may be pinned with PostgresVersion\.of\(major, fullVersion\)\)/],
    ['high availability is required without backups', { highAvailability: HighAvailability.REQUIRED, backup: Backup.disabled() },
      /Db: invalid highAvailability "required": allowed: HighAvailability\.REQUIRED only with backups enabled \(Cloud SQL needs backups and binary logs or point-in-time recovery/],
    ['the database is RDS\'s', { databaseName: 'rdsadmin' },
      /Db: invalid databaseName "rdsadmin": allowed: on RDS and Cloud SQL for PostgreSQL \(the Crossplane Compositions\), .*not one of postgres, template0, template1, rdsadmin, cloudsqladmin/],
    ['the database is Cloud SQL\'s', { databaseName: 'cloudsqladmin' }, /Db: invalid databaseName "cloudsqladmin"/],
    ['the database name is a reserved key word', { databaseName: 'table' }, /Db: invalid databaseName "table"/],
    ['the user name has PostgreSQL\'s prefix', { credentials: Credentials.generated({ username: 'pg_app' }) },
      /Db: invalid credentials\.username "pg_app": allowed: on RDS and Cloud SQL for PostgreSQL .*not starting with pg_ or rds_ or cloudsql/],
    ['the user name has RDS\'s prefix', { credentials: Credentials.generated({ username: 'rds_app' }) }, /invalid credentials\.username "rds_app"/],
    ['the user name has Cloud SQL\'s prefix', { credentials: Credentials.generated({ username: 'cloudsqlapp' }) }, /invalid credentials\.username "cloudsqlapp"/],
  ];

  test.each(cases)('%s', (_, props, message) => {
    expect(() => postgresClaimFor(props)).toThrow(message);
  });
});

describe('compositions', () => {
  const variations: Array<[string, PortablePostgresProps]> = [
    ['defaults', {}],
    ['15', { version: PostgresVersion.V15 }],
    ['16', { version: PostgresVersion.V16 }],
    ['pinned version', { version: PostgresVersion.of('17', '17.6') }],
    ['storage', { storage: Size.gibibytes(1000) }],
    ['medium', { instanceSize: InstanceSize.MEDIUM }],
    // 8 vCPU and 32 GiB: an RDS class (db.m6g.2xlarge) and a Cloud SQL custom machine (at most 6.5 GiB per vCPU).
    ['custom', { instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(32) }) }],
    ['no HA', { highAvailability: HighAvailability.NONE }],
    ['HA required', { highAvailability: HighAvailability.REQUIRED }],
    ['no backups', { backup: Backup.disabled() }],
    ['backups', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) }],
    ['delete', { deletionPolicy: DeletionPolicy.DELETE }],
    ['credentials from a secret', { credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) }],
  ];

  describe.each(['aws', 'gcp'])('%s renders valid managed resources', (cloud) => {
    test.each(variations)('%s', (_, props) => {
      const { claim } = postgresClaimFor(props, { compositionSelector: { provider: cloud } });
      expect(Object.keys(composeClaim(claim, compositions[cloud])).length).toBeGreaterThan(0);
    });
  });

  describe('AWS: RDS Instance', () => {
    const rds = (props: PortablePostgresProps = {}) => composeClaim(postgresClaimFor(props).claim, compositions.aws)['rds-instance'];

    test('defaults: engine postgres, the major, port 5432; the rest as for MySQL', () => {
      const r = rds();
      expect(r.spec.deletionPolicy).toBe('Orphan');
      expect(r.spec.forProvider).toEqual({
        region: 'eu-west-1',
        identifier: 'orders',
        engine: 'postgres',
        engineVersion: '17',
        instanceClass: 'db.t4g.small',
        allocatedStorage: 20,
        storageType: 'gp3',
        storageEncrypted: true,
        publiclyAccessible: false,
        dbSubnetGroupName: 'data-private',
        vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
        port: 5432,
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
      ['defaults', {}, 'postgres17'],
      ['15', { version: PostgresVersion.V15 }, 'postgres15'],
      ['16', { version: PostgresVersion.V16 }, 'postgres16'],
      ['pinned version', { version: PostgresVersion.of('17', '17.6') }, 'postgres17'],
    ] as Array<[string, PortablePostgresProps, string]>)('TLS only, %s: a DB parameter group of family %s with rds.force_ssl', (_, props, family) => {
      const group = composeClaim(postgresClaimFor(props).claim, compositions.aws)['rds-parameter-group'];
      expect(group.metadata.annotations).toEqual({ 'crossplane.io/external-name': 'orders' });
      expect(group.spec.forProvider).toEqual({
        region: 'eu-west-1',
        description: 'TLS-only connections (cdk8s-portable-data)',
        family,
        parameter: [{ name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' }],
      });
    });

    test.each([
      ['15', { version: PostgresVersion.V15 }, { engineVersion: '15' }],
      ['pinned version', { version: PostgresVersion.of('17', '17.6') }, { engineVersion: '17.6' }],
      ['no HA', { highAvailability: HighAvailability.NONE }, { multiAz: false }],
      ['no backups', { backup: Backup.disabled() }, { backupRetentionPeriod: 0, multiAz: false }],
      ['delete', { deletionPolicy: DeletionPolicy.DELETE }, { deletionProtection: false, skipFinalSnapshot: true }],
      ['custom r6g', { instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(16) }) }, { instanceClass: 'db.r6g.large' }],
    ] as Array<[string, PortablePostgresProps, Record<string, unknown>]>)('%s', (_, props, expected) => {
      expect(rds(props).spec.forProvider).toMatchObject({ engine: 'postgres', port: 5432, ...expected });
    });

    test('the port connection detail is the instance\'s port', () => {
      const [template] = compositions.aws.spec.pipeline[0].input.resources;
      expect(template.connectionDetails).toContainEqual({ name: 'port', type: 'FromFieldPath', fromFieldPath: 'status.atProvider.port' });
    });
  });

  describe('GCP: Cloud SQL', () => {
    const gcp = (props: PortablePostgresProps = {}) => composeClaim(postgresClaimFor(props, { compositionSelector: { provider: 'gcp' } }).claim, compositions.gcp);

    test('defaults: POSTGRES_17, point-in-time recovery, UTF8 database, user without host', () => {
      const { 'cloudsql-instance': instance, 'cloudsql-database': database, 'cloudsql-user': user } = gcp();
      expect(instance.metadata.labels).toEqual({ 'portabledata.io/port': '5432' });
      expect(instance.spec.forProvider).toEqual({
        region: 'europe-west1',
        project: 'my-project',
        databaseVersion: 'POSTGRES_17',
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
            pointInTimeRecoveryEnabled: true,
            startTime: '03:00',
            backupRetentionSettings: { retainedBackups: 7 },
            transactionLogRetentionDays: 7,
          },
        },
      });
      expect(database.spec.forProvider).toEqual({ project: 'my-project', instanceSelector: { matchControllerRef: true }, charset: 'UTF8', collation: 'en_US.UTF8' });
      expect(user.spec.forProvider).toEqual({
        project: 'my-project',
        instanceSelector: { matchControllerRef: true },
        type: 'BUILT_IN',
        passwordSecretRef: { name: 'orders-credentials', key: 'password', namespace: 'apps' },
      });
    });

    test.each([
      ['15', { version: PostgresVersion.V15 }, { databaseVersion: 'POSTGRES_15' }],
      ['16', { version: PostgresVersion.V16 }, { databaseVersion: 'POSTGRES_16' }],
      ['pinned version (Cloud SQL takes the major)', { version: PostgresVersion.of('17', '17.2') }, { databaseVersion: 'POSTGRES_17' }],
      ['no HA', { highAvailability: HighAvailability.NONE }, { settings: { availabilityType: 'ZONAL', backupConfiguration: { pointInTimeRecoveryEnabled: true } } }],
      ['backups', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) },
        { settings: { backupConfiguration: { startTime: '23:45', backupRetentionSettings: { retainedBackups: 35 }, transactionLogRetentionDays: 7 } } }],
      ['delete', { deletionPolicy: DeletionPolicy.DELETE }, { deletionProtection: false, settings: { deletionProtectionEnabled: false } }],
    ] as Array<[string, PortablePostgresProps, Record<string, unknown>]>)('%s', (_, props, expected) => {
      expect(gcp(props)['cloudsql-instance'].spec.forProvider).toMatchObject(expected);
    });

    test('no backups: zonal, backups and point-in-time recovery off', () => {
      const settings = gcp({ backup: Backup.disabled() })['cloudsql-instance'].spec.forProvider.settings;
      expect(settings.availabilityType).toBe('ZONAL');
      expect(settings.backupConfiguration).toEqual({ enabled: false, pointInTimeRecoveryEnabled: false });
    });

    test('binaryLogEnabled and host are never set for PostgreSQL', () => {
      for (const [, props] of variations) {
        const resources = gcp(props);
        expect(Object.keys(resources['cloudsql-instance'].spec.forProvider.settings.backupConfiguration)).not.toContain('binaryLogEnabled');
        expect(Object.keys(resources['cloudsql-user'].spec.forProvider)).not.toContain('host');
      }
    });

    test('delete: the three managed resources delete their cloud objects', () => {
      expect(Object.values(gcp({ deletionPolicy: DeletionPolicy.DELETE })).map((r) => r.spec.deletionPolicy)).toEqual(['Delete', 'Delete', 'Delete']);
    });

    test('the port connection detail reads the engine\'s port from the instance', () => {
      const [template] = compositions.gcp.spec.pipeline[0].input.resources;
      const detail = template.connectionDetails.find((d: any) => d.name === 'port');
      expect(detail.type).toBe('FromFieldPath');
      expect(getField(gcp()['cloudsql-instance'], detail.fromFieldPath)).toBe('5432');
      const { chart } = newChart();
      Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'gcp' } }));
      new PortableMySQL(chart, 'Db', { name: 'orders' });
      const mysqlClaim = oneOf(synth(chart), 'Database', 'portabledata.io/v1alpha1');
      const mysql = composeClaim(mysqlClaim, compositions.gcp);
      expect(getField(mysql['cloudsql-instance'], detail.fromFieldPath)).toBe('3306');
      expect(mysql['cloudsql-instance'].spec.forProvider.settings.backupConfiguration).toMatchObject({ enabled: true, binaryLogEnabled: true });
      expect(mysql['cloudsql-instance'].spec.forProvider.settings.backupConfiguration.pointInTimeRecoveryEnabled).toBeUndefined();
      expect(mysql['cloudsql-user'].spec.forProvider.host).toBe('%');
    });
  });
});
