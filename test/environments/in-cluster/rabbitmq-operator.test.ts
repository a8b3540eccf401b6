import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, HighAvailability, InClusterProfile, InClusterProfileOptions, PortableQueue, PortableQueueProps, Profile, QueueOperator } from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

function build(props: PortableQueueProps = {}, options: InClusterProfileOptions = { storageReclaimPolicy: DeletionPolicy.RETAIN }) {
  const { chart } = newChart('shop');
  Profile.use(chart, new InClusterProfile({ storageClassName: 'fast-ssd', queueOperator: QueueOperator.RABBITMQ_OPERATORS, ...options }));
  const queue = new PortableQueue(chart, 'Orders', { name: 'orders', ...props });
  return { chart, queue, objs: () => synth(chart) };
}

function bindingSpec(objs: any[], queue: PortableQueue): any {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name === queue.connection.binderJobName);
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

/** The restricted pod security standard's fields, on the pod and on the operator's two containers. */
const CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
const RESTRICTED = {
  securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'rabbitmq', securityContext: CONTAINER }],
  initContainers: [{ name: 'setup-container', securityContext: CONTAINER }],
};

describe('in-cluster queue through the RabbitMQ operators', () => {
  test('HA: a 3-node RabbitmqCluster, the user imported from the credentials Secret, vhost, permission and quorum queues', () => {
    const { chart, queue, objs } = build({ virtualHost: 'shop', queues: ['orders', 'Orders.Retry'], storage: Size.gibibytes(20) });
    queue.bind(new kplus.Deployment(chart, 'App', { containers: [{ image: 'example.com/app:1.0.0', name: 'app' }] }));
    const all = objs();
    expectValid(all);
    const cluster = oneOf(all, 'RabbitmqCluster');
    expect(ownAnnotations(cluster)).toEqual({ 'argocd.argoproj.io/sync-options': 'Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(cluster.spec).toEqual({
      replicas: 3,
      image: 'docker.io/library/rabbitmq:4.2.9',
      resources: { requests: { cpu: '1', memory: '2048Mi' }, limits: { cpu: '1', memory: '2048Mi' } },
      persistence: { storage: '20Gi', storageClassName: 'fast-ssd' },
      rabbitmq: { additionalConfig: 'default_queue_type = quorum' },
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 100,
            podAffinityTerm: { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/component': 'rabbitmq' } }, topologyKey: 'kubernetes.io/hostname' },
          }],
        },
      },
      override: {
        statefulSet: {
          spec: {
            persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
            template: { spec: RESTRICTED },
          },
        },
      },
    });
    expect(oneOf(all, 'User').spec).toEqual({ rabbitmqClusterReference: { name: 'orders' }, importCredentialsSecret: { name: 'orders-credentials' } });
    expect(oneOf(all, 'Vhost').spec).toEqual({ name: 'shop', defaultQueueType: 'quorum', rabbitmqClusterReference: { name: 'orders' }, deletionPolicy: 'retain' });
    expect(oneOf(all, 'Permission').spec).toEqual({
      vhost: 'shop', userReference: { name: 'orders-user' }, permissions: { configure: '.*', write: '.*', read: '.*' }, rabbitmqClusterReference: { name: 'orders' },
    });
    const queues = byKind(all, 'Queue').map((q) => q.spec);
    expect(queues).toEqual(['orders', 'Orders.Retry'].map((name) => ({
      name, vhost: 'shop', durable: true, autoDelete: false, type: 'quorum', rabbitmqClusterReference: { name: 'orders' }, deletionPolicy: 'retain',
    })));
    expect(byKind(all, 'Queue').every((q) => /^orders-queue-[0-9a-f]{8}$/.test(q.metadata.name))).toBe(true);
    expect(byKind(all, 'StatefulSet')).toEqual([]);

    const spec = bindingSpec(all, queue);
    expect(spec.values).toEqual({ type: 'rabbitmq', provider: 'rabbitmq-operators', username: 'orders', vhost: 'shop', ssl: 'false' });
    const secret = (key: string) => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'orders-default-user', fieldPath: `data.${key}`, base64: true });
    expect(spec.deferred).toEqual({ host: secret('host'), port: secret('port') });
    expect(spec.credentials).toMatchObject({ secret: 'orders-credentials', generate: true, username: 'orders', usernameKey: 'username' });

    const policy = oneOf(all, 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/component': 'rabbitmq' });
    expect(policy.spec.ingress).toHaveLength(3);
    expect(policy.spec.ingress[1].ports).toEqual([{ port: 15672, protocol: 'TCP' }]);
    expect(policy.spec.ingress[2].ports).toEqual([{ port: 5672, protocol: 'TCP' }]);
  });

  test('NONE and DELETE: one node, classic queues, no Vhost for /, nothing retained', () => {
    const { objs } = build({ highAvailability: HighAvailability.NONE, deletionPolicy: DeletionPolicy.DELETE, queues: ['orders'] }, {});
    const all = objs();
    expectValid(all);
    const cluster = oneOf(all, 'RabbitmqCluster');
    expect(cluster.spec.replicas).toBe(1);
    expect(ownAnnotations(cluster)).toBeUndefined();
    expect(cluster.spec.persistence.storage).toBe('8Gi');
    expect(byKind(all, 'Vhost')).toEqual([]);
    expect(oneOf(all, 'Permission').spec.vhost).toBe('/');
    expect(oneOf(all, 'Queue').spec).toMatchObject({ type: 'classic', vhost: '/', deletionPolicy: 'delete' });
  });

  test('REQUIRED: the nodes\' anti-affinity is required (Pending rather than two on one Kubernetes node)', () => {
    const cluster = oneOf(build({ highAvailability: HighAvailability.REQUIRED }).objs(), 'RabbitmqCluster');
    expect(cluster.spec.affinity.podAntiAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/component': 'rabbitmq' } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    });
  });

  test('DELETE: the StatefulSet deletes the claims (where the operator lets it), with a class that deletes volumes', () => {
    const all = build({ deletionPolicy: DeletionPolicy.DELETE }, { storageReclaimPolicy: DeletionPolicy.DELETE }).objs();
    expectValid(all);
    expect(oneOf(all, 'RabbitmqCluster').spec.override.statefulSet.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
  });

  test('fails when RETAIN (the default) and the profile does not declare a StorageClass that retains volumes', () => {
    expect(() => build({}, {}).objs()).toThrow(
      'test/Orders: invalid deletionPolicy "retain": allowed: not this value on the rabbitmq-operators backend of profile "in-cluster": '
      + 'deleting the RabbitmqCluster deletes its claims (the cluster operator owns them up to v2.22.3), so the reclaimPolicy of StorageClass "fast-ssd" decides '
      + '(the profile\'s storageReclaimPolicy: delete). Fix: use a StorageClass with reclaimPolicy: Retain and set storageReclaimPolicy: DeletionPolicy.RETAIN '
      + 'in the profile (queueStorageReclaimPolicy on profiles with queuesInCluster), or use DeletionPolicy.DELETE [PD200]');
  });

  test('fails when DELETE and the StorageClass retains volumes', () => {
    expect(() => build({ deletionPolicy: DeletionPolicy.DELETE }).objs()).toThrow(
      'use DeletionPolicy.RETAIN, or a StorageClass with reclaimPolicy: Delete (storageReclaimPolicy: DeletionPolicy.DELETE) [PD200]');
  });

  test('fails when queueOperator is not a QueueOperator', () => {
    expect(() => new InClusterProfile({ queueOperator: 'rabbitmq' as QueueOperator }))
      .toThrow('in-cluster profile option queueOperator: invalid queueOperator "rabbitmq": allowed: one of QueueOperator.NONE, QueueOperator.RABBITMQ_OPERATORS. Fix: use QueueOperator.NONE');
  });
});
