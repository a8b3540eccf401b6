/**
 * The Crossplane cache API end to end on paper: claims written by CrossplaneCacheBackend, turned into composite
 * resources, rendered by the model of function-patch-and-transform through each Composition of
 * CrossplaneCachePlatform, and the composed managed resources validated against the pinned provider CRDs.
 */
import { X509Certificate } from 'crypto';
import { Size } from 'cdk8s';
import { compositeFor, compositionProblems, render } from './render';
import {
  CachePersistence, CrossplaneCachePlatform, CrossplaneCachePlatformProps, CrossplaneCloud, CrossplaneProfile, DeletionPolicy,
  EvictionPolicy, HighAvailability, PortableCache, PortableCacheProps, Profile, ValkeyVersion,
} from '../../../src';
import { CACHE_NODE_TYPES, dataMebibytes } from '../../../src/environments/aws/catalog/elasticache';
import { AMAZON_ROOT_CAS_PEM } from '../../../src/environments/crossplane/amazon-root-cas';
import { atMostRegexp } from '../../../src/environments/crossplane/cache/aws';
import { registerPortableApis } from '../../util/portable-apis';
import { expectValid, validateEmbedded, validateManifest } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

const AWS = { region: 'eu-west-1', cacheSubnetGroupName: 'cache-private', securityGroupIds: ['sg-0123456789abcdef0'] };
const GCP = { region: 'europe-west1', project: 'acme-prod-123', authorizedNetwork: 'projects/acme-prod-123/global/networks/apps' };

function platform(props: CrossplaneCachePlatformProps = { aws: AWS, gcp: GCP }) {
  const { chart } = newChart('crossplane-system');
  new CrossplaneCachePlatform(chart, 'Caches', props);
  return synth(chart);
}

function claimFor(props: PortableCacheProps = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }));
  const cache = new PortableCache(chart, 'Sessions', { name: 'sessions', ...props });
  return { chart, cache, claim: () => oneOf(synth(chart), 'Cache') };
}

function composed(props: PortableCacheProps, cloud: string): { [name: string]: any } {
  const composition = byKind(platform(), 'Composition').find((c) => c.metadata.labels.provider === cloud);
  const xr = compositeFor(claimFor(props).claim(), 'XCache');
  expect(validateManifest(xr)).toEqual([]);
  const out: { [name: string]: any } = {};
  for (const r of render(composition, xr)) {
    expect({ name: r.name, skipped: r.skipped }).toEqual({ name: r.name, skipped: undefined });
    expect({ name: r.name, errors: validateManifest(r.resource) }).toEqual({ name: r.name, errors: [] });
    out[r.name] = { ...r.resource, connectionDetails: r.connectionDetails };
  }
  return out;
}

beforeAll(() => registerPortableApis());

