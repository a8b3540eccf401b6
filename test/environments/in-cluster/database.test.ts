import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Backup, Credentials, DeletionPolicy, HighAvailability, InClusterProfile, InstanceSize, MySqlVersion, PortableMySQL, PortableMySQLProps, Profile } from '../../../src';
import { expectValid } from '../../util/schema';
import { bindingSpec, byKind, newChart, oneOf, ownAnnotations, synth, withoutBinder } from '../../util/synth';

function build(props: PortableMySQLProps = {}, profile = new InClusterProfile()) {
  const { chart } = newChart('shop');
  Profile.use(chart, profile);
  const db = new PortableMySQL(chart, 'Db', { name: 'orders-db', ...props });
  return { chart, db };
}

function mysqlContainer(objs: any[]): any {
  return oneOf(objs, 'StatefulSet').spec.template.spec.containers[0];
}

describe('in-cluster MySQL', () => {
  test('a StatefulSet of the pinned official image with its data on a claim template of the profile\'s StorageClass', () => {
    const objs = synth(build({ storage: Size.gibibytes(200) }, new InClusterProfile({ storageClassName: 'fast-ssd' })).chart);
    expectValid(objs);
    const sts = oneOf(objs, 'StatefulSet');
    expect(sts.metadata.name).toBe('orders-db');
    expect(sts.spec.serviceName).toBe('orders-db-headless');
    expect(sts.spec.replicas).toBe(1);
    expect(mysqlContainer(objs).image).toBe('docker.io/library/mysql:8.4.7');
    const [claim] = sts.spec.volumeClaimTemplates;
    expect(claim.metadata.name).toBe('data');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '200Gi' } } });
    expect(mysqlContainer(objs).volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/mysql' });
  });

  test('storageExpansion: the claim template asks for 20 GiB whatever storage says, and the binder grows the data and backup claims (get and patch by name)', () => {
    const objs = synth(build({ storage: Size.gibibytes(200) }, new InClusterProfile({ storageClassName: 'fast-ssd', storageExpansion: true })).chart);
    expectValid(objs);
    expect(oneOf(objs, 'StatefulSet').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(bindingSpec(objs).grow).toEqual([{ name: 'data-orders-db-0', storage: '200Gi' }, { name: 'orders-db-backup', storage: '200Gi' }]);
    const rules = oneOf(objs, 'Role').rules.filter((r: any) => r.resources.includes('persistentvolumeclaims'));
    expect(rules).toContainEqual({ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'patch'], resourceNames: ['data-orders-db-0', 'orders-db-backup'] });
    // Without it: the declared size in the template, nothing to grow, no patch.
    const plain = synth(build({ storage: Size.gibibytes(200) }, new InClusterProfile({ storageClassName: 'fast-ssd' })).chart);
    expect(oneOf(plain, 'StatefulSet').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('200Gi');
    expect(bindingSpec(plain).grow).toBeUndefined();
    expect(oneOf(plain, 'Role').rules.filter((r: any) => r.verbs.includes('patch') && r.resources.includes('persistentvolumeclaims'))).toEqual([]);
  });

  test('a pinned full version and a registry mirror set the image', () => {
    const objs = synth(build({ version: MySqlVersion.of('8.0', '8.0.36') }, new InClusterProfile({ imageRegistry: 'mirror.gcr.io/library' })).chart);
    expect(mysqlContainer(objs).image).toBe('mirror.gcr.io/library/mysql:8.0.36');
  });

  test('headless and client Services on 3306', () => {
    const objs = synth(build().chart);
    const [headless, client] = ['orders-db-headless', 'orders-db'].map((n) => byKind(objs, 'Service').find((s) => s.metadata.name === n));
    expect(headless.spec.clusterIP).toBe('None');
    expect(client.spec.type).toBe('ClusterIP');
    for (const svc of [headless, client]) {
      expect(svc.spec.ports).toEqual([{ name: 'mysql', port: 3306, targetPort: 3306 }]);
      expect(svc.spec.selector).toEqual(oneOf(objs, 'StatefulSet').spec.selector.matchLabels);
    }
  });

  test('credentials come from the credentials Secret, never from the manifest', () => {
    const objs = synth(build().chart);
    const env = mysqlContainer(objs).env;
    expect(env).toContainEqual({ name: 'MYSQL_DATABASE', value: 'app' });
    expect(env).toContainEqual({ name: 'MYSQL_USER', value: 'app' });
    expect(env).toContainEqual({ name: 'MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'password' } } });
    expect(env).toContainEqual({ name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db-credentials', key: 'admin-password' } } });
  });

  test('the binder generates the administrator password too, unless the user brings the Secret', () => {
    const generated = JSON.parse(oneOf(synth(build().chart), 'Job').spec.template.spec.containers[0].env[0].value);
    expect(generated.credentials.passwordKeys).toEqual(['password', 'admin-password']);
    const own = synth(build({ credentials: Credentials.fromSecret('orders-secret') }).chart);
    const spec = JSON.parse(oneOf(own, 'Job').spec.template.spec.containers[0].env[0].value);
    expect(spec.credentials).toMatchObject({ secret: 'orders-secret', generate: false });
    expect(mysqlContainer(own).env).toContainEqual({ name: 'MYSQL_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-secret', key: 'password' } } });
  });

  test('the host is the client Service\'s cluster DNS name, completed with the namespace at deploy time', () => {
    const spec = JSON.parse(oneOf(synth(build().chart), 'Job').spec.template.spec.containers[0].env[0].value);
    expect(spec.values.host).toBe('orders-db.{namespace}.svc.cluster.local');
    expect(spec.values.provider).toBe('in-cluster');
  });

  test('probes: startup, readiness and liveness ping the server', () => {
    const c = mysqlContainer(synth(build().chart));
    for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
      expect(probe.exec.command).toEqual(['mysqladmin', 'ping', '--host=127.0.0.1', '--silent']);
    }
    expect(c.startupProbe.failureThreshold * c.startupProbe.periodSeconds).toBeGreaterThanOrEqual(600);
  });

  test.each([
    [InstanceSize.SMALL, '1', '2048Mi'],
    [InstanceSize.MEDIUM, '2', '8192Mi'],
    [InstanceSize.LARGE, '4', '16384Mi'],
    [InstanceSize.custom({ cpu: 6, memory: Size.gibibytes(24) }), '6', '24576Mi'],
  ])('instance size %s gives Guaranteed requests = limits', (size, cpu, memory) => {
    const c = mysqlContainer(synth(build({ instanceSize: size }).chart));
    expect(c.resources).toEqual({ requests: { cpu, memory }, limits: { cpu, memory } });
  });

  test('the pod is hardened: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp', () => {
    const objs = synth(build().chart);
    const pod = oneOf(objs, 'StatefulSet').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    // The server writes its socket and temp files to emptyDirs.
    const scratch = pod.containers[0].volumeMounts.filter((m: any) => m.name.startsWith('scratch-')).map((m: any) => m.mountPath);
    expect(scratch).toEqual(['/tmp', '/var/run/mysqld', '/var/lib/mysql-files']);
  });

  test('no PodDisruptionBudget: a budget of the single instance would block every node drain', () => {
    const objs = synth(build().chart);
    expect(byKind(objs, 'PodDisruptionBudget')).toEqual([]);
  });

  test.each([
    [DeletionPolicy.RETAIN, 'Retain'],
    [DeletionPolicy.DELETE, 'Delete'],
  ])('deletion policy %s: the data claims are %s when the StatefulSet is deleted', (policy, whenDeleted) => {
    const objs = synth(build({ deletionPolicy: policy }).chart);
    const sts = oneOf(objs, 'StatefulSet');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted, whenScaled: 'Retain' });
    // The data claims come from the claim template: never in the YAML, so `kubectl delete -f` cannot delete them.
    expect(sts.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
    expect(byKind(objs, 'PersistentVolumeClaim').map((c) => c.metadata.name)).not.toContain('data-orders-db-0');
  });

  test('RETAIN: the backup claim is not in the YAML (kubectl delete -f keeps it); the binder creates it at deploy time', () => {
    const objs = synth(build({ deletionPolicy: DeletionPolicy.RETAIN }).chart);
    expect(byKind(objs, 'PersistentVolumeClaim')).toEqual([]);
    expect(bindingSpec(objs).claims).toEqual([{
      name: 'orders-db-backup',
      labels: expect.objectContaining({ 'app.kubernetes.io/instance': 'orders-db', 'app.kubernetes.io/component': 'backup' }),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
    }]);
  });

  test('DELETE: the backup claim is in the YAML, and goes with it', () => {
    const objs = synth(build({ deletionPolicy: DeletionPolicy.DELETE }).chart);
    const claim = oneOf(objs, 'PersistentVolumeClaim');
    expect(claim.metadata.name).toBe('orders-db-backup');
    expect(ownAnnotations(claim)).toBeUndefined();
    expect(bindingSpec(objs).claims).toBeUndefined();
  });

  test('daily backups: a CronJob at the start time (UTC) dumps to the backup claim and prunes by retention', () => {
    const objs = synth(build({ backup: Backup.daily({ startTime: '22:45', retention: Duration.days(3) }) }).chart);
    expectValid(objs);
    const cron = oneOf(withoutBinder(objs), 'CronJob');
    expect(cron.spec.schedule).toBe('45 22 * * *');
    expect(cron.spec.timeZone).toBe('Etc/UTC');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const script = pod.containers[0].command[2];
    expect(script).toContain('mysqldump --defaults-extra-file=/tmp/client.cnf');
    expect(script).toContain(`-mmin +${3 * 24 * 60} -delete`);
    expect(pod.volumes).toContainEqual({ name: 'backup', persistentVolumeClaim: { claimName: 'orders-db-backup' } });
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('backups disabled: no CronJob and no backup claim', () => {
    const objs = synth(build({ backup: Backup.disabled() }).chart);
    expect(byKind(withoutBinder(objs), 'CronJob')).toEqual([]);
    expect(byKind(objs, 'PersistentVolumeClaim')).toEqual([]);
  });

  test('the NetworkPolicy admits nobody until a workload is bound, then only that workload (and the backup job)', () => {
    const unbound = build({ backup: Backup.disabled() });
    expect(oneOf(synth(unbound.chart), 'NetworkPolicy').spec.ingress).toEqual([]);

    const { chart, db } = build();
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }] });
    db.bind(web);
    const objs = synth(chart);
    expectValid(objs);
    const policy = oneOf(objs, 'NetworkPolicy');
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.podSelector).toEqual(oneOf(objs, 'StatefulSet').spec.selector);
    expect(policy.spec.ingress).toEqual([{
      from: [
        { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'orders-db', 'app.kubernetes.io/component': 'backup' } } },
        { podSelector: { matchLabels: oneOf(objs, 'Deployment').spec.selector.matchLabels } },
      ],
      ports: [{ port: 3306, protocol: 'TCP' }],
    }]);
  });

  test('HA auto gives the single instance the environment can offer', () => {
    expect(oneOf(synth(build({ highAvailability: HighAvailability.AUTO }).chart), 'StatefulSet').spec.replicas).toBe(1);
  });

  test('fails when high availability is required', () => {
    expect(() => build({ highAvailability: HighAvailability.REQUIRED })).toThrow(
      /test\/Db: invalid highAvailability "required": allowed: not this value on the in-cluster backend of profile "in-cluster": the in-cluster backend runs a single instance\. Fix: .*select a profile whose backend offers HA/);
  });

  test('fails when the StorageClass name is invalid', () => {
    expect(() => new InClusterProfile({ storageClassName: 'Fast SSD' })).toThrow(/in-cluster profile option storageClassName: invalid storageClassName "Fast SSD"/);
  });
});
