import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Backup, CloudSqlUpdateTrack, Credentials, DeletionPolicy, GcpProfile, GcpProfileOptions, HighAvailability, InstanceSize, MySqlVersion, PortableMySQL, PortableMySQLProps, PortableObjectStore, PortablePostgres, Profile } from '../../../src';
import { expectValid } from '../../util/schema';
import { bindingSpec, byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const GCP: GcpProfileOptions = { projectId: 'acme-prod-123', region: 'europe-west1' };

/** A chart with the GCP profile, one database named `orders-db` and, optionally, a bound Deployment. */
function build(props: PortableMySQLProps = {}, options: Partial<GcpProfileOptions> = {}, bind = true) {
  const { chart } = newChart('shop');
  Profile.use(chart, new GcpProfile({ ...GCP, ...options }));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders-db', databaseName: 'orders', ...props });
  const serviceAccount = new kplus.ServiceAccount(chart, 'WebSa', { metadata: { name: 'web' } });
  const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }], serviceAccount });
  if (bind) db.bind(web);
  return { chart, db, web };
}

function objects(props: PortableMySQLProps = {}, options: Partial<GcpProfileOptions> = {}) {
  const objs = synth(build(props, options).chart);
  return {
    objs,
    instance: oneOf(objs, 'SQLInstance'),
    database: oneOf(objs, 'SQLDatabase'),
    user: oneOf(objs, 'SQLUser'),
    deployment: oneOf(objs, 'Deployment'),
  };
}

/** The proxy of a workload: a native sidecar, the first init container (never one of its containers). */
function proxyOf(deployment: any): any {
  const spec = deployment.spec.template.spec;
  expect(spec.containers.map((c: any) => c.name)).not.toContain('cloud-sql-proxy');
  return spec.initContainers?.find((c: any) => c.name === 'cloud-sql-proxy');
}

describe('defaults', () => {
  test('SQLInstance maps the portable defaults', () => {
    const { instance } = objects();
    expect(instance.apiVersion).toBe('sql.cnrm.cloud.google.com/v1beta1');
    expect(instance.metadata.name).toBe('orders-db');
    expect(ownAnnotations(instance)).toEqual({
      'cnrm.cloud.google.com/project-id': 'acme-prod-123',
      'cnrm.cloud.google.com/deletion-policy': 'abandon',
      // diskAutoresize (the default): Config Connector keeps the size Cloud SQL grew the disk to.
      'cnrm.cloud.google.com/unmanaged': 'spec.settings.diskSize',
    });
    expect(instance.spec).toEqual({
      resourceID: 'orders-db',
      region: 'europe-west1',
      databaseVersion: 'MYSQL_8_4',
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
          binaryLogEnabled: true,
          backupRetentionSettings: { retainedBackups: 7, retentionUnit: 'COUNT' },
          transactionLogRetentionDays: 7,
        },
        ipConfiguration: { ipv4Enabled: true, sslMode: 'ENCRYPTED_ONLY' },
        connectorEnforcement: 'REQUIRED',
        deletionProtectionEnabled: true,
      },
    });
  });

  test('no authorized networks and no private network without privateNetwork', () => {
    const { instance } = objects();
    expect(instance.spec.settings.ipConfiguration.authorizedNetworks).toBeUndefined();
    expect(instance.spec.settings.ipConfiguration.privateNetworkRef).toBeUndefined();
  });

  test('SQLDatabase and SQLUser reference the instance and the credentials Secret', () => {
    const { database, user } = objects();
    expect(database.metadata.name).toBe('orders-db');
    expect(database.spec).toEqual({
      instanceRef: { name: 'orders-db' },
      resourceID: 'orders',
      charset: 'utf8mb4',
      collation: 'utf8mb4_0900_ai_ci',
    });
    expect(user.metadata.name).toBe('orders-db');
    expect(user.spec).toEqual({
      instanceRef: { name: 'orders-db' },
      resourceID: 'app',
      host: '%',
      password: { valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'password' } } },
    });
  });

  test('every object carries the labels, the project and the abandon policy', () => {
    const { objs } = objects({ labels: { team: 'payments' } });
    const kcc = objs.filter((o) => o.apiVersion === 'sql.cnrm.cloud.google.com/v1beta1');
    expect(kcc.map((o) => o.kind).sort()).toEqual(['SQLDatabase', 'SQLInstance', 'SQLUser']);
    for (const o of kcc) {
      expect(o.metadata.labels).toMatchObject({
        'team': 'payments',
        'app.kubernetes.io/name': 'mysql',
        'app.kubernetes.io/instance': 'orders-db',
        'portabledata.io/backend': 'gcp-kcc',
      });
      expect(o.metadata.annotations['cnrm.cloud.google.com/project-id']).toBe('acme-prod-123');
      expect(o.metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
    }
  });

  test('the connection goes to the Auth Proxy on localhost', () => {
    const { objs } = objects();
    const spec = bindingSpec(objs);
    expect(spec.values).toMatchObject({ provider: 'gcp-cloudsql', host: '127.0.0.1', port: '3306', database: 'orders', username: 'app' });
    expect(spec.deferred).toEqual({});
  });

  test('everything validates against the upstream schemas', () => {
    expectValid(objects().objs);
  });
});

