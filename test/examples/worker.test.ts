import { PortableCache, PortableQueue } from '../../src';
import { serviceObjects, synthExampleAll, Synthesized } from '../util/examples';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { DATABASE_CONNECTION_KEYS, byKind, oneOf } from '../util/synth';

const PROFILES = ['in-cluster', 'in-cluster-operators', 'aws', 'gcp', 'crossplane'];

/**
 * Per profile: the backend and kind of each service, whether the broker and the cache speak TLS, whether the cache's
 * CA is private (`ca.crt`) and whether PostgreSQL's contract has `sslmode`.
 */
interface Expected {
  jobs: [string, string];
  cache: [string, string];
  results: [string, string];
  amqps: boolean;
  tls: boolean;
  caCrt: boolean;
  sslmode: boolean;
}
const EXPECTED: { [profile: string]: Expected } = {
  'in-cluster': { jobs: ['in-cluster', 'StatefulSet'], cache: ['in-cluster', 'StatefulSet'], results: ['in-cluster', 'StatefulSet'], amqps: false, tls: false, caCrt: false, sslmode: false },
  'in-cluster-operators': { jobs: ['rabbitmq-operators', 'RabbitmqCluster'], cache: ['in-cluster', 'StatefulSet'], results: ['cloudnative-pg', 'Cluster'], amqps: false, tls: false, caCrt: false, sslmode: true },
  'aws': { jobs: ['aws-mq', 'Broker'], cache: ['aws-elasticache', 'ReplicationGroup'], results: ['aws-ack', 'DBInstance'], amqps: true, tls: true, caCrt: false, sslmode: true },
  'gcp': { jobs: ['rabbitmq-operators', 'RabbitmqCluster'], cache: ['gcp-memorystore', 'RedisInstance'], results: ['gcp-kcc', 'SQLInstance'], amqps: false, tls: true, caCrt: true, sslmode: false },
  'crossplane': { jobs: ['crossplane', 'Queue'], cache: ['crossplane', 'Cache'], results: ['crossplane', 'Database'], amqps: true, tls: true, caCrt: true, sslmode: true },
};

function workerContainer(objs: any[]): any {
  return oneOf(objs, 'Deployment').spec.template.spec.containers.find((c: any) => c.name === 'worker');
}

beforeAll(() => registerPortableApis());

const results: { [profile: string]: Synthesized } = {};
beforeAll(async () => {
  const synthesized = await synthExampleAll('worker', PROFILES);
  PROFILES.forEach((p, i) => results[p] = synthesized[i]);
}, 600_000);

describe.each(PROFILES)('examples/worker with PORTABLE_PROFILE=%s', (profile) => {
  test('synthesizes with `npx cdk8s synth`, and every object validates strictly', () => {
    const { objs } = results[profile];
    expect(objs.length).toBeGreaterThan(8);
    expectValid(objs);
  });

  test('the broker, the cache and PostgreSQL are served by the profile\'s backend', () => {
    const { objs } = results[profile];
    const e = EXPECTED[profile];
    for (const [instance, [backend, kind]] of [['worker-jobs', e.jobs], ['worker-cache', e.cache], ['worker-results', e.results]] as const) {
      const mine = serviceObjects(objs, instance);
      expect(new Set(mine.map((o) => o.metadata.labels['portabledata.io/backend']))).toEqual(new Set([backend]));
      expect(byKind(mine, kind).map((o) => o.metadata.name)).toEqual([instance]);
      expect(byKind(mine, 'Job').filter((j) => j.metadata.name.startsWith(`${instance}-bind-`))).toHaveLength(1);
    }
  });

  test('the worker reads the three connection Secrets, with the contract keys', () => {
    const container = workerContainer(results[profile].objs);
    const fromSecret = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef]);
    const envName = (prefix: string, key: string) => `${prefix}${key.toUpperCase().replace(/[-.]/g, '_')}`;
    const cacheKeys = [...PortableCache.KIND.contract.keys, ...(EXPECTED[profile].caCrt ? ['ca.crt'] : [])];
    expect(fromSecret).toEqual([
      ...PortableQueue.KIND.contract.keys.map((key) => [envName('AMQP_', key), { name: 'worker-jobs-connection', key }]),
      ...cacheKeys.map((key) => [envName('REDIS_', key), { name: 'worker-cache-connection', key }]),
      ...[...DATABASE_CONNECTION_KEYS, ...(EXPECTED[profile].sslmode ? ['sslmode'] : [])].map((key) => [envName('DB_', key), { name: 'worker-results-connection', key }]),
    ]);
  });

  test('the broker speaks amqps where the backend has TLS; the queue is highly available where the environment offers it', () => {
    const { objs } = results[profile];
    const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('worker-jobs-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toMatchObject({ type: 'rabbitmq', ssl: String(EXPECTED[profile].amqps), vhost: '/', username: 'worker-jobs' });
    const broker = oneOf(serviceObjects(objs, 'worker-jobs'), EXPECTED[profile].jobs[1]);
    if (profile === 'aws') {
      expect(broker.spec).toMatchObject({ engineType: 'RABBITMQ', deploymentMode: 'CLUSTER_MULTI_AZ', publiclyAccessible: false });
    } else if (profile === 'crossplane') {
      expect(broker.spec.parameters).toMatchObject({ highAvailability: true, version: '4.2', username: 'worker-jobs', credentialsSecretName: 'worker-jobs-credentials' });
    } else if (EXPECTED[profile].jobs[1] === 'RabbitmqCluster') {
      expect(broker.spec.replicas).toBe(3);
    } else {
      expect(broker.spec.replicas).toBe(1);
    }
  });

  test('the cache evicts the least recently used results and speaks TLS where the backend has it', () => {
    const { objs } = results[profile];
    const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('worker-cache-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values.ssl).toBe(String(EXPECTED[profile].tls));
    const cache = oneOf(serviceObjects(objs, 'worker-cache'), EXPECTED[profile].cache[1]);
    if (profile === 'aws') {
      expect(cache.spec).toMatchObject({ engine: 'valkey', transitEncryptionEnabled: true });
      expect(oneOf(objs, 'CacheParameterGroup').spec.parameterNameValues).toEqual([{ parameterName: 'maxmemory-policy', parameterValue: 'allkeys-lru' }]);
    } else if (profile === 'gcp') {
      expect(cache.spec).toMatchObject({ authEnabled: true, transitEncryptionMode: 'SERVER_AUTHENTICATION' });
      expect(cache.spec.redisConfigs).toEqual({ 'maxmemory-policy': 'allkeys-lru' });
    } else if (profile === 'crossplane') {
      expect(cache.spec.parameters).toMatchObject({ evictionPolicy: 'allkeys-lru', highAvailability: true });
    } else {
      const config = cache.spec.template.spec.initContainers.find((c: any) => c.name === 'config');
      expect(config.env.find((e: any) => e.name === 'VALKEY_CONF').value.split('\n')).toContain('maxmemory-policy allkeys-lru');
    }
  });

  test('no Secret and no secret material in the YAML', () => {
    const { objs, yaml } = results[profile];
    expect(byKind(objs, 'Secret')).toEqual([]);
    expect(yaml).not.toMatch(/stringData:/);
  });
});

test('a second synth gives byte-identical YAML for every profile (in-cluster without PORTABLE_PROFILE: the default)', async () => {
  const again = await synthExampleAll('worker', PROFILES.map((p) => p === 'in-cluster' ? undefined : p));
  PROFILES.forEach((p, i) => expect(again[i].yaml).toEqual(results[p].yaml));
}, 600_000);
