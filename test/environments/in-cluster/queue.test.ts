import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, InClusterProfile, InstanceSize, PortableQueue, PortableQueueProps, Profile, RabbitMqVersion } from '../../../src';
import { DEFINITIONS_SCRIPT, queueDefinitions } from '../../../src/environments/in-cluster/queue';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

function build(props: PortableQueueProps = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new InClusterProfile({ storageClassName: 'fast-ssd' }));
  const queue = new PortableQueue(chart, 'Orders', { name: 'orders', ...props });
  return { chart, queue, objs: () => synth(chart) };
}

function bindingSpec(objs: any[], queue: PortableQueue): any {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name === queue.connection.binderJobName);
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

describe('in-cluster queue (RabbitMQ)', () => {
  test('a single RabbitMQ node: pinned image, definitions from the credentials Secret, config, data on a claim, probes', () => {
    const { objs, queue } = build({ virtualHost: 'shop', queues: ['orders'] });
    const all = objs();
    expectValid(all);
    const sts = oneOf(all, 'StatefulSet');
    const pod = sts.spec.template.spec;
    const [rabbit] = pod.containers;
    expect(rabbit.image).toBe('docker.io/library/rabbitmq:4.2.9');
    expect(rabbit.args).toEqual(['rabbitmq-server']);
    expect(rabbit.env).toEqual([
      { name: 'RABBITMQ_CONFIG_FILE', value: '/etc/rabbitmq/portable/rabbitmq.conf' },
      { name: 'RABBITMQ_LOGS', value: '-' },
      { name: 'HOME', value: '/var/lib/rabbitmq' },
    ]);
    expect(rabbit.resources).toEqual({ requests: { cpu: '1', memory: '2048Mi' }, limits: { cpu: '1', memory: '2048Mi' } });
    expect(rabbit.readinessProbe.exec.command).toEqual(['rabbitmq-diagnostics', '-q', 'ping']);
    expect(rabbit.ports).toEqual([{ name: 'amqp', containerPort: 5672, protocol: 'TCP' }]);
    expect(rabbit.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(rabbit.volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/rabbitmq' },
      { name: 'config', mountPath: '/etc/rabbitmq/portable', readOnly: true },
      { name: 'definitions', mountPath: '/etc/rabbitmq/definitions', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'logs', mountPath: '/var/log/rabbitmq' },
    ]);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['config', 'definitions', 'tmp', 'logs']);
    expect(pod.volumes.find((v: any) => v.name === 'definitions').emptyDir).toEqual({ medium: 'Memory', sizeLimit: '1Mi' });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });

    const [init] = pod.initContainers;
    expect(init.name).toBe('definitions');
    expect(init.command).toEqual(['sh', '-c', DEFINITIONS_SCRIPT]);
    expect(init.securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    const defs = queueDefinitions({ username: 'orders', virtualHost: 'shop', queues: ['orders'] }, false);
    expect(init.env).toEqual([
      { name: 'DEFINITIONS_HEAD', value: defs.head },
      { name: 'DEFINITIONS_TAIL', value: defs.tail },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-credentials', key: 'password' } } },
    ]);
    expect(JSON.parse(`${defs.head}secret${defs.tail}`)).toEqual({
      users: [{ name: 'orders', password: 'secret', tags: [] }],
      vhosts: [{ name: 'shop' }],
      permissions: [{ user: 'orders', vhost: 'shop', configure: '.*', write: '.*', read: '.*' }],
      queues: [{ name: 'orders', vhost: 'shop', durable: true, auto_delete: false, arguments: { 'x-queue-type': 'classic' } }],
    });

    const config = byKind(all, 'ConfigMap').find((c) => c.metadata.name === 'orders-rabbitmq');
    expect(config.data['rabbitmq.conf']).toBe([
      '# Written by cdk8s-portable-data.',
      'listeners.tcp.default = 5672',
      'load_definitions = /etc/rabbitmq/definitions/definitions.json',
      'total_memory_available_override_value = 2147483648',
      '',
    ].join('\n'));
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '8Gi' } },
    });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(byKind(all, 'PodDisruptionBudget')).toEqual([]);
    // No workload is bound yet: the NetworkPolicy admits nobody.
    expect(oneOf(all, 'NetworkPolicy').spec.ingress).toEqual([]);

    const spec = bindingSpec(all, queue);
    expect(spec.values).toEqual({
      type: 'rabbitmq',
      provider: 'in-cluster',
      username: 'orders',
      vhost: 'shop',
      ssl: 'false',
      host: 'orders.{namespace}.svc.cluster.local',
      port: '5672',
    });
    expect(spec.uriTemplate).toBe('amqp://{username}:{password}@{host}:{port}/{vhost}');
    expect(spec.credentials).toEqual({
      secret: 'orders-credentials', generate: true, username: 'orders', usernameKey: 'username', passwordKeys: ['password'], copy: { password: 'password' },
    });
    expect(queue.connection.keys).toEqual(['type', 'provider', 'host', 'port', 'username', 'password', 'vhost', 'ssl', 'uri']);
    // The password is never in the YAML.
    expect(JSON.stringify(all)).not.toMatch(/"password":"[^"]/);
  });

  test('size, storage, version and DELETE map to the pod, the claim, the image and the retention policy', () => {
    const { objs } = build({
      instanceSize: InstanceSize.MEDIUM, storage: Size.gibibytes(20), version: RabbitMqVersion.V4_3, deletionPolicy: DeletionPolicy.DELETE,
    });
    const all = objs();
    expectValid(all);
    const sts = oneOf(all, 'StatefulSet');
    expect(sts.spec.template.spec.containers[0].image).toBe('docker.io/library/rabbitmq:4.3.6');
    expect(sts.spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '2', memory: '8192Mi' });
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Delete');
    expect(byKind(all, 'ConfigMap').find((c) => c.metadata.name === 'orders-rabbitmq').data['rabbitmq.conf'])
      .toContain('total_memory_available_override_value = 8589934592');
  });

  test('bound workloads get AMQP_ variables and a NetworkPolicy rule', () => {
    const { chart, queue, objs } = build();
    const app = new kplus.Deployment(chart, 'App', { containers: [{ image: 'example.com/app:1.0.0', name: 'app' }] });
    queue.bind(app);
    const all = objs();
    const dep = oneOf(all, 'Deployment');
    expect(dep.spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual([
      'AMQP_TYPE', 'AMQP_PROVIDER', 'AMQP_HOST', 'AMQP_PORT', 'AMQP_USERNAME', 'AMQP_PASSWORD', 'AMQP_VHOST', 'AMQP_SSL', 'AMQP_URI',
    ]);
    const rule = oneOf(all, 'NetworkPolicy').spec.ingress[0];
    expect(rule.ports).toEqual([{ port: 5672, protocol: 'TCP' }]);
    expect(rule.from).toHaveLength(1);
  });
});