describe('Crossplane cache claims', () => {
  test('the claim carries the portable parameters; the binder reads host, port, password and ca.crt from the connection Secret', () => {
    const { chart, cache, claim } = claimFor({ memory: Size.mebibytes(1500), persistence: CachePersistence.DURABLE });
    const c = claim();
    expect(c.apiVersion).toBe('portabledata.io/v1alpha1');
    expect(c.metadata.name).toBe('sessions');
    expect(c.spec).toEqual({
      compositionSelector: { matchLabels: { provider: 'aws' } },
      parameters: {
        identifier: 'prod-sessions',
        version: '7.2',
        memoryMiB: 1500,
        memoryGiB: 2,
        highAvailability: true,
        durable: true,
        evictionPolicy: 'noeviction',
        deletionPolicy: 'Retain',
      },
      writeConnectionSecretToRef: { name: 'sessions-crossplane' },
    });
    expectValid(synth(chart));
    expect(cache.tls).toBe(true);
    expect(cache.connection.keys).toEqual(['type', 'provider', 'host', 'port', 'password', 'ssl', 'uri', 'ca.crt']);
    const job = byKind(synth(chart), 'Job').find((j) => j.metadata.name.startsWith('sessions-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    const secret = (fieldPath: string) => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'sessions-crossplane', fieldPath, base64: true });
    expect(spec.deferred).toEqual({ 'host': secret('data.host'), 'port': secret('data.port'), 'password': secret('data.password'), 'ca.crt': secret('data["ca.crt"]') });
    expect(spec.credentials).toBeUndefined();
    expect(spec.values).toMatchObject({ type: 'redis', provider: 'crossplane', ssl: 'true' });
  });

  test('no HA, cache only, another eviction policy and Delete', () => {
    const p = claimFor({
      highAvailability: HighAvailability.NONE, evictionPolicy: EvictionPolicy.VOLATILE_TTL, deletionPolicy: DeletionPolicy.DELETE,
    }).claim().spec.parameters;
    expect(p).toMatchObject({ highAvailability: false, durable: false, evictionPolicy: 'volatile-ttl', deletionPolicy: 'Delete', memoryMiB: 1024, memoryGiB: 1 });
  });

  test('a long name is shortened with a hash to 40 characters', () => {
    const id = claimFor({ name: 'a-very-long-cache-name-for-the-sessions' }).claim().spec.parameters.identifier;
    expect(id).toMatch(/^prod-a-very-long-cache-name-for-t-[0-9a-f]{6}$/);
    expect(id.length).toBeLessThanOrEqual(40);
  });

  test('fails when the version is Valkey 8 (the GCP Composition runs Redis 7.2)', () => {
    expect(() => claimFor({ version: ValkeyVersion.V8_1 })).toThrow(
      'test/Sessions: invalid version "8.1": allowed: not this value on the crossplane backend of profile "crossplane": the portable Crossplane cache API serves Valkey 7.2 only');
  });

  test('fails when the version is not in the catalog', () => {
    expect(() => claimFor({ version: ValkeyVersion.of('7.4', '7.4.1') })).toThrow(
      'test/Sessions: invalid version "7.4.1": allowed: not this value on the crossplane backend of profile "crossplane": the portable Crossplane cache API serves Valkey 7.2 only, because its GCP Composition runs Memorystore for Redis (Redis 7.2 at most) and a claim may go to either cloud. Fix: use ValkeyVersion.V7_2 on this profile, or an AwsProfile or in-cluster profile, which run Valkey 8 [PD200]');
  });

  test('fails when the selector is empty', () => {
    const { chart } = newChart('shop');
    expect(() => Profile.use(chart, new CrossplaneProfile({ compositionSelector: {} }))).toThrow(/^crossplane profile options: invalid compositionSelector \{\}/);
  });
});

describe('CrossplaneCachePlatform', () => {
  test('an XRD (XCache / Cache) and one Composition per cloud, cluster-scoped, valid', () => {
    const objs = platform();
    expectValid(objs);
    const xrd = oneOf(objs, 'CompositeResourceDefinition');
    expect(xrd.metadata).toEqual({ name: 'xcaches.portabledata.io' });
    expect(xrd.spec).toMatchObject({
      group: 'portabledata.io',
      names: { kind: 'XCache', plural: 'xcaches' },
      claimNames: { kind: 'Cache', plural: 'caches' },
      connectionSecretKeys: ['host', 'port', 'password', 'ca.crt'],
    });
    expect(byKind(objs, 'Composition').map((c) => [c.metadata.name, c.metadata.labels.provider, c.metadata.namespace, c.spec.writeConnectionSecretsToNamespace])).toEqual([
      ['xcaches.aws.portabledata.io', 'aws', undefined, 'crossplane-system'],
      ['xcaches.gcp.portabledata.io', 'gcp', undefined, 'crossplane-system'],
    ]);
  });

  test.each<[string, CrossplaneCachePlatformProps]>([
    ['defaults', { aws: AWS, gcp: { region: 'europe-west1' } }],
    ['every option', { aws: { ...AWS, providerConfigName: 'aws-prod' }, gcp: { ...GCP, providerConfigName: 'gcp-prod' }, connectionSecretNamespace: 'platform', functionName: 'fn-pt' }],
  ])('%s: nothing the providers or the function would reject (input, bases, every patch target)', (_, props) => {
    for (const c of byKind(platform(props), 'Composition')) {
      expect({ cloud: c.metadata.labels.provider, problems: compositionProblems(c, validateManifest, validateEmbedded) })
        .toEqual({ cloud: c.metadata.labels.provider, problems: [] });
    }
  });

  test.each<[string, CrossplaneCachePlatformProps, string]>([
    ['AWS is included without options', { gcp: { region: 'europe-west1' } }, 'invalid aws.region undefined'],
    ['the AWS subnet group is default', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, cacheSubnetGroupName: 'default' } }, 'invalid aws.cacheSubnetGroupName "default": allowed: the name of an ElastiCache cache subnet group of private subnets (not "default")'],
    ['there is no security group', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, securityGroupIds: [] } }, 'invalid aws.securityGroupIds []: allowed: one or more VPC security group IDs (sg-…)'],
    ['the GCP region is a zone', { clouds: [CrossplaneCloud.GCP], gcp: { region: 'europe-west1-b' } }, 'invalid gcp.region "europe-west1-b"'],
    ['the GCP network is not a full name', { clouds: [CrossplaneCloud.GCP], gcp: { region: 'europe-west1', authorizedNetwork: 'apps' } }, 'invalid gcp.authorizedNetwork "apps": allowed: a VPC network as projects/<project>/global/networks/<network>'],
    ['no cloud is given', { clouds: [] }, 'invalid clouds []'],
  ])('fails when %s', (_, props, message) => {
    expect(() => platform(props)).toThrow(`test/Caches: ${message}`);
  });
});

