import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  Backup, Credentials, DeletionPolicy, HighAvailability, InClusterProfile, InClusterProfileOptions, InstanceSize, PortableMySQL,
  PortablePostgres, PortablePostgresProps, PostgresOperator, PostgresVersion, Profile,
} from '../../../../src';
import { CloudNativePgDatabaseBackend } from '../../../../src/environments/in-cluster/cloudnative-pg/database';
import { Cluster, ScheduledBackup } from '../../../../src/imports/postgresql.cnpg.io';
import { expectValid } from '../../../util/schema';
import { bindingSpec, byKind, newChart, oneOf, ownAnnotations, synth, withoutBinder } from '../../../util/synth';

const CNPG = 'postgresql.cnpg.io/v1';
const OPTIONS: InClusterProfileOptions = {
  postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
  storageClassName: 'fast-ssd',
  storageReclaimPolicy: DeletionPolicy.RETAIN,
  volumeSnapshotClassName: 'csi-snapclass',
};

/** Synthesizes one PostgreSQL service named `orders-db` under a CloudNativePG in-cluster profile. */
function render(props: PortablePostgresProps = {}, options: InClusterProfileOptions = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new InClusterProfile({ ...OPTIONS, ...options }));
  const db = new PortablePostgres(chart, 'Db', { name: 'orders-db', ...props });
  const objs = synth(chart);
  expectValid(objs);
  const cluster = oneOf(objs, 'Cluster', CNPG);
  return { chart, db, objs, cluster, spec: cluster.spec };
}

