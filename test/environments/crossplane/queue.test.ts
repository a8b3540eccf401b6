/**
 * The Crossplane queue API end to end on paper: claims written by CrossplaneQueueBackend, turned into composite
 * resources, rendered by the model of function-patch-and-transform through the Composition of
 * CrossplaneQueuePlatform, and the composed Broker validated against the pinned provider-upjet-aws CRD.
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { compositeFor, compositionProblems, render } from './render';
import {
  CrossplaneProfile, CrossplaneProfileOptions, CrossplaneQueuePlatform, CrossplaneQueuePlatformProps, DeletionPolicy, HighAvailability,
  InstanceSize, PortableQueue, PortableQueueProps, Profile, QueueOperator, RabbitMqVersion,
} from '../../../src';
import { registerPortableApis } from '../../util/portable-apis';
import { expectValid, validateEmbedded, validateManifest } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'];
const AWS = { region: 'eu-west-1', subnetIds: SUBNETS, securityGroupIds: ['sg-0123456789abcdef0'] };
const UID = '0b6f1c6e-5a4d-4f6e-9d0a-2f3c4b5a6d7e';

function platform(props: CrossplaneQueuePlatformProps = { aws: AWS }) {
  const { chart } = newChart('crossplane-system');
  new CrossplaneQueuePlatform(chart, 'Queues', props);
  return synth(chart);
}

function build(props: PortableQueueProps = {}, options: Partial<CrossplaneProfileOptions> = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-', ...options }));
  const queue = new PortableQueue(chart, 'Orders', { name: 'orders', ...props });
  return { chart, queue, claim: () => oneOf(synth(chart), 'Queue') };
}

function broker(props: PortableQueueProps = {}): any {
  const xr = compositeFor(build(props).claim(), 'XQueue');
  expect(validateManifest(xr)).toEqual([]);
  const rendered = render(oneOf(platform(), 'Composition'), xr);
  expect(rendered.map((r) => [r.name, r.skipped])).toEqual([['amazonmq-broker', undefined]]);
  expect(validateManifest(rendered[0].resource)).toEqual([]);
  return { ...rendered[0].resource, connectionDetails: rendered[0].connectionDetails };
}

beforeAll(() => registerPortableApis());

describe('Crossplane queue claims', () => {
  test('the claim carries the portable parameters; the binder reads the host from the endpoint and generates the password', () => {
    const { chart, queue, claim } = build();
    const c = claim();
    expect(c.apiVersion).toBe('portabledata.io/v1alpha1');
    expect(c.metadata.name).toBe('orders');
    expect(c.spec).toEqual({
      compositionSelector: { matchLabels: { provider: 'aws' } },
      parameters: {
        brokerName: 'prod-orders',
        version: '4.2',
        instanceSize: 'small',
        highAvailability: true,
        username: 'orders',
        credentialsSecretName: 'orders-credentials',
        deletionPolicy: 'Retain',
      },
      writeConnectionSecretToRef: { name: 'orders-crossplane' },
    });
    queue.bind(new kplus.Deployment(chart, 'Worker', { containers: [{ image: 'example.com/worker:1.0.0', name: 'worker' }] }));
    const objs = synth(chart);
    expectValid(objs);
    expect(queue.backendName).toBe('crossplane');
    expect(queue.tls).toBe(true);
    const job = byKind(objs, 'Job').find((j) => j.metadata.name === queue.connection.binderJobName);
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toEqual({ type: 'rabbitmq', provider: 'crossplane', username: 'orders', vhost: '/', ssl: 'true', port: '5671' });
    expect(spec.deferred).toEqual({
      host: { apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'orders-crossplane', fieldPath: 'data.endpoint', base64: true, uriPart: 'host' },
    });
    expect(spec.credentials).toMatchObject({ secret: 'orders-credentials', generate: true, username: 'orders' });
  });

  test('no HA, a larger size and Delete', () => {
    const props = { highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE, deletionPolicy: DeletionPolicy.DELETE };
    expect(build(props).claim().spec.parameters)
      .toMatchObject({ highAvailability: false, instanceSize: 'large', deletionPolicy: 'Delete' });
  });

  test('a long name is shortened with a hash to 50 characters', () => {
    const name = build({ name: 'a-very-long-queue-name-for-the-orders-of' }, { namePrefix: 'production-eu-west-' }).claim().spec.parameters.brokerName;
    expect(name).toMatch(/^production-eu-west-a-very-long-queue-name-f-[0-9a-f]{6}$/);
    expect(name.length).toBeLessThanOrEqual(50);
  });

  test.each<[string, PortableQueueProps, string]>([
    ['the version is 4.3 (Amazon MQ runs 4.2)', { version: RabbitMqVersion.V4_3 },
      'test/Orders: invalid version "4.3": allowed: not this value on the crossplane backend of profile "crossplane": the portable Crossplane queue API serves RabbitMQ 4.2, what its AWS Composition (Amazon MQ) runs. Fix: use RabbitMqVersion.V4_2 on this profile'],
    ['the size is custom', { instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(4) }) },
      'test/Orders: invalid instanceSize "custom(2 vCPU, 4096 MiB)": allowed: a named size of the portable Crossplane queue API (small, medium, large): Amazon MQ has a fixed set of host instance types. Fix: use InstanceSize.SMALL, MEDIUM or LARGE on this profile'],
    ['storage is set', { storage: Size.gibibytes(20) }, 'test/Orders: invalid storage "20 GiB": allowed: not this value on the crossplane backend'],
    ['queues are declared', { queues: ['orders'] }, 'test/Orders: invalid queues ["orders"]: allowed: not this value on the crossplane backend'],
    ['a virtual host is set', { virtualHost: 'shop' }, 'test/Orders: invalid virtualHost "shop": allowed: not this value on the crossplane backend'],
    ['the name is one character (the broker user needs two)', { name: 'o' },
      'test/Orders: invalid name "o": allowed: a name of at least 2 characters, other than guest, on this profile (it is the broker user\'s name; Amazon MQ deletes users named guest). Fix: give the queue a longer name, or another one'],
    ['the name is guest (Amazon MQ deletes that user)', { name: 'guest' },
      'test/Orders: invalid name "guest": allowed: a name of at least 2 characters, other than guest, on this profile'],
  ])('fails when %s', (_, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describe('where a Crossplane profile runs queues', () => {
  test('fails when the selector picks GCP, which has no queue Composition, naming queuesInCluster', () => {
    expect(() => build({}, { compositionSelector: { provider: 'gcp' } })).toThrow(
      'test/Orders: invalid profile "crossplane": allowed: not a queue on the crossplane-none backend of profile "crossplane": '
      + 'the portable Crossplane queue API has no GCP Composition (GCP has no managed AMQP 0-9-1 service) and the compositionSelector picks provider: gcp, '
      + 'and the profile does not say where queues run. Fix: set queuesInCluster: true on the crossplane profile to run each queue in the cluster '
      + '(a RabbitMQ StatefulSet, or the RabbitMQ operators with queueOperator), or select another profile for the queue');
  });

  test('queuesInCluster: the in-cluster StatefulSet (or the operators), and no claim', () => {
    const plain = build({}, { compositionSelector: { provider: 'gcp' }, queuesInCluster: true });
    expect(plain.queue.backendName).toBe('in-cluster');
    expect(byKind(synth(plain.chart), 'Queue')).toEqual([]);
    expect(byKind(synth(plain.chart), 'StatefulSet')).toHaveLength(1);
    const operators = build({}, {
      compositionSelector: { provider: 'gcp' },
      queuesInCluster: true,
      queueOperator: QueueOperator.RABBITMQ_OPERATORS,
      queueStorageReclaimPolicy: DeletionPolicy.RETAIN,
    });
    expect(operators.queue.backendName).toBe('rabbitmq-operators');
    expect(byKind(synth(operators.chart), 'RabbitmqCluster')).toHaveLength(1);
  });
});

describe('CrossplaneQueuePlatform', () => {
  test('an XRD (XQueue / Queue) and the AWS Composition, cluster-scoped, valid', () => {
    const objs = platform();
    expectValid(objs);
    const xrd = oneOf(objs, 'CompositeResourceDefinition');
    expect(xrd.metadata).toEqual({ name: 'xqueues.portabledata.io' });
    expect(xrd.spec).toMatchObject({
      group: 'portabledata.io',
      names: { kind: 'XQueue', plural: 'xqueues' },
      claimNames: { kind: 'Queue', plural: 'queues' },
      connectionSecretKeys: ['endpoint'],
    });
    expect(byKind(objs, 'Composition').map((c) => [c.metadata.name, c.metadata.labels.provider, c.metadata.namespace, c.spec.writeConnectionSecretsToNamespace]))
      .toEqual([['xqueues.aws.portabledata.io', 'aws', undefined, 'crossplane-system']]);
  });

  test.each<[string, CrossplaneQueuePlatformProps]>([
    ['defaults', { aws: AWS }],
    ['every option', { aws: { ...AWS, providerConfigName: 'aws-prod' }, connectionSecretNamespace: 'platform', functionName: 'fn-pt', labels: { team: 'platform' } }],
  ])('%s: nothing the provider or the function would reject (input, base, every patch target)', (_, props) => {
    const c = oneOf(platform(props), 'Composition');
    expect(compositionProblems(c, validateManifest, validateEmbedded)).toEqual([]);
  });

  test.each<[string, any, string]>([
    ['there are no AWS options', {}, 'invalid aws.region undefined'],
    ['there is one subnet', { aws: { ...AWS, subnetIds: [SUBNETS[0]] } }, 'invalid aws.subnetIds ["subnet-0123456789abcdef0"]: allowed: two or more distinct private subnet IDs (subnet-…) in different availability zones'],
    ['a subnet repeats', { aws: { ...AWS, subnetIds: [SUBNETS[0], SUBNETS[0]] } }, 'invalid aws.subnetIds'],
    ['there is no security group', { aws: { ...AWS, securityGroupIds: [] } }, 'invalid aws.securityGroupIds []: allowed: one or more VPC security group IDs (sg-…)'],
    ['the provider config is not a name', { aws: { ...AWS, providerConfigName: 'AWS Prod' } }, 'invalid aws.providerConfigName "AWS Prod"'],
  ])('fails when %s', (_, props, message) => {
    expect(() => platform(props)).toThrow(`test/Queues: ${message}`);
  });
});

describe('AWS queue composition', () => {
  test('a private, encrypted Multi-AZ RabbitMQ broker with the one user whose password is in the claim\'s namespace', () => {
    const b = broker();
    expect(b.apiVersion).toBe('mq.aws.upbound.io/v1beta2');
    expect(b.spec.deletionPolicy).toBe('Orphan');
    expect(b.spec.forProvider).toEqual({
      region: 'eu-west-1',
      brokerName: 'prod-orders',
      engineType: 'RabbitMQ',
      engineVersion: '4.2',
      autoMinorVersionUpgrade: true,
      hostInstanceType: 'mq.m7g.medium',
      deploymentMode: 'CLUSTER_MULTI_AZ',
      publiclyAccessible: false,
      subnetIds: SUBNETS,
      securityGroups: ['sg-0123456789abcdef0'],
      encryptionOptions: { useAwsOwnedKey: true },
      authenticationStrategy: 'simple',
      storageType: 'ebs',
      user: [{ username: 'orders', passwordSecretRef: { namespace: 'shop', name: 'orders-credentials', key: 'password' } }],
    });
    expect(b.spec.writeConnectionSecretToRef).toEqual({ namespace: 'crossplane-system', name: `${UID}-amazonmq` });
    expect(b.connectionDetails).toEqual([{ name: 'endpoint', type: 'FromFieldPath', fromFieldPath: 'status.atProvider.instances[0].endpoints[0]' }]);
  });

  test('no HA, large, Delete: one instance in the first subnet, deleted with the claim', () => {
    const b = broker({ highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE, deletionPolicy: DeletionPolicy.DELETE });
    expect(b.spec.deletionPolicy).toBe('Delete');
    expect(b.spec.forProvider).toMatchObject({ deploymentMode: 'SINGLE_INSTANCE', subnetIds: [SUBNETS[0]], hostInstanceType: 'mq.m7g.xlarge' });
  });

  test('the broker is not composed for an unclaimed composite (no namespace to read the password from)', () => {
    const xr = compositeFor(build().claim(), 'XQueue');
    delete xr.spec.claimRef;
    expect(render(oneOf(platform(), 'Composition'), xr).map((r) => r.skipped)).toEqual([expect.stringContaining('spec.claimRef.namespace')]);
  });
});
