import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AwsProfile, AwsProfileOptions, Backup, Credentials, DeletionPolicy, HighAvailability, InstanceSize, MySqlVersion, PortableMySQL, PortableMySQLProps, Profile } from '../../../src';
import { AwsRdsDatabaseBackend } from '../../../src/environments/aws/database';
import { DbInstance } from '../../../src/imports/rds.services.k8s.aws';
import { DatabaseSpec } from '../../../src/services/database/resolved-spec';
import { expectValid } from '../../util/schema';
import { bindingSpec, byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const BASE: AwsProfileOptions = {
  region: 'eu-west-1',
  dbSubnetGroupName: 'data-private',
  vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
};
const KMS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Synthesizes one MySQL database named `orders` (unless props say otherwise) under an AWS profile. */
function render(props: PortableMySQLProps = {}, options: Partial<AwsProfileOptions> = {}) {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile({ ...BASE, ...options }));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders', ...props });
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

describe('AWS RDS backend (ACK)', () => {
  describe('defaults', () => {
    test('one DBInstance with the fixed construct ID "DBInstance", named after the service', () => {
      const { db, instance } = render();
      expect(db.backendName).toBe('aws-ack');
      expect(db.node.findChild('DBInstance')).toBeInstanceOf(DbInstance);
      expect(instance.metadata.name).toBe('orders');
      expect(instance.metadata.namespace).toBe('apps');
    });

    test('maps the portable defaults to the RDS fields', () => {
      const { spec } = render();
      expect(spec).toEqual({
        dbInstanceIdentifier: 'orders',
        engine: 'mysql',
        engineVersion: '8.4',
        autoMinorVersionUpgrade: true,
        dbInstanceClass: 'db.t4g.small',
        // The group that enforces TLS (require_secure_transport), always.
        dbParameterGroupRef: { from: { name: 'orders-mysql8-4' } },
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
        port: 3306,
        multiAZ: true,
        backupRetentionPeriod: 7,
        preferredBackupWindow: '03:00-03:30',
        copyTagsToSnapshot: true,
        deletionProtection: true,
        tags: expect.any(Array),
      });
    });

    test('the region and the retain deletion policy are annotations', () => {
      const { annotations } = render();
      expect(annotations).toEqual({
        'services.k8s.aws/region': 'eu-west-1',
        'services.k8s.aws/deletion-policy': 'retain',
        'rds.services.k8s.aws/skip-final-snapshot': 'false',
        'rds.services.k8s.aws/final-db-snapshot-identifier': 'orders-final',
        'services.k8s.aws/adoption-policy': 'adopt-or-create',
        'services.k8s.aws/adoption-fields': '{"dbInstanceIdentifier":"orders"}',
      });
    });

    test('labels are on the object and become sorted RDS tags', () => {
      const { instance, spec } = render({ labels: { team: 'payments' } });
      expect(instance.metadata.labels).toMatchObject({ 'team': 'payments', 'app.kubernetes.io/instance': 'orders', 'portabledata.io/backend': 'aws-ack' });
      expect(spec.tags).toContainEqual({ key: 'team', value: 'payments' });
      expect(spec.tags).toContainEqual({ key: 'app.kubernetes.io/managed-by', value: 'cdk8s-portable-data' });
      const keys = spec.tags.map((t: any) => t.key);
      expect(keys).toEqual([...keys].sort());
      expect(keys).toEqual(Object.keys(instance.metadata.labels).sort());
    });

    test('the identifier defaults to the derived service name', () => {
      const { chart } = newChart();
      Profile.use(chart, new AwsProfile(BASE));
      const db = new PortableMySQL(chart, 'Db');
      const instance = oneOf(synth(chart), 'DBInstance');
      expect(instance.spec.dbInstanceIdentifier).toBe(db.name);
      expect(instance.metadata.name).toBe(db.name);
    });
  });

  describe('connection', () => {
    test('the host is read at deploy time from status.endpoint.address of the DBInstance', () => {
      const { objs } = render();
      const spec = bindingSpec(objs);
      expect(spec.deferred).toEqual({
        host: {
          apiGroup: 'rds.services.k8s.aws',
          apiVersion: 'v1alpha1',
          resource: 'dbinstances',
          name: 'orders',
          fieldPath: 'status.endpoint.address',
        },
      });
      expect(spec.values).toMatchObject({ provider: 'aws-rds', port: '3306', database: 'app', username: 'app', type: 'mysql' });
      expect(spec.values.host).toBeUndefined();
    });

    test('the binder may read exactly this DBInstance', () => {
      const { objs } = render();
      const role = oneOf(objs, 'Role');
      expect(role.rules).toContainEqual({ apiGroups: ['rds.services.k8s.aws'], resources: ['dbinstances'], verbs: ['get', 'watch'], resourceNames: ['orders'] });
    });

    test('the bind() result names the provider, the port and where the host comes from', () => {
      const { guarded, ...binding } = bindDirectly({});
      expect(binding).toEqual({
        provider: 'aws-rds',
        port: 3306,
        hostFrom: { apiGroup: 'rds.services.k8s.aws', apiVersion: 'v1alpha1', resource: 'dbinstances', name: 'orders', fieldPath: 'status.endpoint.address' },
        tls: true,
        clientNegotiatesTls: true,
      });
      // The upgrade guard compares the DBInstance's engineVersion (MySQL: two numbers make the major) and allocatedStorage.
      expect([guarded.object.kind, guarded.version?.field, guarded.version?.majorParts, guarded.storage?.field])
        .toEqual(['DBInstance', 'spec.engineVersion', 2, 'spec.allocatedStorage']);
    });

    test('no password is synthesized: only a reference to the credentials Secret', () => {
      const { objs, spec } = render();
      expect(byKind(objs, 'Secret')).toEqual([]);
      expect(Object.keys(spec.masterUserPassword).sort()).toEqual(['key', 'name', 'namespace']);
      for (const obj of objs) {
        const text = JSON.stringify(obj);
        expect(text).not.toMatch(/"(password|masterUserPassword)"\s*:\s*"/);
        expect(text).not.toMatch(/"stringData"|"data"\s*:\s*\{\s*"password"/);
      }
    });

    test('a user Secret and password key are referenced as given', () => {
      const { spec, objs } = render({ credentials: Credentials.fromSecret('orders-db', { username: 'orders', passwordKey: 'pw' }) });
      expect(spec.masterUserPassword).toEqual({ name: 'orders-db', key: 'pw', namespace: 'apps' });
      expect(spec.masterUsername).toBe('orders');
      expect(bindingSpec(objs).credentials).toMatchObject({ secret: 'orders-db', generate: false, passwordKey: 'pw' });
    });

    test('without a chart namespace the Secret reference has none (ACK uses the object\'s namespace)', () => {
      const chart = new Chart(Testing.app(), 'nons');
      Profile.use(chart, new AwsProfile(BASE));
      new PortableMySQL(chart, 'Db', { name: 'orders' });
      const instance = oneOf(synth(chart), 'DBInstance');
      expect(instance.spec.masterUserPassword).toEqual({ name: 'orders-credentials', key: 'password' });
    });
  });

  describe('version', () => {
    test.each([
      ['8.4 (default)', '8.4', true, undefined],
      ['8.0', '8.0', true, MySqlVersion.V8_0],
      ['a pinned 8.4.6', '8.4.6', false, MySqlVersion.of('8.4', '8.4.6')],
      ['a pinned version of a major the catalog lacks', '9.1.0', false, MySqlVersion.of('9.1', '9.1.0')],
    ])('%s → engineVersion %s, autoMinorVersionUpgrade %s', (_, engineVersion, autoMinor, version) => {
      const { spec } = render({ version });
      expect(spec.engineVersion).toBe(engineVersion);
      expect(spec.autoMinorVersionUpgrade).toBe(autoMinor);
    });

    test('fails when the major is not in the catalog and no full version is pinned', () => {
      expect(() => bindDirectly({ majorVersion: '5.7', fullVersion: undefined })).toThrow(
        /test\/Direct: invalid version "5\.7": allowed: on AWS RDS, one of the catalog's mysql versions 8\.0, 8\.4/,
      );
    });
  });

  describe('high availability', () => {
    test.each([
      [HighAvailability.NONE, false],
      [HighAvailability.AUTO, true],
      [HighAvailability.REQUIRED, true],
    ])('%s → multiAZ %s', (highAvailability, multiAZ) => {
      expect(render({ highAvailability }).spec.multiAZ).toBe(multiAZ);
    });
  });

  describe('backups', () => {
    test('disabled → retention 0 and no window', () => {
      const { spec } = render({ backup: Backup.disabled() });
      expect(spec.backupRetentionPeriod).toBe(0);
      expect(spec.preferredBackupWindow).toBeUndefined();
    });

    test('custom start time and retention', () => {
      const { spec } = render({ backup: Backup.daily({ startTime: '01:15', retention: Duration.days(14) }) });
      expect(spec.backupRetentionPeriod).toBe(14);
      expect(spec.preferredBackupWindow).toBe('01:15-01:45');
    });

    test.each([
      ['23:45', '23:45-00:15'],
      ['23:30', '23:30-00:00'],
      ['00:00', '00:00-00:30'],
      ['12:59', '12:59-13:29'],
    ])('a window from %s is %s (wrapping midnight)', (startTime, window) => {
      expect(render({ backup: Backup.daily({ startTime }) }).spec.preferredBackupWindow).toBe(window);
    });

    test('maxes out at 35 days', () => {
      expect(render({ backup: Backup.daily({ retention: Duration.days(35) }) }).spec.backupRetentionPeriod).toBe(35);
    });
  });

  describe('deletion policy', () => {
    test('RETAIN: deletion protection, retain policy, final snapshot if ever deleted through ACK', () => {
      const { spec, annotations } = render({ deletionPolicy: DeletionPolicy.RETAIN }, { namePrefix: 'prod-' });
      expect(spec.deletionProtection).toBe(true);
      expect(annotations['services.k8s.aws/deletion-policy']).toBe('retain');
      expect(annotations['rds.services.k8s.aws/skip-final-snapshot']).toBe('false');
      expect(annotations['rds.services.k8s.aws/final-db-snapshot-identifier']).toBe('prod-orders-final');
      // Applying the YAML again after `kubectl delete -f` adopts the kept instance instead of failing "already exists".
      expect(annotations['services.k8s.aws/adoption-policy']).toBe('adopt-or-create');
      expect(JSON.parse(annotations['services.k8s.aws/adoption-fields'])).toEqual({ dbInstanceIdentifier: 'prod-orders' });
    });

    test('DELETE: no protection, explicit delete policy, no final snapshot, automated backups deleted', () => {
      const { spec, annotations } = render({ deletionPolicy: DeletionPolicy.DELETE });
      expect(spec.deletionProtection).toBe(false);
      expect(annotations).toEqual({
        'services.k8s.aws/region': 'eu-west-1',
        'services.k8s.aws/deletion-policy': 'delete',
        'rds.services.k8s.aws/skip-final-snapshot': 'true',
        'rds.services.k8s.aws/delete-automated-backups': 'true',
      });
    });
  });

  describe('instance size', () => {
    test.each([
      ['SMALL', 'db.t4g.small', InstanceSize.SMALL],
      ['MEDIUM', 'db.m6g.large', InstanceSize.MEDIUM],
      ['LARGE', 'db.m6g.xlarge', InstanceSize.LARGE],
      ['custom 2 vCPU 2 GiB', 'db.t4g.small', InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(2) })],
      ['custom 2 vCPU 8 GiB (m6g over t4g)', 'db.m6g.large', InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })],
      ['custom 4 vCPU 32 GiB', 'db.r6g.xlarge', InstanceSize.custom({ cpu: 4, memory: Size.gibibytes(32) })],
      ['custom 64 vCPU 512 GiB', 'db.r6g.16xlarge', InstanceSize.custom({ cpu: 64, memory: Size.gibibytes(512) })],
    ])('%s → %s', (_, cls, instanceSize) => {
      expect(render({ instanceSize }).spec.dbInstanceClass).toBe(cls);
    });

    test('the profile may replace the class of a named size', () => {
      const options = { instanceClasses: { small: 'db.t4g.medium' } };
      expect(render({}, options).spec.dbInstanceClass).toBe('db.t4g.medium');
      expect(render({ instanceSize: InstanceSize.MEDIUM }, options).spec.dbInstanceClass).toBe('db.m6g.large');
    });

    test('fails when a custom size matches no RDS class, listing the nearest', () => {
      expect(() => render({ instanceSize: InstanceSize.custom({ cpu: 3, memory: Size.gibibytes(10) }) })).toThrow(
        /test\/Db: invalid instanceSize "custom\(3 vCPU, 10240 MiB\)": allowed: .*nearest: db\.m6g\.large \(2 vCPU, 8 GiB\), db\.t4g\.large \(2 vCPU, 8 GiB\), db\.m6g\.xlarge \(4 vCPU, 16 GiB\)\. Fix: use InstanceSize\.custom\(\{ cpu: 2, memory: Size\.gibibytes\(8\) \}\)/,
      );
    });

    test('fails when a custom size has 1 vCPU (no RDS class has one)', () => {
      expect(() => render({ instanceSize: InstanceSize.custom({ cpu: 1, memory: Size.gibibytes(2) }) })).toThrow(/invalid instanceSize .*nearest: db\.t4g\.small/);
    });
  });

  describe('storage', () => {
    test.each([
      [100, 200],
      [40000, 65536],
      [59578, 65536],
    ])('%i GiB autoscales up to %i GiB', (gib, max) => {
      const { spec } = render({ storage: Size.gibibytes(gib) });
      expect(spec.allocatedStorage).toBe(gib);
      expect(spec.maxAllocatedStorage).toBe(max);
    });

    test.each([60000, 65536])('%i GiB: no autoscaling (the cap would be less than 10%% above)', (gib) => {
      const { spec } = render({ storage: Size.gibibytes(gib) });
      expect(spec.allocatedStorage).toBe(gib);
      expect(spec.maxAllocatedStorage).toBeUndefined();
    });

    test('the profile sets the autoscaling factor; 1 turns it off', () => {
      expect(render({ storage: Size.gibibytes(100) }, { maxAllocatedStorageFactor: 1.5 }).spec.maxAllocatedStorage).toBe(150);
      expect(render({ storage: Size.gibibytes(100) }, { maxAllocatedStorageFactor: 1 }).spec.maxAllocatedStorage).toBeUndefined();
    });

    test('the profile may choose gp2', () => {
      expect(render({}, { storageType: 'gp2' }).spec.storageType).toBe('gp2');
    });

    test('fails when the backend gets storage RDS cannot allocate', () => {
      expect(() => bindDirectly({ storage: Size.gibibytes(10) })).toThrow(
        /test\/Direct: invalid storage "10 GiB": allowed: on AWS RDS mysql with gp3 storage, a whole number of GiB from 20 to 65536\. Fix: did you mean Size\.gibibytes\(20\)\?/,
      );
    });
  });

  describe('encryption, network, naming', () => {
    test('storage is encrypted with the profile\'s KMS key when given', () => {
      const { spec } = render({}, { kmsKeyArn: KMS_KEY });
      expect(spec.storageEncrypted).toBe(true);
      expect(spec.kmsKeyID).toBe(KMS_KEY);
    });

    test('an alias ARN and a multi-Region key are accepted', () => {
      expect(render({}, { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/rds-data' }).spec.kmsKeyID).toBe('arn:aws:kms:eu-west-1:123456789012:alias/rds-data');
      const mrk = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234567890abcdef1234567890abcdef';
      expect(render({}, { kmsKeyArn: mrk }).spec.kmsKeyID).toBe(mrk);
    });

    test('every security group is attached, in order', () => {
      const groups = ['sg-0123456789abcdef0', 'sg-89abcdef'];
      expect(render({}, { vpcSecurityGroupIds: groups }).spec.vpcSecurityGroupIDs).toEqual(groups);
    });

    test('the prefix applies to the RDS identifier only', () => {
      const { instance, objs } = render({}, { namePrefix: 'prod-' });
      expect(instance.spec.dbInstanceIdentifier).toBe('prod-orders');
      expect(instance.metadata.name).toBe('orders');
      expect(bindingSpec(objs).deferred.host.name).toBe('orders');
    });

    test('the longest prefix fits the longest name', () => {
      const name = 'a'.repeat(40);
      const { spec } = render({ name }, { namePrefix: 'p'.repeat(23) });
      expect(spec.dbInstanceIdentifier).toHaveLength(63);
    });

    test('the maintenance window is passed when it does not overlap the backup window', () => {
      expect(render({}, { maintenanceWindow: 'sun:04:00-sun:04:30' }).spec.preferredMaintenanceWindow).toBe('sun:04:00-sun:04:30');
      expect(render({}, { maintenanceWindow: 'sun:03:30-sun:04:00' }).spec.preferredMaintenanceWindow).toBe('sun:03:30-sun:04:00');
      expect(render({ backup: Backup.disabled() }, { maintenanceWindow: 'sun:03:00-sun:03:30' }).spec.preferredMaintenanceWindow).toBe('sun:03:00-sun:03:30');
    });

    test('fails when the maintenance window overlaps the backup window', () => {
      expect(() => render({}, { maintenanceWindow: 'wed:03:15-wed:03:45' })).toThrow(
        /test\/Db: invalid backup\.startTime "03:00": allowed: a backup window \(03:00-03:30 UTC daily\) that does not overlap the profile's maintenance window wed:03:15-wed:03:45/,
      );
    });

    test('fails when a maintenance window across the week\'s end overlaps a backup window after midnight', () => {
      expect(() => render({ backup: Backup.daily({ startTime: '00:10' }) }, { maintenanceWindow: 'sun:23:50-mon:00:20' })).toThrow(/invalid backup\.startTime "00:10"/);
    });

    test('fails when the backup window across midnight overlaps the maintenance window', () => {
      expect(() => render({ backup: Backup.daily({ startTime: '23:45' }) }, { maintenanceWindow: 'tue:00:05-tue:00:35' })).toThrow(/invalid backup\.startTime "23:45"/);
    });

    test('fails when the labels are too many to become RDS tags', () => {
      const labels: { [key: string]: string } = {};
      for (let i = 0; i < 45; i++) labels[`label-${i}`] = 'x';
      expect(() => render({ labels })).toThrow(/test\/Db: invalid labels "49 labels": allowed: at most 45 labels/);
    });

    test('fails when prefix + name exceed an RDS identifier', () => {
      expect(() => bindDirectly({ name: 'a'.repeat(41) }, { namePrefix: 'p'.repeat(23) })).toThrow(
        /test\/Direct: invalid RDS DB instance identifier "p{23}a{41}": allowed: on AWS RDS, 1 to 63 .*Fix: did you mean "p{23}a{40}"\? \(shorten the name or the profile's namePrefix\)/,
      );
    });

    test('fails when the engine has no RDS mapping', () => {
      const { db } = render();
      const engine = Object.create(db._spec.engine, { name: { value: 'cockroachdb' } });
      expect(() => bindDirectly({ engine })).toThrow(/invalid engine "cockroachdb": allowed: the engines the aws-ack backend serves: mysql/);
    });
  });

  describe('profile options', () => {
    test.each([
      ['us-gov-west-1', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      ['cn-north-1', 'arn:aws-cn:kms:cn-north-1:123456789012:alias/data'],
      ['ap-southeast-2', 'arn:aws:kms:ap-southeast-2:123456789012:alias/data'],
    ])('accepts region %s with a key of its partition', (region, kmsKeyArn) => {
      expect(() => new AwsProfile({ ...BASE, region, kmsKeyArn })).not.toThrow();
    });

    const badOptions: Array<[string, Partial<AwsProfileOptions>, RegExp]> = [
      ['region', { region: 'EU-WEST-1' }, /aws profile option region: invalid region "EU-WEST-1": allowed: an AWS region code/],
      ['region', { region: 'eu-west' }, /invalid region "eu-west"/],
      ['dbSubnetGroupName', { dbSubnetGroupName: 'default' }, /aws profile option dbSubnetGroupName: invalid dbSubnetGroupName "default": allowed: .*not "default"/],
      ['dbSubnetGroupName', { dbSubnetGroupName: '1-private' }, /invalid dbSubnetGroupName "1-private"/],
      ['dbSubnetGroupName', { dbSubnetGroupName: 'a'.repeat(256) }, /invalid dbSubnetGroupName "a{256}"/],
      ['vpcSecurityGroupIds', { vpcSecurityGroupIds: [] }, /aws profile option vpcSecurityGroupIds: invalid vpcSecurityGroupIds \[\]: allowed: at least one/],
      ['vpcSecurityGroupIds', { vpcSecurityGroupIds: ['sg-123'] }, /invalid vpcSecurityGroupIds "sg-123": allowed: security group IDs: "sg-" and 8 or 17 lower-case hex digits/],
      ['vpcSecurityGroupIds', { vpcSecurityGroupIds: ['sg-0123456789ABCDEF0'] }, /invalid vpcSecurityGroupIds "sg-0123456789ABCDEF0"/],
      ['vpcSecurityGroupIds', { vpcSecurityGroupIds: ['sg-89abcdef', 'sg-89abcdef'] }, /invalid vpcSecurityGroupIds \["sg-89abcdef"\]: allowed: each security group ID once/],
      ['kmsKeyArn', { kmsKeyArn: 'alias/aws/rds' }, /aws profile option kmsKeyArn: invalid kmsKeyArn "alias\/aws\/rds": allowed: a KMS key or alias ARN/],
      ['kmsKeyArn', { kmsKeyArn: KMS_KEY.replace('eu-west-1', 'us-east-1') }, /invalid kmsKeyArn ".*us-east-1.*": allowed: a key in the profile's region eu-west-1 \(partition aws\)/],
      ['kmsKeyArn', { kmsKeyArn: KMS_KEY.replace('arn:aws:', 'arn:aws-cn:') }, /invalid kmsKeyArn "arn:aws-cn:.*": allowed: a key in the profile's region eu-west-1 \(partition aws\)/],
      ['namePrefix', { namePrefix: 'Prod-' }, /aws profile option namePrefix: invalid namePrefix "Prod-": allowed: 1 to 23 lower-case letters/],
      ['namePrefix', { namePrefix: '1prod-' }, /invalid namePrefix "1prod-"/],
      ['namePrefix', { namePrefix: 'p'.repeat(24) }, /invalid namePrefix "p{24}"/],
      ['namePrefix', { namePrefix: 'pr--od-' }, /invalid namePrefix "pr--od-"/],
      ['storageType', { storageType: 'io1' }, /aws profile option storageType: invalid storageType "io1": allowed: gp3, gp2/],
      ['maxAllocatedStorageFactor', { maxAllocatedStorageFactor: 0.5 }, /aws profile option maxAllocatedStorageFactor: invalid maxAllocatedStorageFactor 0\.5: allowed: a number from 1/],
      ['maxAllocatedStorageFactor', { maxAllocatedStorageFactor: 11 }, /invalid maxAllocatedStorageFactor 11/],
      ['maxAllocatedStorageFactor', { maxAllocatedStorageFactor: NaN }, /invalid maxAllocatedStorageFactor null/],
      ['instanceClasses', { instanceClasses: { huge: 'db.m6g.16xlarge' } }, /aws profile option instanceClasses: invalid instanceClasses "huge": allowed: keys small, medium, large/],
      ['instanceClasses', { instanceClasses: { small: 'm6g.large' } }, /aws profile option instanceClasses\.small: invalid instanceClasses\.small "m6g\.large": allowed: an RDS DB instance class/],
      ['maintenanceWindow', { maintenanceWindow: 'sun:04:00-sun:04:10' }, /aws profile option maintenanceWindow: invalid maintenanceWindow "sun:04:00-sun:04:10": allowed: ddd:hh24:mi-ddd:hh24:mi in UTC .* at least 30 minutes/],
      ['maintenanceWindow', { maintenanceWindow: 'sunday 4am' }, /invalid maintenanceWindow "sunday 4am"/],
      ['maintenanceWindow', { maintenanceWindow: 'sun:04:00-sun:04:00' }, /invalid maintenanceWindow "sun:04:00-sun:04:00"/],
      ['maintenanceWindow', { maintenanceWindow: 'Sun:04:00-Sun:04:30' }, /invalid maintenanceWindow "Sun:04:00-Sun:04:30"/],
    ];
    test.each(badOptions.map(([option, change, message]) => {
      const label = `${option} is ${JSON.stringify(Object.values(change)[0]).slice(0, 60)}`;
      return [label, change, message] as [string, Partial<AwsProfileOptions>, RegExp];
    }))('fails when %s', (_, change, message) => {
      expect(() => new AwsProfile({ ...BASE, ...change })).toThrow(message);
    });
  });
});