describe.each(['aws', 'gcp'])('%s cache composition renders valid managed resources', (cloud) => {
  test.each<[string, PortableCacheProps]>([
    ['defaults', {}],
    ['no HA, delete', { highAvailability: HighAvailability.NONE, deletionPolicy: DeletionPolicy.DELETE }],
    ['durable, largest', { persistence: CachePersistence.DURABLE, memory: Size.gibibytes(300) }],
    ['smallest, LFU', { memory: Size.mebibytes(256), evictionPolicy: EvictionPolicy.ALLKEYS_LFU }],
  ])('%s', (_, props) => {
    expect(Object.keys(composed(props, cloud)).length).toBeGreaterThan(0);
  });
});

describe('AWS cache composition', () => {
  test('a Valkey ReplicationGroup with TLS, a generated auth token, Multi-AZ and its parameter group', () => {
    const r = composed({ persistence: CachePersistence.DURABLE, evictionPolicy: EvictionPolicy.ALLKEYS_LFU }, 'aws');
    const group = r['elasticache-replication-group'];
    expect(group.metadata.annotations['crossplane.io/external-name']).toBe('prod-sessions');
    expect(group.spec.deletionPolicy).toBe('Orphan');
    expect(group.spec.forProvider).toEqual({
      region: 'eu-west-1',
      description: 'cdk8s-portable-data cache',
      engine: 'valkey',
      engineVersion: '7.2',
      nodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      port: 6379,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: 'true',
      autoGenerateAuthToken: true,
      authTokenSecretRef: { namespace: 'crossplane-system', name: '0b6f1c6e-5a4d-4f6e-9d0a-2f3c4b5a6d7e-auth-token', key: 'auth-token' },
      authTokenUpdateStrategy: 'ROTATE',
      applyImmediately: true,
      subnetGroupName: 'cache-private',
      securityGroupIds: ['sg-0123456789abcdef0'],
      snapshotRetentionLimit: 7,
      snapshotWindow: '03:00-04:00',
      parameterGroupName: 'prod-sessions',
    });
    expect(group.spec.writeConnectionSecretToRef).toEqual({ namespace: 'crossplane-system', name: '0b6f1c6e-5a4d-4f6e-9d0a-2f3c4b5a6d7e-elasticache' });
    expect(group.connectionDetails).toEqual([
      { name: 'host', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'primary_endpoint_address' },
      { name: 'port', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'port' },
      { name: 'password', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'attribute.auth_token' },
      { name: 'ca.crt', type: 'FromValue', value: AMAZON_ROOT_CAS_PEM },
    ]);
    const pg = r['elasticache-parameter-group'];
    expect(pg.spec).toMatchObject({
      deletionPolicy: 'Orphan',
      forProvider: { name: 'prod-sessions', family: 'valkey7', parameter: [{ name: 'maxmemory-policy', value: 'allkeys-lfu' }] },
    });
  });

  test('no HA, cache only, Delete: one node, no snapshots, deleted with the claim', () => {
    const r = composed({ highAvailability: HighAvailability.NONE, deletionPolicy: DeletionPolicy.DELETE }, 'aws');
    expect(r['elasticache-replication-group'].spec).toMatchObject({
      deletionPolicy: 'Delete',
      forProvider: { numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false, snapshotRetentionLimit: 0 },
    });
    expect(r['elasticache-parameter-group'].spec.deletionPolicy).toBe('Delete');
  });

  // Every boundary of the node types: the Composition picks what the ACK backend picks (the smallest whose memory,
  // less the 25 % ElastiCache reserves, holds it).
  const boundaries = [256, ...CACHE_NODE_TYPES.flatMap(([, maxmemory]) => [dataMebibytes(maxmemory), dataMebibytes(maxmemory) + 1]), 307200]
    .filter((m) => m >= 256 && m <= 307200);
  test.each(boundaries)('%i MiB gets the node type the ACK backend chooses', (mib) => {
    const expected = CACHE_NODE_TYPES.find(([, maxmemory]) => (maxmemory * 0.75) / 2 ** 20 >= mib)![0];
    expect(composed({ memory: Size.mebibytes(mib) }, 'aws')['elasticache-replication-group'].spec.forProvider.nodeType).toBe(expected);
  });

  test('the node type gives the declared memory once ElastiCache\'s 25 % reserved memory is taken off', () => {
    // cache.t4g.medium has 3.09 GiB, of which 2.3175 GiB (2373 MiB) hold data.
    const nodeType = (mib: number) => composed({ memory: Size.mebibytes(mib) }, 'aws')['elasticache-replication-group'].spec.forProvider.nodeType;
    expect(nodeType(2373)).toBe('cache.t4g.medium');
    expect(nodeType(3 * 1024)).toBe('cache.r7g.large');
    expect(nodeType(300 * 1024)).toBe('cache.r7g.16xlarge');
  });

  test('DURABLE without a replica is refused, as on ElastiCache through ACK (a claim may go to AWS)', () => {
    expect(() => claimFor({ persistence: CachePersistence.DURABLE, highAvailability: HighAvailability.NONE })).toThrow(
      'invalid highAvailability "HighAvailability.NONE": allowed: HighAvailability.AUTO or REQUIRED for a DURABLE cache on Crossplane');
  });

  test('atMostRegexp matches exactly 0 to max', () => {
    for (const max of [7, 10, 512, 1402, 3164, 13383, 100000, 214579]) {
      const re = new RegExp(atMostRegexp(max));
      for (let n = 0; n <= max + 1200; n += n < 2000 ? 1 : 97) expect([max, n, re.test(String(n))]).toEqual([max, n, n <= max]);
      expect(re.test('007')).toBe(false);
    }
  });

  test('ca.crt is the four Amazon root CAs, self-signed', () => {
    const pems = AMAZON_ROOT_CAS_PEM.split(/(?<=-----END CERTIFICATE-----\n)/);
    expect(pems.map((p) => new X509Certificate(p)).map((c) => [c.subject.split('\n').find((l) => l.startsWith('CN=')), c.verify(c.publicKey)])).toEqual(
      [1, 2, 3, 4].map((i) => [`CN=Amazon Root CA ${i}`, true]));
  });
});

