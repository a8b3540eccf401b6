import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Backup, Credentials, DeletionPolicy, HighAvailability, InClusterProfile, InstanceSize, PortablePostgres, PortablePostgresProps, PostgresOperator, PostgresVersion, Profile } from '../../../src';
import { expectValid } from '../../util/schema';
import { bindingSpec, byKind, newChart, oneOf, synth, withoutBinder } from '../../util/synth';

function build(props: PortablePostgresProps = {}, profile = new InClusterProfile()) {
  const { chart } = newChart('shop');
  Profile.use(chart, profile);
  const db = new PortablePostgres(chart, 'Db', { name: 'orders-db', ...props });
  return { chart, db };
}

function postgresContainer(objs: any[]): any {
  return oneOf(objs, 'StatefulSet').spec.template.spec.containers[0];
}

const PG_ISREADY = ['sh', '-c', 'pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'];

describe('in-cluster PostgreSQL', () => {
  test('a StatefulSet of the pinned official image with PGDATA in a subdirectory of the claim', () => {
    const objs = synth(build({ storage: Size.gibibytes(50) }, new InClusterProfile({ storageClassName: 'fast-ssd' })).chart);
    expectValid(objs);
    const sts = oneOf(objs, 'StatefulSet');
    expect(sts.metadata.name).toBe('orders-db');
    expect(sts.spec.serviceName).toBe('orders-db-headless');
    expect(sts.spec.replicas).toBe(1);
    const c = postgresContainer(objs);
    expect(c.name).toBe('postgresql');
    expect(c.image).toBe('docker.io/library/postgres:17.7');
    expect(c.ports).toEqual([{ name: 'postgresql', containerPort: 5432, protocol: 'TCP' }]);
    const [claim] = sts.spec.volumeClaimTemplates;
    expect(claim.metadata.name).toBe('data');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '50Gi' } } });
    expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    // The claim's root holds lost+found, which initdb refuses: the data lives one level down.
    expect(c.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
  });

  test.each([
    ['V15', 'postgres:15.15', PostgresVersion.V15],
    ['V16', 'postgres:16.11', PostgresVersion.V16],
    ['of(17, 17.2)', 'postgres:17.2', PostgresVersion.of('17', '17.2')],
  ])('version %s gives image %s', (_, image, version) => {
    expect(postgresContainer(synth(build({ version }).chart)).image).toBe(`docker.io/library/${image}`);
  });

  test('a registry mirror sets the image prefix', () => {
    const objs = synth(build({}, new InClusterProfile({ imageRegistry: 'mirror.gcr.io/library' })).chart);
    expect(postgresContainer(objs).image).toBe('mirror.gcr.io/library/postgres:17.7');
  });

  test('headless and client Services on 5432', () => {
    const objs = synth(build().chart);
    const [headless, client] = ['orders-db-headless', 'orders-db'].map((n) => byKind(objs, 'Service').find((s) => s.metadata.name === n));
    expect(headless.spec.clusterIP).toBe('None');
    expect(client.spec.type).toBe('ClusterIP');
    for (const svc of [headless, client]) {
      expect(svc.spec.ports).toEqual([{ name: 'postgresql', port: 5432, targetPort: 5432 }]);
      expect(svc.spec.selector).toEqual(oneOf(objs, 'StatefulSet').spec.selector.matchLabels);
    }
  });

  test('the image\'s superuser is postgres with the administrator password; the application user and password go to the init script', () => {
    const objs = synth(build({ databaseName: 'orders', credentials: Credentials.generated({ username: 'shop' }) }).chart);
    const env = postgresContainer(objs).env;
    expect(env).toEqual([
      { name: 'POSTGRES_DB', value: 'orders' },
      { name: 'POSTGRES_USER', value: 'postgres' },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'admin-password' } } },
      { name: 'APP_USER', value: 'shop' },
      { name: 'APP_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'password' } } },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ]);
  });

  test('the application user is not a superuser: an init script creates it NOSUPERUSER and makes it the owner of the database', () => {
    const objs = synth(build().chart);
    expectValid(objs);
    const cm = byKind(objs, 'ConfigMap').find((o) => o.metadata.name === 'orders-db-init');
    expect(cm.metadata).toMatchObject({ name: 'orders-db-init', labels: { 'app.kubernetes.io/instance': 'orders-db', 'app.kubernetes.io/component': 'database' } });
    expect(Object.keys(cm.data)).toEqual(['10-app-user.sh']);
    const script = cm.data['10-app-user.sh'];
    expect(script).toContain('CREATE ROLE :"app_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :\'app_password\';');
    expect(script).toContain('ALTER DATABASE :"app_database" OWNER TO :"app_user";');
    expect(script).toContain('--set=app_user="$APP_USER" --set=app_password="$APP_PASSWORD" --set=app_database="$POSTGRES_DB"');
    expect(script).not.toMatch(/\bSUPERUSER\b(?<!NOSUPERUSER)/);
    // Mounted read-only where the image's entrypoint runs it, on an empty data directory only.
    const pod = oneOf(objs, 'StatefulSet').spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'init', mountPath: '/docker-entrypoint-initdb.d', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'init', configMap: { name: 'orders-db-init' } });
  });

  test('fails when requireTls is asked of the plaintext StatefulSet, naming the fix', () => {
    expect(() => build({ requireTls: true })).toThrow(
      'test/Db: invalid requireTls true: allowed: not this value on the in-cluster backend of profile "in-cluster": the in-cluster StatefulSets serve '
      + 'plaintext inside the cluster network (their NetworkPolicy admits only bound workloads); the contract says tls=false. Fix: leave requireTls '
      + 'unset here, or select a profile whose backend encrypts connections (a cloud profile, or for PostgreSQL postgresOperator: PostgresOperator.CLOUDNATIVE_PG)');
    expect(() => build({ requireTls: true }, new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, volumeSnapshotClassName: 'csi', storageReclaimPolicy: DeletionPolicy.RETAIN }))).not.toThrow();
  });

  test('the binder generates the application and the administrator password; a user\'s Secret gives both', () => {
    const generated = bindingSpec(synth(build().chart));
    expect(generated.credentials).toMatchObject({ secret: 'orders-db-credentials', generate: true, passwordKeys: ['password', 'admin-password'] });
    const own = synth(build({ credentials: Credentials.fromSecret('orders-secret', { passwordKey: 'pw', adminPasswordKey: 'root-pw' }) }).chart);
    expect(bindingSpec(own).credentials).toMatchObject({ secret: 'orders-secret', generate: false, passwordKey: 'pw', passwordKeys: ['pw'] });
    expect(postgresContainer(own).env).toContainEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-secret', key: 'root-pw' } } });
    expect(postgresContainer(own).env).toContainEqual({ name: 'APP_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-secret', key: 'pw' } } });
  });

  test('the host is the client Service\'s cluster DNS name, the port 5432; plaintext, stated in the contract', () => {
    const spec = bindingSpec(synth(build().chart));
    expect(spec.values).toMatchObject({ host: 'orders-db.{namespace}.svc.cluster.local', port: '5432', provider: 'in-cluster', type: 'postgresql', tls: 'false' });
    expect(spec.values.sslmode).toBeUndefined();
    expect(spec.keys).not.toContain('sslmode');
    expect(spec.uriTemplate).toBe('postgresql://{username}:{password}@{host}:{port}/{database}[?sslmode={sslmode}]');
    expect(spec.secretType).toBe('servicebinding.io/postgresql');
  });

  test('probes run pg_isready over TCP through a shell (for the environment variables)', () => {
    const c = postgresContainer(synth(build().chart));
    for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
      expect(probe.exec.command).toEqual(PG_ISREADY);
    }
    expect(c.startupProbe.failureThreshold * c.startupProbe.periodSeconds).toBeGreaterThanOrEqual(600);
  });

  test('a preStop hook stops the server fast within the grace period (SIGTERM is a smart shutdown)', () => {
    const objs = synth(build().chart);
    const c = postgresContainer(objs);
    expect(c.lifecycle.preStop.exec.command).toEqual(['sh', '-c', 'pg_ctl stop --pgdata="$PGDATA" --mode=fast --wait --timeout=50']);
    expect(oneOf(objs, 'StatefulSet').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(50);
  });

  test.each([
    [InstanceSize.SMALL, '1', '2048Mi'],
    [InstanceSize.LARGE, '4', '16384Mi'],
    [InstanceSize.custom({ cpu: 6, memory: Size.gibibytes(24) }), '6', '24576Mi'],
  ])('instance size %s gives Guaranteed requests = limits', (size, cpu, memory) => {
    const c = postgresContainer(synth(build({ instanceSize: size }).chart));
    expect(c.resources).toEqual({ requests: { cpu, memory }, limits: { cpu, memory } });
  });

  test('the pod is hardened as the image\'s postgres user (999) with writable emptyDirs for the socket, /tmp and /dev/shm', () => {
    const pod = oneOf(synth(build().chart), 'StatefulSet').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    const c = pod.containers[0];
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    const mounts = Object.fromEntries(c.volumeMounts.map((m: any) => [m.mountPath, m.name]));
    expect(mounts).toEqual({
      '/var/lib/postgresql/data': 'data', '/docker-entrypoint-initdb.d': 'init', '/tmp': 'scratch-0', '/var/run/postgresql': 'scratch-1', '/dev/shm': 'shm',
    });
    expect(pod.volumes).toEqual([
      { name: 'init', configMap: { name: 'orders-db-init' } },
      { name: 'scratch-0', emptyDir: {} },
      { name: 'scratch-1', emptyDir: {} },
      { name: 'shm', emptyDir: { medium: 'Memory' } },
    ]);
  });

  test.each([
    [DeletionPolicy.RETAIN, 'Retain'],
    [DeletionPolicy.DELETE, 'Delete'],
  ])('deletion policy %s: the data claims are %s when the StatefulSet is deleted', (policy, whenDeleted) => {
    const objs = synth(build({ deletionPolicy: policy }).chart);
    expect(oneOf(objs, 'StatefulSet').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted, whenScaled: 'Retain' });
    // The backup claim: created by the binder with RETAIN (not in the YAML), in the YAML with DELETE.
    expect(byKind(objs, 'PersistentVolumeClaim').map((c) => c.metadata.name)).toEqual(policy === DeletionPolicy.RETAIN ? [] : ['orders-db-backup']);
    expect(bindingSpec(objs).claims?.map((c: any) => c.name)).toEqual(policy === DeletionPolicy.RETAIN ? ['orders-db-backup'] : undefined);
  });

  test('daily backups: pg_dumpall as postgres (the application user on volumes initialized before), compressed to the backup claim, pruned by retention', () => {
    const objs = synth(build({ backup: Backup.daily({ startTime: '01:30', retention: Duration.days(10) }) }).chart);
    expectValid(objs);
    const cron = oneOf(withoutBinder(objs), 'CronJob');
    expect(cron.metadata.name).toBe('orders-db-backup');
    expect(cron.spec.schedule).toBe('30 1 * * *');
    expect(cron.spec.timeZone).toBe('Etc/UTC');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe('docker.io/library/postgres:17.7');
    expect(c.command.slice(0, 2)).toEqual(['bash', '-c']);
    const script = c.command[2];
    expect(script).toContain('set -eu -o pipefail');
    expect(script).toContain('export PGUSER=postgres PGPASSWORD="$ADMIN_PASSWORD"');
    expect(script).toContain('  export PGUSER="$APP_USER" PGPASSWORD="$APP_PASSWORD"');
    expect(script).toContain('pg_dumpall --host="$DB_HOST" --no-password | gzip > "$BACKUP_FILE.partial"');
    expect(script).toContain('mv "$BACKUP_FILE.partial" "$BACKUP_FILE"');
    expect(script).toContain(`find /backup -name 'orders-db-*.sql.gz' -mmin +${10 * 24 * 60} -delete`);
    expect(c.env).toEqual([
      { name: 'DB_HOST', value: 'orders-db' },
      { name: 'ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'admin-password' } } },
      { name: 'APP_USER', value: 'app' },
      { name: 'APP_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'password' } } },
    ]);
    expect(pod.securityContext).toMatchObject({ runAsUser: 999, runAsNonRoot: true });
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'orders-db-backup' } });
    // Retained (the default): the binder creates the backup claim at deploy time; it is not in the YAML.
    expect(byKind(objs, 'PersistentVolumeClaim')).toEqual([]);
    expect(bindingSpec(objs).claims.map((claim: any) => claim.name)).toEqual(['orders-db-backup']);
  });

  test('backups disabled: no CronJob and no backup claim', () => {
    const objs = synth(build({ backup: Backup.disabled() }).chart);
    expect(byKind(withoutBinder(objs), 'CronJob')).toEqual([]);
    expect(byKind(objs, 'PersistentVolumeClaim')).toEqual([]);
  });

  test('the NetworkPolicy admits only the bound workloads and the backup job to 5432', () => {
    expect(oneOf(synth(build({ backup: Backup.disabled() }).chart), 'NetworkPolicy').spec.ingress).toEqual([]);
    const { chart, db } = build();
    db.bind(new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }] }));
    const objs = synth(chart);
    expectValid(objs);
    expect(oneOf(objs, 'NetworkPolicy').spec.ingress).toEqual([{
      from: [
        { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'orders-db', 'app.kubernetes.io/component': 'backup' } } },
        { podSelector: { matchLabels: oneOf(objs, 'Deployment').spec.selector.matchLabels } },
      ],
      ports: [{ port: 5432, protocol: 'TCP' }],
    }]);
  });

  test('no PodDisruptionBudget: a budget of the single instance would block every node drain', () => {
    const objs = synth(build().chart);
    expect(byKind(objs, 'PodDisruptionBudget')).toEqual([]);
  });

  test('construct IDs are stable', () => {
    const { db } = build();
    expect(db.node.children.map((c) => c.node.id).sort()).toEqual(
      ['BackupCronJob', 'BinderCronJob', 'BinderJob', 'HeadlessService', 'InitScripts', 'NetworkPolicy', 'Service', 'StatefulSet']);
    // With DELETE the backup claim is in the YAML, under its construct ID.
    expect(build({ deletionPolicy: DeletionPolicy.DELETE }).db.node.tryFindChild('BackupVolume')).toBeDefined();
  });

  test('fails when high availability is required, pointing at CloudNativePG', () => {
    expect(() => build({ highAvailability: HighAvailability.REQUIRED })).toThrow(
      /test\/Db: invalid highAvailability "required": allowed: not this value on the in-cluster backend of profile "in-cluster": the in-cluster backend runs a single instance\. Fix: .*postgresOperator: PostgresOperator\.CLOUDNATIVE_PG/);
  });

  test('fails when the user name is one PostgreSQL reserves for its own roles', () => {
    expect(() => build({ credentials: Credentials.generated({ username: 'pg_app' }) })).toThrow(
      /test\/Db: invalid credentials\.username "pg_app": allowed: in the official postgres image, .*not starting with pg_/);
  });

  test('fails when the database name is a PostgreSQL reserved key word', () => {
    expect(() => build({ databaseName: 'select' })).toThrow(/test\/Db: invalid databaseName "select": allowed: in the official postgres image, .*not a PostgreSQL reserved key word/);
  });

  test('fails when the in-cluster profile names an invalid VolumeSnapshotClass', () => {
    expect(() => new InClusterProfile({ volumeSnapshotClassName: 'Fast Snap' })).toThrow(
      /in-cluster profile option volumeSnapshotClassName: invalid volumeSnapshotClassName "Fast Snap": allowed: a VolumeSnapshotClass name/);
  });
});
