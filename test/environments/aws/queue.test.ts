import * as fs from 'fs';
import * as path from 'path';
import { Size } from 'cdk8s';
import {
  AwsProfile, AwsProfileOptions, DeletionPolicy, HighAvailability, InstanceSize, PortableQueue, PortableQueueProps, Profile, RabbitMqVersion,
} from '../../../src';
import { brokerName } from '../../../src/environments/aws/catalog/amazon-mq';
import { IQueueBackend } from '../../../src/services/queue/backend';
import { FakeKubeApi } from '../../util/fake-kube-api';
import { killPrograms, materialize, runProgram, tempDir } from '../../util/programs';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'];
const OPTIONS: AwsProfileOptions = {
  region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], brokerSubnetIds: SUBNETS,
};

function build(props: PortableQueueProps = {}, options: Partial<AwsProfileOptions> = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new AwsProfile({ ...OPTIONS, ...options }));
  const queue = new PortableQueue(chart, 'Orders', { name: 'orders', ...props });
  return { queue, objs: synth(chart) };
}

function bindingSpec(objs: any[], queue: PortableQueue): any {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name === queue.connection.binderJobName);
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

describe('AWS queue (Amazon MQ for RabbitMQ through ACK)', () => {
  test('a private, encrypted Multi-AZ cluster with the one user from the credentials Secret; the amqps endpoint read at deploy time', () => {
    const { queue, objs } = build();
    expectValid(objs);
    const broker = oneOf(objs, 'Broker');
    expect(broker.apiVersion).toBe('mq.services.k8s.aws/v1alpha1');
    expect(ownAnnotations(broker)).toEqual({ 'services.k8s.aws/region': 'eu-west-1', 'services.k8s.aws/deletion-policy': 'retain' });
    expect(broker.spec).toEqual({
      name: 'orders',
      engineType: 'RABBITMQ',
      engineVersion: '4.2',
      autoMinorVersionUpgrade: true,
      hostInstanceType: 'mq.m7g.medium',
      deploymentMode: 'CLUSTER_MULTI_AZ',
      publiclyAccessible: false,
      subnetIDs: SUBNETS,
      securityGroups: ['sg-0123456789abcdef0'],
      encryptionOptions: { useAWSOwnedKey: true },
      users: [{ username: 'orders', password: { name: 'orders-credentials', key: 'password' } }],
      tags: expect.objectContaining({ 'app.kubernetes.io/instance': 'orders', 'portabledata.io/backend': 'aws-mq' }),
    });
    const spec = bindingSpec(objs, queue);
    expect(spec.values).toEqual({ type: 'rabbitmq', provider: 'aws-mq', username: 'orders', vhost: '/', ssl: 'true', port: '5671' });
    expect(spec.deferred).toEqual({
      host: {
        apiGroup: 'mq.services.k8s.aws',
        apiVersion: 'v1alpha1',
        resource: 'brokers',
        name: 'orders',
        fieldPath: 'status.brokerInstances[0].endpoints[0]',
        uriPart: 'host',
      },
    });
    expect(spec.uriTemplate).toBe('amqps://{username}:{password}@{host}:{port}/{vhost}');
    expect(queue.tls).toBe(true);
    expect(byKind(objs, 'NetworkPolicy')).toEqual([]);
  });

  test('NONE: a single instance in the first subnet; size, DELETE and a long prefixed name', () => {
    const { objs } = build(
      { highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE, deletionPolicy: DeletionPolicy.DELETE, name: 'a'.repeat(40) },
      { namePrefix: 'production-eu-', brokerSubnetIds: [SUBNETS[0]], brokerSecurityGroupIds: ['sg-0fedcba9876543210'] },
    );
    expectValid(objs);
    const broker = oneOf(objs, 'Broker');
    expect(broker.metadata.annotations['services.k8s.aws/deletion-policy']).toBe('delete');
    expect(broker.spec).toMatchObject({
      deploymentMode: 'SINGLE_INSTANCE', hostInstanceType: 'mq.m7g.xlarge', subnetIDs: [SUBNETS[0]], securityGroups: ['sg-0fedcba9876543210'],
    });
    expect(broker.spec.name).toBe(brokerName('production-eu-', 'a'.repeat(40)));
    expect(broker.spec.name).toHaveLength(50);
    expect(broker.spec.name).toMatch(/^production-eu-a{29}-[0-9a-f]{6}$/);
  });

  test('the one user is the broker\'s administrator, and the contract says so; a retained broker has no adoption annotation', () => {
    const { queue, objs } = build();
    // Amazon MQ for RabbitMQ accepts one user when it creates a broker, its administrator: the Broker has no other.
    expect(oneOf(objs, 'Broker').spec.users).toEqual([{ username: 'orders', password: { name: 'orders-credentials', key: 'password' } }]);
    const backend = Profile.of(queue).backendFor(PortableQueue.KIND) as IQueueBackend;
    expect(backend.capabilities.bindDeployment.description).toContain('the user is the broker\'s administrator');
    // Adoption goes by the broker ID Amazon MQ assigns, unknown at synth: the README's manual path, stated here.
    expect(Object.keys(oneOf(objs, 'Broker').metadata.annotations).filter((a) => a.includes('adoption'))).toEqual([]);
    expect(backend.capabilities.deletionRetain.description).toContain('annotate the Broker with that ID');
  });

  test('AUTO (the default) with one broker subnet is refused: it asks for a cluster, never falls back to a single instance', () => {
    expect(() => build({}, { brokerSubnetIds: [SUBNETS[0]] })).toThrow(
      `test/Orders: invalid brokerSubnetIds (aws profile option) ["${SUBNETS[0]}"]: allowed: two or more private subnet IDs (subnet-…) in different availability zones, for a highly available broker (highAvailability AUTO or REQUIRED)`);
  });

  test.each<[string, PortableQueueProps, Partial<AwsProfileOptions>, string]>([
    ['fails when the profile has no broker subnets', {}, { brokerSubnetIds: undefined },
      'test/Orders: invalid brokerSubnetIds (aws profile option) undefined: allowed: two or more private subnet IDs (subnet-…) in different availability zones, for a highly available broker (highAvailability AUTO or REQUIRED). Fix: set brokerSubnetIds on the AWS profile, e.g. [\'subnet-0123456789abcdef0\', \'subnet-0fedcba9876543210\'], or use highAvailability NONE for a single-instance broker'],
    ['fails when an HA broker has one subnet', { highAvailability: HighAvailability.REQUIRED }, { brokerSubnetIds: [SUBNETS[0]] },
      `test/Orders: invalid brokerSubnetIds (aws profile option) ["${SUBNETS[0]}"]: allowed: two or more private subnet IDs`],
    ['fails when the size is custom', { instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(4) }) }, {},
      'test/Orders: invalid instanceSize "custom(2 vCPU, 4096 MiB)": allowed: a named size on Amazon MQ (SMALL → mq.m7g.medium, MEDIUM → mq.m7g.large, LARGE → mq.m7g.xlarge). Fix: use InstanceSize.SMALL, MEDIUM or LARGE on AWS profiles'],
    ['fails when queues are declared', { queues: ['orders'] }, {},
      'test/Orders: invalid queues ["orders"]: allowed: not this value on the aws-mq backend of profile "aws": ACK has no queue API; queues are declared through AMQP or the RabbitMQ management API. Fix: leave queues unset on AWS profiles and declare them from the application (durable; quorum queues are the default type on Amazon MQ 4.2)'],
    ['fails when the virtual host is not /', { virtualHost: 'shop' }, {},
      'test/Orders: invalid virtualHost "shop": allowed: not this value on the aws-mq backend of profile "aws": ACK creates the broker and its one user only; virtual hosts live in the RabbitMQ management API, which ACK does not call (the user has the default virtual host /). Fix: leave virtualHost unset (/) on AWS profiles'],
    ['fails when the storage is set', { storage: Size.gibibytes(20) }, {},
      'test/Orders: invalid storage "20 GiB": allowed: not this value on the aws-mq backend of profile "aws": Amazon MQ sizes a broker\'s storage by its host instance type (not settable). Fix: leave storage unset on AWS profiles (the instanceSize chooses the host instance type)'],
    ['fails when the version is 4.3', { version: RabbitMqVersion.V4_3 }, {},
      'test/Orders: invalid version "4.3": allowed: not this value on the aws-mq backend of profile "aws": Amazon MQ runs RabbitMQ 4.2 (and 3.13), not 4.3. Fix: use RabbitMqVersion.V4_2 on AWS profiles'],
  ])('%s', (_, props, options, message) => {
    expect(() => build(props, options)).toThrow(message);
  });
});