describe('Auth Proxy sidecar', () => {
  test('is added to the bound workload, hardened, with health checks', () => {
    const { deployment } = objects();
    const proxy = proxyOf(deployment);
    expect(proxy.image).toBe('gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2');
    expect(proxy.imagePullPolicy).toBe('IfNotPresent');
    expect(proxy.args).toEqual([
      '--port=3306',
      '--structured-logs',
      '--health-check',
      '--http-address=0.0.0.0',
      '--http-port=9801',
      '--exit-zero-on-sigterm',
      '--max-sigterm-delay=10s',
      'acme-prod-123:europe-west1:orders-db',
    ]);
    expect(proxy.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(proxy.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
    expect(proxy.startupProbe.httpGet).toMatchObject({ path: '/startup', port: 9801 });
    expect(proxy.livenessProbe.httpGet).toMatchObject({ path: '/liveness', port: 9801 });
    expect(proxy.readinessProbe).toBeUndefined();
    expect(proxy.env).toBeUndefined();
  });

  test('the application container gets the connection env, the proxy does not', () => {
    const { deployment } = objects();
    const app = deployment.spec.template.spec.containers.find((c: any) => c.image === 'example/shop:1.0.0');
    expect(app.env.find((e: any) => e.name === 'DB_HOST').valueFrom.secretKeyRef).toEqual({ name: 'orders-db-connection', key: 'host' });
    expect(app.env.find((e: any) => e.name === 'DB_PORT').valueFrom.secretKeyRef).toEqual({ name: 'orders-db-connection', key: 'port' });
    expect(deployment.spec.template.spec.containers).toHaveLength(1);
    expect(proxyOf(deployment).env).toBeUndefined();
  });

  test('uses the private IP and the configured image', () => {
    const { deployment } = objects({}, {
      privateNetwork: 'projects/acme-net/global/networks/shared',
      proxyImage: 'registry.example.com/mirror/cloud-sql-proxy:2.18.2',
      namePrefix: 'prod-',
    });
    const proxy = proxyOf(deployment);
    expect(proxy.image).toBe('registry.example.com/mirror/cloud-sql-proxy:2.18.2');
    expect(proxy.args).toContain('--private-ip');
    expect(proxy.args[proxy.args.length - 1]).toBe('acme-prod-123:europe-west1:prod-orders-db');
  });

  test('binding the same database twice (to other containers) adds one proxy', () => {
    const { chart, db } = build({}, {}, false);
    const web = new kplus.Deployment(chart, 'Two', {
      containers: [{ name: 'web', image: 'example/shop:1.0.0' }, { name: 'worker', image: 'example/worker:1.0.0' }],
      serviceAccount: new kplus.ServiceAccount(chart, 'TwoSa'),
    });
    db.bind(web, { containers: ['web'] });
    db.bind(web, { containers: ['worker'], envPrefix: 'ORDERS_' });
    const spec = byKind(synth(chart), 'Deployment').find((d) => d.spec.template.spec.containers[0].name === 'web').spec.template.spec;
    expect(spec.initContainers.filter((c: any) => c.name === 'cloud-sql-proxy')).toHaveLength(1);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['web', 'worker']);
  });

  test('a workload that is not bound gets no proxy', () => {
    const { chart } = build({}, {}, false);
    expect(proxyOf(oneOf(synth(chart), 'Deployment'))).toBeUndefined();
  });

  test('fails when a second Cloud SQL database is bound to the same workload', () => {
    const { chart, web } = build();
    const other = new PortableMySQL(chart, 'Other', { name: 'billing-db' });
    expect(() => other.bind(web, { envPrefix: 'BILLING_DB_' })).toThrow(
      /test\/Web: invalid bound workload "already has a cloud-sql-proxy container \(for acme-prod-123:europe-west1:orders-db\), cannot add one for acme-prod-123:europe-west1:billing-db": allowed: one Cloud SQL database per workload/,
    );
  });

  test('fails when the workload already has a container named cloud-sql-proxy (at synth)', () => {
    const { chart, db } = build({}, {}, false);
    const serviceAccount = new kplus.ServiceAccount(chart, 'OwnSa', { metadata: { name: 'own' } });
    const pod = new kplus.Deployment(chart, 'Own', { containers: [{ name: 'cloud-sql-proxy', image: 'example/proxy:1.0.0' }], serviceAccount });
    // The container is known in the pod template, at synth: binding records the sidecar.
    db.bind(pod);
    expect(() => synth(chart)).toThrow('test/Own: invalid bound workload "already has a cloud-sql-proxy container (for another container), '
      + 'cannot add one for acme-prod-123:europe-west1:orders-db": allowed: one Cloud SQL database per workload (its Auth Proxy listens on 127.0.0.1:3306). '
      + 'Fix: bind each Cloud SQL database from its own workload, or put both databases on one instance');
  });

  test('the workload\'s Google service account gets roles/cloudsql.client on the project, which the proxy connects as', () => {
    const { objs } = objects();
    const account = oneOf(objs, 'IAMServiceAccount');
    const email = `${account.spec.resourceID}@acme-prod-123.iam.gserviceaccount.com`;
    expect(ownAnnotations(byKind(objs, 'ServiceAccount').find((a) => a.metadata.name === 'web'))).toEqual({ 'iam.gke.io/gcp-service-account': email });
    const members = byKind(objs, 'IAMPolicyMember');
    expect(members.map((m) => m.spec.role).sort()).toEqual(['roles/cloudsql.client', 'roles/iam.workloadIdentityUser']);
    const client = members.find((m) => m.spec.role === 'roles/cloudsql.client');
    expect(client.spec).toEqual({
      resourceRef: { kind: 'Project', external: 'projects/acme-prod-123' },
      role: 'roles/cloudsql.client',
      memberFrom: { serviceAccountRef: { name: account.metadata.name } },
    });
    expect(ownAnnotations(client)).toEqual({ 'cnrm.cloud.google.com/project-id': 'acme-prod-123' });
    expectValid(objs);
  });

  test('a database and a bucket bound to one workload share its one Google service account', () => {
    const { chart, web } = build();
    new PortableObjectStore(chart, 'Uploads', { name: 'uploads' }).bind(web);
    new PortablePostgres(chart, 'Pg', { name: 'billing-db' }).bind(new kplus.Deployment(chart, 'Other', {
      containers: [{ image: 'example/billing:1.0.0' }], serviceAccount: web.serviceAccount,
    }));
    const objs = synth(chart);
    const account = oneOf(objs, 'IAMServiceAccount');
    const grants = byKind(objs, 'IAMPolicyMember').filter((m) => m.spec.memberFrom);
    expect(grants.map((m) => [m.spec.role, m.spec.resourceRef.kind, m.spec.memberFrom.serviceAccountRef.name]).sort()).toEqual([
      ['roles/cloudsql.client', 'Project', account.metadata.name],
      ['roles/storage.objectUser', 'StorageBucket', account.metadata.name],
    ]);
    expectValid(objs);
  });

  test('fails when the workload has no ServiceAccount of its own', () => {
    const { chart, db } = build({}, {}, false);
    const pod = new kplus.Deployment(chart, 'Plain', { containers: [{ image: 'example/shop:1.0.0' }] });
    expect(() => db.bind(pod)).toThrow(
      'test/Plain: invalid serviceAccount "none (the namespace\'s default ServiceAccount)": allowed: a ServiceAccount of the workload\'s own: '
      + 'binding gives it a Google service account (GKE Workload Identity) with roles/cloudsql.client (the Cloud SQL Auth Proxy connects as it), '
      + 'and the default ServiceAccount is every pod\'s. Fix: create one (new kplus.ServiceAccount(chart, \'Sa\')) and pass it as the workload\'s serviceAccount',
    );
  });

  test('binds a Job and a CronJob: the proxy is a native sidecar (restartPolicy Always), which stops when the Job\'s containers finish', () => {
    const { chart, db } = build({}, {}, false);
    const serviceAccount = new kplus.ServiceAccount(chart, 'JobSa');
    const job = new kplus.Job(chart, 'Migrate', { containers: [{ image: 'example/migrate:1.0.0' }], serviceAccount, initContainers: [{ name: 'wait', image: 'example/wait:1.0.0' }] });
    const cron = new kplus.CronJob(chart, 'Report', {
      schedule: { expressionString: '0 3 * * *' } as any,
      containers: [{ image: 'example/report:1.0.0' }],
      serviceAccount,
    });
    db.bind(job);
    db.bind(cron);
    const objs = synth(chart);
    expectValid(objs);
    const jobSpec = byKind(objs, 'Job').find((o) => o.spec.template.spec.containers[0].image === 'example/migrate:1.0.0').spec.template.spec;
    const cronSpec = byKind(objs, 'CronJob').find((o) => o.spec.jobTemplate.spec.template.spec.containers[0].image === 'example/report:1.0.0')
      .spec.jobTemplate.spec.template.spec;
    for (const spec of [jobSpec, cronSpec]) {
      expect(spec.containers.map((c: any) => c.name)).not.toContain('cloud-sql-proxy');
      expect(spec.initContainers[0]).toMatchObject({ name: 'cloud-sql-proxy', restartPolicy: 'Always', startupProbe: { httpGet: { path: '/startup', port: 9801 } } });
      expect(spec.initContainers[0].args).toContain('--exit-zero-on-sigterm');
      expect(spec.containers[0].env).toContainEqual({ name: 'DB_HOST', valueFrom: { secretKeyRef: { key: 'host', name: 'orders-db-connection' } } });
    }
    // First among the init containers, so the workload's own (e.g. a migration) can use it.
    expect(jobSpec.initContainers.map((c: any) => c.name)).toEqual(['cloud-sql-proxy', 'wait']);
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
    const { instance } = objects({ highAvailability, backup });
    expect(instance.spec.settings.availabilityType).toBe(expected);
  });

  test('fails when HA is REQUIRED without backups', () => {
    expect(() => objects({ highAvailability: HighAvailability.REQUIRED, backup: Backup.disabled() })).toThrow(
      'test/Db: invalid highAvailability "required with Backup.disabled()": allowed: HighAvailability.REQUIRED together with backups: '
      + 'a regional Cloud SQL instance needs automated backups and binary logging. Fix: keep backups (e.g. Backup.daily()), or use HighAvailability.AUTO or NONE',
    );
  });
});

describe('backups', () => {
  test('disabled backups turn off binary logging too', () => {
    const { instance, objs } = objects({ backup: Backup.disabled(), highAvailability: HighAvailability.NONE });
    expect(instance.spec.settings.backupConfiguration).toEqual({ enabled: false, binaryLogEnabled: false });
    expectValid(objs);
  });

  test('custom start time and retention; transaction logs capped at 7 days', () => {
    const { instance } = objects({ backup: Backup.daily({ startTime: '22:30', retention: Duration.days(30) }) });
    expect(instance.spec.settings.backupConfiguration).toEqual({
      enabled: true,
      startTime: '22:30',
      binaryLogEnabled: true,
      backupRetentionSettings: { retainedBackups: 30, retentionUnit: 'COUNT' },
      transactionLogRetentionDays: 7,
    });
  });

  test('short retention keeps transaction logs for as many days', () => {
    const { instance } = objects({ backup: Backup.daily({ retention: Duration.days(3) }) });
    expect(instance.spec.settings.backupConfiguration.backupRetentionSettings.retainedBackups).toBe(3);
    expect(instance.spec.settings.backupConfiguration.transactionLogRetentionDays).toBe(3);
  });
});

describe('deletion policy', () => {
  test('DELETE: no deletion protection and no abandon annotation on any object', () => {
    const { objs, instance } = objects({ deletionPolicy: DeletionPolicy.DELETE });
    expect(instance.spec.settings.deletionProtectionEnabled).toBe(false);
    for (const o of objs.filter((x) => x.apiVersion === 'sql.cnrm.cloud.google.com/v1beta1')) {
      expect(ownAnnotations(o)).toEqual({
        'cnrm.cloud.google.com/project-id': 'acme-prod-123',
        ...(o.kind === 'SQLInstance' ? { 'cnrm.cloud.google.com/unmanaged': 'spec.settings.diskSize' } : {}),
      });
    }
    expectValid(objs);
  });

  test('RETAIN: deletion protection and abandon', () => {
    const { objs, instance } = objects({ deletionPolicy: DeletionPolicy.RETAIN });
    expect(instance.spec.settings.deletionProtectionEnabled).toBe(true);
    expect(byKind(objs, 'SQLUser')[0].metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
    expect(byKind(objs, 'SQLDatabase')[0].metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
  });
});

describe('sizes and storage', () => {
  test.each([
    [InstanceSize.SMALL, 'db-custom-1-3840'],
    [InstanceSize.MEDIUM, 'db-custom-2-8192'],
    [InstanceSize.LARGE, 'db-custom-4-16384'],
    [InstanceSize.custom({ cpu: 1, memory: Size.mebibytes(3840) }), 'db-custom-1-3840'],
    [InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(13) }), 'db-custom-2-13312'],
    [InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(52) }), 'db-custom-8-53248'],
    [InstanceSize.custom({ cpu: 96, memory: Size.mebibytes(88576) }), 'db-custom-96-88576'],
  ])('%s is %s', (instanceSize, tier) => {
    expect(objects({ instanceSize }).instance.spec.settings.tier).toBe(tier);
  });

  test.each([
    [{ cpu: 3, memory: Size.gibibytes(8) }, 'custom(3 vCPU, 8192 MiB)', 4, 8192],
    [{ cpu: 1, memory: Size.gibibytes(2) }, 'custom(1 vCPU, 2048 MiB)', 1, 3840],
    [{ cpu: 1, memory: Size.gibibytes(8) }, 'custom(1 vCPU, 8192 MiB)', 1, 6656],
    [{ cpu: 2, memory: Size.mebibytes(8000) }, 'custom(2 vCPU, 8000 MiB)', 2, 8192],
    [{ cpu: 96, memory: Size.gibibytes(64) }, 'custom(96 vCPU, 65536 MiB)', 96, 88576],
  ])('fails when the custom size %p is not a Cloud SQL machine, naming the nearest', (custom, shown, cpu, mib) => {
    const instanceSize = InstanceSize.custom(custom);
    const escaped = shown.replace(/[()]/g, '\\$&');
    expect(() => objects({ instanceSize })).toThrow(new RegExp(
      `^test/Db: invalid instanceSize "${escaped}": allowed: on Cloud SQL, a custom size of 1 or an even number of vCPUs up to 96.*`
      + `Fix: use the nearest valid shape InstanceSize.custom\\(\\{ cpu: ${cpu}, memory: Size.mebibytes\\(${mib}\\) \\}\\) \\(tier db-custom-${cpu}-${mib}\\)`,
    ));
  });

  test('storage is the disk size in GiB; autoresize can be turned off', () => {
    const { instance } = objects({ storage: Size.gibibytes(500) }, { diskAutoresize: false });
    expect(instance.spec.settings.diskSize).toBe(500);
    expect(instance.spec.settings.diskAutoresize).toBe(false);
    // Without autoresize the declared size is managed: no annotation hands it to Cloud SQL.
    expect(instance.metadata.annotations['cnrm.cloud.google.com/unmanaged']).toBeUndefined();
  });

  test('with autoresize (the default), storage is the size at creation and Config Connector keeps the size Cloud SQL grew it to', () => {
    const { instance, database, user } = objects({ storage: Size.gibibytes(500) });
    expect(instance.spec.settings).toMatchObject({ diskSize: 500, diskAutoresize: true });
    expect(instance.metadata.annotations['cnrm.cloud.google.com/unmanaged']).toBe('spec.settings.diskSize');
    // Only the instance: SQLDatabase and SQLUser (Terraform-based controllers) have no disk.
    for (const other of [database, user]) expect(other.metadata.annotations['cnrm.cloud.google.com/unmanaged']).toBeUndefined();
  });
});