describe('GCP cache composition', () => {
  test('a Memorystore for Redis instance with AUTH, TLS and private services access', () => {
    const inst = composed({ persistence: CachePersistence.DURABLE, memory: Size.mebibytes(1500) }, 'gcp')['memorystore-instance'];
    expect(inst.metadata.annotations['crossplane.io/external-name']).toBe('prod-sessions');
    expect(inst.spec.deletionPolicy).toBe('Orphan');
    expect(inst.spec.forProvider).toEqual({
      region: 'europe-west1',
      project: 'acme-prod-123',
      tier: 'STANDARD_HA',
      memorySizeGb: 2,
      redisVersion: 'REDIS_7_2',
      authEnabled: true,
      transitEncryptionMode: 'SERVER_AUTHENTICATION',
      connectMode: 'PRIVATE_SERVICE_ACCESS',
      authorizedNetwork: 'projects/acme-prod-123/global/networks/apps',
      persistenceConfig: { persistenceMode: 'RDB', rdbSnapshotPeriod: 'ONE_HOUR' },
      redisConfigs: { 'maxmemory-policy': 'noeviction' },
    });
    expect(inst.spec.writeConnectionSecretToRef).toEqual({ namespace: 'crossplane-system', name: '0b6f1c6e-5a4d-4f6e-9d0a-2f3c4b5a6d7e-memorystore' });
    expect(inst.connectionDetails).toEqual([
      { name: 'host', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'host' },
      { name: 'port', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'port' },
      { name: 'password', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'attribute.auth_string' },
      { name: 'ca.crt', type: 'FromConnectionSecretKey', fromConnectionSecretKey: 'server_ca_certs_0_cert' },
    ]);
  });

  test('no HA, cache only, LRU, Delete: BASIC tier, persistence disabled', () => {
    const inst = composed({ highAvailability: HighAvailability.NONE, deletionPolicy: DeletionPolicy.DELETE, evictionPolicy: EvictionPolicy.ALLKEYS_LRU }, 'gcp')['memorystore-instance'];
    expect(inst.spec).toMatchObject({
      deletionPolicy: 'Delete',
      forProvider: { tier: 'BASIC', memorySizeGb: 1, persistenceConfig: { persistenceMode: 'DISABLED' }, redisConfigs: { 'maxmemory-policy': 'allkeys-lru' } },
    });
  });
});