describe('the binder reads the broker\'s host from its amqps endpoint', () => {
  const NS = 'shop';
  let api: FakeKubeApi;
  let sa: string;
  beforeAll(async () => {
    sa = tempDir('mq-sa-');
    fs.writeFileSync(path.join(sa, 'token'), 'token');
    api = await FakeKubeApi.start('token');
  });
  afterAll(async () => {
    killPrograms();
    await api.close();
    fs.rmSync(sa, { recursive: true, force: true });
  });

  test('host from status.brokerInstances[0].endpoints[0], the generated password, the amqps uri with %2F', async () => {
    const { queue, objs } = build();
    const broker = oneOf(objs, 'Broker');
    api.objects.set(`/apis/mq.services.k8s.aws/v1alpha1/namespaces/${NS}/brokers/orders`, () => ({
      ...broker, status: { brokerInstances: [{ endpoints: ['amqps://b-1234abcd.mq.eu-west-1.on.aws:5671'] }] },
    }));
    const job = byKind(objs, 'Job').find((j) => j.metadata.name === queue.connection.binderJobName);
    const pod = job.spec.template.spec;
    const command = materialize(objs, pod, 'binder', tempDir('mq-binder-'));
    const env: { [key: string]: string } = {};
    for (const e of pod.containers[0].env) env[e.name] = e.value ?? NS;
    delete env.STATE_CONFIGMAP;
    const r = await runProgram(command, { ...env, KUBERNETES_API_URL: api.url, SERVICEACCOUNT_DIR: sa, POLL_SECONDS: '0.05' });
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/wrote connection Secret/) });
    const password = api.secretValues(NS, 'orders-credentials')!.password;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(api.secretValues(NS, 'orders-connection')).toEqual({
      type: 'rabbitmq',
      provider: 'aws-mq',
      host: 'b-1234abcd.mq.eu-west-1.on.aws',
      port: '5671',
      username: 'orders',
      password,
      vhost: '/',
      ssl: 'true',
      uri: `amqps://orders:${password}@b-1234abcd.mq.eu-west-1.on.aws:5671/%2F`,
    });
  });
});