describe('versions', () => {
  test('MySQL 8.0 from the catalog', () => {
    expect(objects({ version: MySqlVersion.V8_0 }).instance.spec.databaseVersion).toBe('MYSQL_8_0');
  });

  test('a major outside the catalog is derived (the full version is Cloud SQL\'s to manage)', () => {
    const { instance, database } = objects({ version: MySqlVersion.of('9.1', '9.1.0') });
    expect(instance.spec.databaseVersion).toBe('MYSQL_9_1');
    expect(database.spec.collation).toBe('utf8mb4_0900_ai_ci');
  });

  test('a major before 8 gets a collation it has', () => {
    const { instance, database } = objects({ version: MySqlVersion.of('5.7', '5.7.44') });
    expect(instance.spec.databaseVersion).toBe('MYSQL_5_7');
    expect(database.spec.collation).toBe('utf8mb4_unicode_ci');
  });
});

describe('credentials and names', () => {
  test('a user-provided Secret and user name', () => {
    const { user } = objects({ credentials: Credentials.fromSecret('orders-secret', { username: 'orders_rw', passwordKey: 'pw' }) });
    expect(user.spec.resourceID).toBe('orders_rw');
    expect(user.spec.password.valueFrom.secretKeyRef).toEqual({ name: 'orders-secret', key: 'pw' });
  });

  test('the name prefix goes into the Cloud SQL instance name only', () => {
    const { instance, database } = objects({}, { namePrefix: 'prod-' });
    expect(instance.metadata.name).toBe('orders-db');
    expect(instance.spec.resourceID).toBe('prod-orders-db');
    expect(database.spec.instanceRef).toEqual({ name: 'orders-db' });
  });
});