describe('CloudNativePG backend', () => {
  describe('the Cluster', () => {
    test('one Cluster (construct ID "Cluster") named after the service, served by the cloudnative-pg backend', () => {
      const { db, cluster } = render();
      expect(db.backendName).toBe('cloudnative-pg');
      expect(db.node.findChild('Cluster')).toBeInstanceOf(Cluster);
      expect(cluster.metadata.name).toBe('orders-db');
      expect(cluster.metadata.namespace).toBe('shop');
      expect(cluster.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'postgresql', 'portabledata.io/backend': 'cloudnative-pg' });
    });

    test.each([
      ['V17', '17.7', PostgresVersion.V17],
      ['V16', '16.11', PostgresVersion.V16],
      ['V15', '15.15', PostgresVersion.V15],
      ['of(17, 17.6)', '17.6', PostgresVersion.of('17', '17.6')],
    ])('version %s runs the operator\'s standard image %s on Debian trixie', (_, tag, version) => {
      expect(render({ version }).spec.imageName).toBe(`ghcr.io/cloudnative-pg/postgresql:${tag}-standard-trixie`);
    });

    test('the profile\'s registry mirror does not apply to the operator\'s images', () => {
      expect(render({}, { imageRegistry: 'mirror.gcr.io/library' }).spec.imageName).toMatch(/^ghcr\.io\/cloudnative-pg\/postgresql:/);
    });

    test('storage size and the profile\'s StorageClass', () => {
      expect(render({ storage: Size.gibibytes(150) }).spec.storage).toEqual({ size: '150Gi', storageClass: 'fast-ssd' });
      expect(render({}, { storageClassName: undefined }).spec.storage).toEqual({ size: '20Gi' });
    });

    test.each([
      [InstanceSize.SMALL, '1', '2048Mi'],
      [InstanceSize.MEDIUM, '2', '8192Mi'],
      [InstanceSize.custom({ cpu: 6, memory: Size.gibibytes(24) }), '6', '24576Mi'],
    ])('instance size %s gives Guaranteed resources', (size, cpu, memory) => {
      expect(render({ instanceSize: size }).spec.resources).toEqual({ requests: { cpu, memory }, limits: { cpu, memory } });
    });

    test('initdb creates the database owned by the application user, with data checksums; no superuser access', () => {
      const { spec } = render({ databaseName: 'orders', credentials: Credentials.generated({ username: 'shop' }) });
      expect(spec.bootstrap).toEqual({ initdb: { database: 'orders', owner: 'shop', dataChecksums: true } });
      expect(spec.enableSuperuserAccess).toBe(false);
      expect(spec.enablePDB).toBe(true);
    });

    test('the profile\'s and the user\'s labels reach the operator\'s objects; app.kubernetes.io/* stay the operator\'s', () => {
      const { spec } = render({ labels: { 'cost-center': 'shop' } }, { labels: { team: 'data' } });
      expect(spec.inheritedMetadata).toEqual({ labels: { 'team': 'data', 'cost-center': 'shop', 'portabledata.io/backend': 'cloudnative-pg' } });
    });
  });

  describe('high availability', () => {
    test('AUTO: three instances, preferred anti-affinity across nodes, one synchronous standby when healthy', () => {
      const { spec } = render({ highAvailability: HighAvailability.AUTO });
      expect(spec.instances).toBe(3);
      expect(spec.affinity).toEqual({ enablePodAntiAffinity: true, podAntiAffinityType: 'preferred', topologyKey: 'kubernetes.io/hostname' });
      expect(spec.postgresql).toEqual({ synchronous: { method: 'any', number: 1, dataDurability: 'preferred' }, pg_hba: ['hostnossl all all all reject'] });
    });

    test('REQUIRED: three instances that never share a node', () => {
      const { spec } = render({ highAvailability: HighAvailability.REQUIRED });
      expect(spec.instances).toBe(3);
      expect(spec.affinity.podAntiAffinityType).toBe('required');
    });

    test('NONE: a single instance, no synchronous replication', () => {
      const { spec } = render({ highAvailability: HighAvailability.NONE });
      expect(spec.instances).toBe(1);
      expect(spec.affinity).toBeUndefined();
      expect(spec.postgresql).toEqual({ pg_hba: ['hostnossl all all all reject'] });
      // The primary's budget (minAvailable: 1) of a single instance would block every node drain.
      expect(spec.enablePDB).toBe(false);
    });

    test('the operator manages the PodDisruptionBudgets: none is synthesized', () => {
      const { objs, spec } = render();
      expect(spec.enablePDB).toBe(true);
      expect(byKind(objs, 'PodDisruptionBudget')).toEqual([]);
    });
  });

  describe('connection', () => {
    test('the host is the primary\'s -rw Service, port 5432, provider cloudnative-pg', () => {
      const spec = bindingSpec(render().objs);
      expect(spec.values).toMatchObject({ host: 'orders-db-rw.{namespace}.svc.cluster.local', port: '5432', provider: 'cloudnative-pg', type: 'postgresql' });
      expect(spec.deferred).toEqual({});
      expect(spec.secretType).toBe('servicebinding.io/postgresql');
    });

    test('generated credentials: the operator generates them in <name>-app, which the binder reads', () => {
      const { objs, spec } = render();
      expect(spec.bootstrap.initdb.secret).toBeUndefined();
      expect(bindingSpec(objs).credentials).toMatchObject({
        secret: 'orders-db-app', generate: false, username: 'app', passwordKey: 'password', passwordKeys: ['password'],
      });
      const role = byKind(objs, 'Role').find((r) => r.metadata.name !== 'orders-db-backup-prune');
      // The operator's Secret is only read; the connection Secret is written.
      expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch'], resourceNames: ['orders-db-app'] });
      expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'patch', 'delete'], resourceNames: ['orders-db-connection'] });
    });

    test('credentials from a Secret: passed to initdb, read by the binder', () => {
      const { objs, spec } = render({ credentials: Credentials.fromSecret('orders-owner', { username: 'shop' }) });
      expect(spec.bootstrap.initdb).toMatchObject({ owner: 'shop', secret: { name: 'orders-owner' } });
      expect(bindingSpec(objs).credentials).toMatchObject({ secret: 'orders-owner', generate: false, username: 'shop', passwordKey: 'password' });
    });
  });

  describe('backups on volume snapshots', () => {
    test('the Cluster snapshots with the profile\'s VolumeSnapshotClass; snapshots belong to their Backup', () => {
      expect(render().spec.backup).toEqual({ volumeSnapshot: { className: 'csi-snapclass', snapshotOwnerReference: 'backup' } });
    });

    test('a daily ScheduledBackup at the start time (6-field cron with seconds), immediate', () => {
      const { db, objs } = render({ backup: Backup.daily({ startTime: '22:45', retention: Duration.days(3) }) });
      expect(db.node.findChild('ScheduledBackup')).toBeInstanceOf(ScheduledBackup);
      const scheduled = oneOf(objs, 'ScheduledBackup', CNPG);
      expect(scheduled.metadata.name).toBe('orders-db-backup');
      expect(scheduled.spec).toEqual({
        cluster: { name: 'orders-db' },
        method: 'volumeSnapshot',
        schedule: '0 45 22 * * *',
        immediate: true,
        backupOwnerReference: 'none',
      });
    });

    test('a pruner CronJob deletes backups older than the retention, with a Role limited to backups', () => {
      const { objs } = render({ backup: Backup.daily({ startTime: '22:45', retention: Duration.days(3) }) },
        { binderImage: 'registry.example.com/python:3.13-alpine' });
      const cron = oneOf(withoutBinder(objs), 'CronJob');
      expect(cron.metadata.name).toBe('orders-db-backup-prune');
      expect(cron.spec).toMatchObject({ schedule: '45 22 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
      const pod = cron.spec.jobTemplate.spec.template.spec;
      expect(pod.serviceAccountName).toBe('orders-db-backup-prune');
      const c = pod.containers[0];
      expect(c.image).toBe('registry.example.com/python:3.13-alpine');
      expect(c.command).toEqual(['python3', '/program/pruner.py']);
      expect(c.volumeMounts).toEqual([{ name: 'program', mountPath: '/program', readOnly: true }]);
      expect(pod.volumes).toEqual([{ name: 'program', configMap: { name: 'orders-db-backup-prune' } }]);
      const program = byKind(objs, 'ConfigMap').find((m) => m.metadata.name === 'orders-db-backup-prune');
      expect(Object.keys(program.data).sort()).toEqual(['kube.py', 'pruner.py']);
      expect(c.env).toEqual(expect.arrayContaining([
        { name: 'SCHEDULED_BACKUP', value: 'orders-db-backup' },
        { name: 'RETENTION_DAYS', value: '3' },
      ]));
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      const role = byKind(objs, 'Role').find((r) => r.metadata.name === 'orders-db-backup-prune');
      expect(role.rules).toEqual([{ apiGroups: ['postgresql.cnpg.io'], resources: ['backups'], verbs: ['list', 'delete'] }]);
      const binding = byKind(objs, 'RoleBinding').find((r) => r.metadata.name === 'orders-db-backup-prune');
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'orders-db-backup-prune' }]);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'orders-db-backup-prune' });
    });

    test('backups disabled: no backup configuration, ScheduledBackup or pruner (no VolumeSnapshotClass needed)', () => {
      const { objs, spec } = render({ backup: Backup.disabled() }, { volumeSnapshotClassName: undefined });
      expect(spec.backup).toBeUndefined();
      expect(byKind(objs, 'ScheduledBackup')).toEqual([]);
      expect(byKind(withoutBinder(objs), 'CronJob')).toEqual([]);
      expect(byKind(objs, 'ServiceAccount').filter((s) => s.metadata.name.startsWith('orders-db'))).toEqual([]);
    });
  });

  describe('deletion policy', () => {
    test('RETAIN on a retaining StorageClass: GitOps prunes keep the Cluster, backups are owned by nothing', () => {
      const { objs, cluster } = render({ deletionPolicy: DeletionPolicy.RETAIN });
      expect(ownAnnotations(cluster)).toEqual({ 'argocd.argoproj.io/sync-options': 'Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
      expect(oneOf(objs, 'ScheduledBackup').spec.backupOwnerReference).toBe('none');
      // The claims are not in the YAML (the operator makes them, owned by the Cluster): the class keeps the volumes.
      expect(byKind(objs, 'PersistentVolumeClaim')).toEqual([]);
      expect(byKind(objs, 'Backup')).toEqual([]);
    });

    test('DELETE on a deleting StorageClass: no prune protection, backups are owned by the Cluster and deleted with it', () => {
      const { objs, cluster } = render({ deletionPolicy: DeletionPolicy.DELETE }, { storageReclaimPolicy: DeletionPolicy.DELETE });
      expect(ownAnnotations(cluster)).toBeUndefined();
      expect(oneOf(objs, 'ScheduledBackup').spec.backupOwnerReference).toBe('cluster');
    });

    test('fails when RETAIN (the default) and the profile does not declare a StorageClass that retains volumes', () => {
      expect(() => render({}, { storageReclaimPolicy: undefined })).toThrow(
        'test/Db: invalid deletionPolicy "retain": allowed: not this value on the cloudnative-pg backend of profile "in-cluster": '
        + 'deleting the Cluster deletes its claims (CloudNativePG owns them), so the reclaimPolicy of StorageClass "fast-ssd" decides '
        + '(the profile\'s storageReclaimPolicy: delete). Fix: use a StorageClass with reclaimPolicy: Retain and set '
        + 'storageReclaimPolicy: DeletionPolicy.RETAIN in the profile, or use DeletionPolicy.DELETE',
      );
    });

    test('fails when DELETE and the StorageClass retains volumes', () => {
      expect(() => render({ deletionPolicy: DeletionPolicy.DELETE }, { storageClassName: undefined })).toThrow(
        'test/Db: invalid deletionPolicy "delete": allowed: not this value on the cloudnative-pg backend of profile "in-cluster": '
        + 'deleting the Cluster deletes its claims (CloudNativePG owns them), so the reclaimPolicy of the default StorageClass decides '
        + '(the profile\'s storageReclaimPolicy: retain). Fix: use DeletionPolicy.RETAIN, or a StorageClass with reclaimPolicy: Delete '
        + '(storageReclaimPolicy: DeletionPolicy.DELETE)',
      );
    });

    test('fails when storageReclaimPolicy is not a DeletionPolicy', () => {
      expect(() => new InClusterProfile({ ...OPTIONS, storageReclaimPolicy: 'keep' as DeletionPolicy })).toThrow(
        'in-cluster profile option storageReclaimPolicy: invalid storageReclaimPolicy "keep": allowed: retain, delete. '
        + 'Fix: set the reclaimPolicy of the data volumes\' StorageClass (retain or delete)',
      );
    });
  });

  describe('network', () => {
    const fixedRule = {
      from: [
        { podSelector: { matchLabels: { 'cnpg.io/cluster': 'orders-db' } } },
        { namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cloudnative-pg' } } },
      ],
      ports: [{ port: 5432, protocol: 'TCP' }, { port: 8000, protocol: 'TCP' }],
    };

    test('unbound: only the instances and the operator reach the pods', () => {
      const policy = oneOf(render().objs, 'NetworkPolicy');
      expect(policy.metadata.name).toBe('orders-db');
      expect(policy.spec.podSelector).toEqual({ matchLabels: { 'cnpg.io/cluster': 'orders-db' } });
      expect(policy.spec.policyTypes).toEqual(['Ingress']);
      expect(policy.spec.ingress).toEqual([fixedRule]);
    });

    test('bound workloads are admitted to 5432', () => {
      const { chart } = newChart('shop');
      Profile.use(chart, new InClusterProfile(OPTIONS));
      const db = new PortablePostgres(chart, 'Db', { name: 'orders-db' });
      db.bind(new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }] }));
      const objs = synth(chart);
      expectValid(objs);
      expect(oneOf(objs, 'NetworkPolicy').spec.ingress).toEqual([fixedRule, {
        from: [{ podSelector: { matchLabels: oneOf(objs, 'Deployment').spec.selector.matchLabels } }],
        ports: [{ port: 5432, protocol: 'TCP' }],
      }]);
    });
  });

  test('construct IDs are stable', () => {
    const { db } = render();
    expect(db.node.children.map((c) => c.node.id).sort()).toEqual(['BackupPruner', 'BinderCronJob', 'BinderJob', 'Cluster', 'NetworkPolicy', 'ScheduledBackup']);
  });

  describe('fails', () => {
    test('fails when backups are enabled without a VolumeSnapshotClass', () => {
      expect(() => render({ backup: Backup.daily({ startTime: '02:00', retention: Duration.days(5) }) }, { volumeSnapshotClassName: undefined })).toThrow(
        'test/Db: invalid backup "daily at 02:00 UTC, kept 5 days": allowed: not this value on the cloudnative-pg backend of profile "in-cluster": '
        + 'CloudNativePG backs up to an object store or to volume snapshots, and the profile sets no volumeSnapshotClassName. Fix: set volumeSnapshotClassName in '
        + 'new InClusterProfile() (a VolumeSnapshotClass of the data volumes\' CSI driver) or use Backup.disabled()');
    });

    test('fails when the user\'s Secret keeps the password under another key than "password"', () => {
      expect(() => render({ credentials: Credentials.fromSecret('orders-owner', { passwordKey: 'pw' }) })).toThrow(
        /test\/Db: invalid credentials\.passwordKey "pw": allowed: "password": CloudNativePG reads .* kubernetes\.io\/basic-auth Secret\. Fix: store the password under the key "password" of Secret "orders-owner"/);
    });

    test('fails when the application user is a role the operator creates', () => {
      // The portable rules (16 characters) keep these names out today; the backend checks them for itself.
      const { chart, db } = render();
      const backend = new CloudNativePgDatabaseBackend(OPTIONS);
      const spec = { ...db._spec, credentials: Credentials.generated({ username: 'streaming_replica' }) };
      expect(() => backend.bind(new Construct(chart, 'Direct'), spec)).toThrow(
        /test\/Direct: invalid credentials\.username "streaming_replica": allowed: with CloudNativePG, .*not one of postgres, public, none, streaming_replica, cnpg_pooler_pgbouncer/);
    });

    test('fails when the application user starts with pg_', () => {
      expect(() => render({ credentials: Credentials.generated({ username: 'pg_app' }) })).toThrow(
        /test\/Db: invalid credentials\.username "pg_app": allowed: with CloudNativePG, .*not starting with pg_/);
    });

    test('fails when asked to run MySQL', () => {
      const { chart } = newChart();
      Profile.use(chart, Profile.custom({ name: 'odd', backends: [{ kind: PortableMySQL.KIND, backend: new CloudNativePgDatabaseBackend(OPTIONS) }] }));
      expect(() => new PortableMySQL(chart, 'Db')).toThrow(/test\/Db: invalid engine "mysql": allowed: postgresql: CloudNativePG runs PostgreSQL only/);
    });

    test('fails when the VolumeSnapshotClass name is invalid', () => {
      expect(() => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, volumeSnapshotClassName: 'CSI_snap' })).toThrow(
        /in-cluster profile option volumeSnapshotClassName: invalid volumeSnapshotClassName "CSI_snap"/);
    });

    test('fails when the StorageClass name is invalid', () => {
      expect(() => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageClassName: 'Fast SSD' })).toThrow(/invalid storageClassName "Fast SSD"/);
    });
  });
});
