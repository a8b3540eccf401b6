import { Size, Testing } from 'cdk8s';
import { DeletionPolicy, HighAvailability, InstanceSize, PortableQueue, PortableQueueProps, RabbitMqVersion } from '../../src';

function make(props: PortableQueueProps): PortableQueue {
  return new PortableQueue(Testing.chart(), 'Queue', props);
}

describe('PortableQueue', () => {
  test('the kind\'s contract: servicebinding.io/rabbitmq, AMQP_ variables, amqps:// uri with the vhost in the path', () => {
    expect(PortableQueue.KIND.secretType).toBe('servicebinding.io/rabbitmq');
    expect(PortableQueue.KIND.contract).toEqual({
      type: 'rabbitmq',
      keys: ['type', 'provider', 'host', 'port', 'username', 'password', 'vhost', 'ssl', 'uri'],
      optionalKeys: [],
      uriTemplate: 'amqps://{username}:{password}@{host}:{port}/{vhost}',
      envPrefix: 'AMQP_',
    });
  });

  test('defaults: RabbitMQ 4.2, SMALL, the backend\'s storage, HA AUTO, no queues, vhost /, RETAIN; the user is the name', () => {
    const queue = make({ name: 'orders' });
    expect(queue._spec).toEqual({
      name: 'orders',
      version: RabbitMqVersion.V4_2,
      instanceSize: InstanceSize.SMALL,
      storageGiB: undefined,
      highAvailability: HighAvailability.AUTO,
      virtualHost: '/',
      queues: [],
      username: 'orders',
      deletionPolicy: DeletionPolicy.RETAIN,
      credentialsSecretName: 'orders-credentials',
      labels: expect.objectContaining({ 'app.kubernetes.io/name': 'queue', 'app.kubernetes.io/instance': 'orders' }),
    });
  });

  test('RabbitMqVersion.of pins a version the catalog does not list', () => {
    expect(make({ version: RabbitMqVersion.of('4.4', '4.4.1') })._spec.version).toEqual(RabbitMqVersion.of('4.4', '4.4.1'));
    expect(RabbitMqVersion.knownMinors).toEqual(['4.2', '4.3']);
  });

  test.each<[string, PortableQueueProps, string]>([
    ['fails when the version is not in the catalog and has no full version', { version: RabbitMqVersion.of('4.9') },
      'test/Queue: invalid version "4.9": allowed: one of the catalog\'s RabbitMQ versions 4.2, 4.3. Fix: use a catalog constant, or pin a version the catalog does not list with RabbitMqVersion.of(minor, fullVersion), e.g. RabbitMqVersion.of(\'4.4\', \'4.4.0\')'],
    ['fails when the version is older than 4.0', { version: RabbitMqVersion.of('3.13', '3.13.7') },
      'test/Queue: invalid version "3.13": allowed: RabbitMQ 4.0 or later. Fix: use RabbitMqVersion.V4_2 or later'],
    ['fails when the full version is not of the minor', { version: RabbitMqVersion.of('4.4', '4.3.1') },
      'test/Queue: invalid version "4.3.1": allowed: a full version of minor 4.4 (e.g. 4.4.0). Fix: make the full version the minor followed by the patch release'],
    ['fails when the storage is not whole GiB', { storage: Size.mebibytes(1536) },
      'test/Queue: invalid storage "1536 MiB": allowed: a whole number of GiB from 1 to 1024. Fix: use e.g. Size.gibibytes(8)'],
    ['fails when a queue name is reserved', { queues: ['amq.orders'] },
      'test/Queue: invalid queues "amq.orders": allowed: queue names of letters, digits and ._:- (at most 255 characters), not starting with amq. (reserved by the broker). Fix: rename the queue, e.g. orders.created'],
    ['fails when a queue is declared twice', { queues: ['orders', 'orders'] },
      'test/Queue: invalid queues "orders": allowed: each queue name once. Fix: remove the duplicate'],
    ['fails when the virtual host has a space', { virtualHost: 'my shop' },
      'test/Queue: invalid virtualHost "my shop": allowed: a virtual host name of letters, digits and /._~:@- (at most 255 characters). Fix: use \'/\' (the default) or a name such as \'orders\''],
    ['fails when HA is required of the in-cluster broker', { highAvailability: HighAvailability.REQUIRED },
      'test/Queue: invalid highAvailability "required": allowed: not this value on the in-cluster backend of profile "in-cluster": the in-cluster broker is a single RabbitMQ node (no replicas, no failover). Fix: use HighAvailability.AUTO or NONE here, or a profile whose queue backend offers HA (Amazon MQ)'],
  ])('%s', (_, props, message) => {
    expect(() => make(props)).toThrow(message);
  });
});