describe('network and connectors', () => {
  test('a private network: private IP only', () => {
    const { instance, objs } = objects({}, { privateNetwork: 'projects/acme-net/global/networks/shared' });
    expect(instance.spec.settings.ipConfiguration).toEqual({
      ipv4Enabled: false,
      privateNetworkRef: { external: 'projects/acme-net/global/networks/shared' },
      sslMode: 'ENCRYPTED_ONLY',
    });
    expectValid(objs);
  });

  test.each(['v1', 'beta'])('a network self link (%s) is written in the relative form', (version) => {
    const { instance } = objects({}, { privateNetwork: `https://www.googleapis.com/compute/${version}/projects/acme-net/global/networks/shared` });
    expect(instance.spec.settings.ipConfiguration.privateNetworkRef).toEqual({ external: 'projects/acme-net/global/networks/shared' });
  });

  test('requireConnectors: false allows direct (still encrypted) connections', () => {
    const { instance } = objects({}, { requireConnectors: false });
    expect(instance.spec.settings.connectorEnforcement).toBe('NOT_REQUIRED');
    expect(instance.spec.settings.ipConfiguration.sslMode).toBe('ENCRYPTED_ONLY');
  });

  test('maintenance window', () => {
    const { instance, objs } = objects({}, { maintenanceWindow: { day: 7, hour: 3, updateTrack: CloudSqlUpdateTrack.STABLE } });
    expect(instance.spec.settings.maintenanceWindow).toEqual({ day: 7, hour: 3, updateTrack: 'stable' });
    expectValid(objs);
  });

  test('maintenance window without an update track', () => {
    const { instance } = objects({}, { maintenanceWindow: { day: 1, hour: 0 } });
    expect(instance.spec.settings.maintenanceWindow).toEqual({ day: 1, hour: 0 });
  });
});

