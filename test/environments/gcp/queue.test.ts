import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, GcpProfile, GcpProfileOptions, HighAvailability, PortableQueue, Profile, QueueOperator } from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

const OPTIONS: GcpProfileOptions = { projectId: 'acme-prod-123', region: 'europe-west1' };

function build(options: Partial<GcpProfileOptions> = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new GcpProfile({ ...OPTIONS, ...options }));
  const queue = new PortableQueue(chart, 'Orders', { name: 'orders', queues: ['orders'] });
  return { chart, queue };
}

describe('GCP queue (no managed AMQP 0-9-1: in the cluster, or refused)', () => {
  test('fails when the profile does not say where queues run, naming queuesInCluster', () => {
    expect(() => build()).toThrow('test/Orders: invalid profile "gcp": allowed: not a queue on the gcp-none backend of profile "gcp": '
      + 'GCP has no managed AMQP 0-9-1 service (Pub/Sub speaks its own protocol), and the profile does not say where queues run. '
      + 'Fix: set queuesInCluster: true on the gcp profile to run each queue in the cluster (a RabbitMQ StatefulSet, or the RabbitMQ operators with queueOperator), '
      + 'or select another profile for the queue');
  });

  test('fails when queuesInCluster is not a boolean', () => {
    expect(() => new GcpProfile({ ...OPTIONS, queuesInCluster: 'yes' as unknown as boolean }))
      .toThrow('gcp profile option queuesInCluster: invalid queuesInCluster "yes"');
  });

  test('queuesInCluster: the in-cluster RabbitMQ StatefulSet, plaintext behind a NetworkPolicy, in the GKE cluster', () => {
    const { chart, queue } = build({ queuesInCluster: true });
    queue.bind(new kplus.Deployment(chart, 'App', { containers: [{ image: 'example.com/app:1.0.0', name: 'app' }] }));
    const objs = synth(chart);
    expectValid(objs);
    expect(queue.backendName).toBe('in-cluster');
    expect(queue.profile.name).toBe('gcp');
    const sts = oneOf(objs, 'StatefulSet');
    expect(sts.spec.template.spec.containers[0].image).toBe('docker.io/library/rabbitmq:4.2.9');
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
    expect(oneOf(objs, 'NetworkPolicy').spec.ingress[0].ports).toEqual([{ port: 5672, protocol: 'TCP' }]);
    expect(queue.tls).toBe(false);
    expect(byKind(objs, 'Broker')).toEqual([]);
  });

  test('queuesInCluster with queueOperator: a RabbitmqCluster of three nodes and quorum queues, through the RabbitMQ operators', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, new GcpProfile({
      ...OPTIONS, queuesInCluster: true, queueOperator: QueueOperator.RABBITMQ_OPERATORS, queueStorageReclaimPolicy: DeletionPolicy.RETAIN,
    }));
    const queue = new PortableQueue(chart, 'Orders', { name: 'orders', queues: ['orders'], highAvailability: HighAvailability.REQUIRED });
    const objs = synth(chart);
    expectValid(objs);
    expect(queue.backendName).toBe('rabbitmq-operators');
    expect(oneOf(objs, 'RabbitmqCluster').spec.replicas).toBe(3);
    expect(oneOf(objs, 'Queue').spec).toMatchObject({ name: 'orders', durable: true, type: 'quorum' });
    expect(byKind(objs, 'StatefulSet')).toEqual([]);
  });

  test('fails when queueOperator is set without queuesInCluster', () => {
    expect(() => new GcpProfile({ ...OPTIONS, queueOperator: QueueOperator.RABBITMQ_OPERATORS })).toThrow(
      'gcp profile option queueOperator: invalid queueOperator "rabbitmq-operators": allowed: queueOperator only together with queuesInCluster: true '
      + '(it says how queues run in the cluster). Fix: add queuesInCluster: true, or remove queueOperator');
  });

  test('fails when queueOperator is not a QueueOperator', () => {
    expect(() => new GcpProfile({ ...OPTIONS, queuesInCluster: true, queueOperator: 'rabbit' as QueueOperator }))
      .toThrow('gcp profile option queueOperator: invalid queueOperator "rabbit"');
  });
});