describe('labels', () => {
  test('prefixed labels are not checked against GCP label rules', () => {
    const { instance } = objects({ labels: { 'example.com/Owner': 'Team.A' } });
    expect(instance.metadata.labels['example.com/Owner']).toBe('Team.A');
  });

  test.each([
    [{ team: 'Payments' }, 'label team', 'Payments'],
    [{ Team: 'payments' }, 'label Team', 'payments'],
    [{ env: 'prod.eu' }, 'label env', 'prod.eu'],
  ])('fails when an unprefixed label %p is not a valid GCP label', (labels, prop, value) => {
    expect(() => objects({ labels })).toThrow(
      `test/Db: invalid ${prop} "${value}": allowed: on GCP, labels without a prefix become Cloud SQL labels`,
    );
  });
});

describe('profile options', () => {
  const gcp = (o: Partial<GcpProfileOptions>) => () => new GcpProfile({ ...GCP, ...o });

  test.each([
    ['projectId', { projectId: 'Acme' }, 'gcp profile option projectId: invalid projectId "Acme": allowed: a GCP project ID'],
    ['projectId', { projectId: 'short' }, 'invalid projectId "short"'],
    ['projectId', { projectId: 'a'.repeat(31) }, `invalid projectId "${'a'.repeat(31)}"`],
    ['projectId', { projectId: 'acme-prod-' }, 'invalid projectId "acme-prod-"'],
    ['projectId', { projectId: '1acme-prod' }, 'invalid projectId "1acme-prod"'],
    ['region', { region: 'europe-west1-b' }, 'gcp profile option region: invalid region "europe-west1-b": allowed: a GCP region'],
    ['region', { region: 'Europe-West1' }, 'invalid region "Europe-West1"'],
    ['privateNetwork', { privateNetwork: 'default' }, 'gcp profile option privateNetwork: invalid privateNetwork "default": allowed: projects/<project ID>/global/networks/<network name>'],
    ['privateNetwork', { privateNetwork: 'projects/acme-net/regions/europe-west1/subnetworks/a' }, 'invalid privateNetwork'],
    ['privateNetwork', { privateNetwork: 'https://compute.googleapis.com/compute/v2/projects/acme-net/global/networks/a' }, 'invalid privateNetwork'],
    ['privateNetwork', { privateNetwork: 'projects/acme-net/global/networks/Shared' }, 'invalid privateNetwork'],
    ['privateNetwork', { privateNetwork: 42 as unknown as string }, 'gcp profile option privateNetwork: invalid privateNetwork 42'],
    ['namePrefix', { namePrefix: 'Prod-' }, 'gcp profile option namePrefix: invalid namePrefix "Prod-": allowed: 1 to 27 lower-case letters'],
    ['namePrefix', { namePrefix: '1-' }, 'invalid namePrefix "1-"'],
    ['namePrefix', { namePrefix: 'p'.repeat(28) }, 'invalid namePrefix'],
    ['proxyImage', { proxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy' }, 'gcp profile option proxyImage: invalid proxyImage "gcr.io/cloud-sql-connectors/cloud-sql-proxy": allowed: an image reference with a version tag'],
    ['proxyImage', { proxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:latest' }, 'invalid proxyImage'],
    ['proxyImage', { proxyImage: 'localhost:5000/proxy' }, 'invalid proxyImage'],
    ['proxyImage', { proxyImage: 'gcr.io/x/proxy 2.0' }, 'invalid proxyImage'],
    ['maintenanceWindow', { maintenanceWindow: { day: 0, hour: 3 } }, 'gcp profile option maintenanceWindow: invalid maintenanceWindow {"day":0,"hour":3}: allowed: day 1 (Monday) to 7 (Sunday)'],
    ['maintenanceWindow', { maintenanceWindow: { day: 7, hour: 24 } }, 'invalid maintenanceWindow'],
    ['maintenanceWindow', { maintenanceWindow: { day: 7, hour: 1.5 } }, 'invalid maintenanceWindow'],
    ['maintenanceWindow', { maintenanceWindow: { day: 7, hour: 3, updateTrack: 'weekly' as CloudSqlUpdateTrack } }, 'invalid maintenanceWindow'],
  ])('fails when %s is invalid (%p)', (_name, o, message) => {
    expect(gcp(o as Partial<GcpProfileOptions>)).toThrow(message);
  });

  test.each([
    { projectId: 'abcdef' },
    { projectId: 'a'.repeat(30) },
    { region: 'northamerica-northeast1' },
    { namePrefix: 'p'.repeat(27) },
    { proxyImage: 'localhost:5000/proxy:2.18.2' },
    { proxyImage: `gcr.io/cloud-sql-connectors/cloud-sql-proxy@sha256:${'a'.repeat(64)}` },
    { proxyImage: `gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2@sha256:${'b'.repeat(64)}` },
  ])('accepts %p', (o) => {
    expect(gcp(o)).not.toThrow();
  });

  test('the longest names fit the Cloud SQL connection name limit', () => {
    const projectId = 'a'.repeat(30);
    const { deployment } = objects({ name: `d${'b'.repeat(39)}` }, { projectId, namePrefix: 'p'.repeat(27) });
    const connectionName = proxyOf(deployment).args.slice(-1)[0];
    expect(connectionName.length - 'europe-west1:'.length).toBe(98);
  });
});

test('synthesizes twice to identical YAML', () => {
  const render = () => {
    const { chart } = build({}, { privateNetwork: 'projects/acme-net/global/networks/shared' });
    return chart.toJson();
  };
  expect(JSON.stringify(render())).toEqual(JSON.stringify(render()));
});
