import { Size } from 'cdk8s';
import { AwsProfile, AwsProfileOptions, CachePersistence, CacheSnapshot, DeletionPolicy, HighAvailability, PortableCache, PortableCacheProps, Profile, ValkeyVersion } from '../../../src';
import { replicationGroupId } from '../../../src/environments/aws/cache';
import { CACHE_NODE_TYPES, dataMebibytes } from '../../../src/environments/aws/catalog/elasticache';
import { CACHE_MEMORY_RANGE_MIB } from '../../../src/services/cache/cache';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const OPTIONS: AwsProfileOptions = {
  region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], cacheSubnetGroupName: 'app-cache',
};

function build(props: PortableCacheProps = {}, options: Partial<AwsProfileOptions> = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new AwsProfile({ ...OPTIONS, ...options }));
  const cache = new PortableCache(chart, 'Sessions', { name: 'sessions', ...props });
  return { cache, objs: synth(chart) };
}

describe('AWS cache (ElastiCache for Valkey through ACK)', () => {
  test('a Multi-AZ replication group with TLS, encryption at rest and the generated authToken; endpoint read at deploy time', () => {
    const { cache, objs } = build({ memory: Size.gibibytes(2) });
    expectValid(objs);
    const rg = oneOf(objs, 'ReplicationGroup');
    // A cache-only cache is deleted with its objects by default: nothing to adopt when they are applied again.
    expect(ownAnnotations(rg)).toEqual({ 'services.k8s.aws/region': 'eu-west-1', 'services.k8s.aws/deletion-policy': 'delete' });
    expect(ownAnnotations(oneOf(objs, 'CacheParameterGroup'))).toEqual(ownAnnotations(rg));
    expect(rg.spec).toMatchObject({
      replicationGroupID: 'sessions',
      engine: 'valkey',
      engineVersion: '7.2',
      cacheNodeType: 'cache.t4g.medium',
      numNodeGroups: 1,
      replicasPerNodeGroup: 1,
      automaticFailoverEnabled: true,
      multiAZEnabled: true,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      authToken: { name: 'sessions-credentials', key: 'password' },
      port: 6379,
      cacheSubnetGroupName: 'app-cache',
      securityGroupIDs: ['sg-0123456789abcdef0'],
      cacheParameterGroupRef: { from: { name: 'sessions-valkey7' } },
      snapshotRetentionLimit: 0,
    });
    expect(rg.spec.userGroupIDs).toBeUndefined();
    const pg = oneOf(objs, 'CacheParameterGroup');
    expect(pg.spec).toMatchObject({
      cacheParameterGroupName: 'sessions-valkey7',
      cacheParameterGroupFamily: 'valkey7',
      parameterNameValues: [{ parameterName: 'maxmemory-policy', parameterValue: 'allkeys-lru' }],
    });
    expect(byKind(objs, 'StatefulSet')).toEqual([]);

    const job = byKind(objs, 'Job').find((j) => j.metadata.name === cache.connection.binderJobName);
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toEqual({ type: 'redis', provider: 'aws-elasticache', ssl: 'true' });
    expect(spec.deferred.host).toEqual({ apiGroup: 'elasticache.services.k8s.aws', apiVersion: 'v1alpha1', resource: 'replicationgroups', name: 'sessions', fieldPath: 'status.nodeGroups[0].primaryEndpoint.address' });
    expect(spec.deferred.port.fieldPath).toBe('status.nodeGroups[0].primaryEndpoint.port');
    expect(spec.uriTemplate).toBe('rediss://[{username}]:{password}@{host}:{port}');
    expect(spec.credentials).toEqual({ secret: 'sessions-credentials', generate: true, passwordKeys: ['password'], copy: { password: 'password' } });
  });

  test('NONE is one node; Valkey 8.1 uses the valkey8 family; DELETE deletes', () => {
    const { objs } = build({
      highAvailability: HighAvailability.NONE,
      version: ValkeyVersion.V8_1,
      deletionPolicy: DeletionPolicy.DELETE,
      memory: Size.gibibytes(200),
    }, { namePrefix: 'prod-', cacheSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] });
    const rg = oneOf(objs, 'ReplicationGroup');
    expect(rg.spec).toMatchObject({
      replicationGroupID: 'prod-sessions',
      engineVersion: '8.1',
      cacheNodeType: 'cache.r7g.12xlarge',
      replicasPerNodeGroup: 0,
      automaticFailoverEnabled: false,
      multiAZEnabled: false,
      snapshotRetentionLimit: 0,
      securityGroupIDs: ['sg-0aaaaaaaaaaaaaaaa'],
    });
    expect(rg.metadata.annotations['services.k8s.aws/deletion-policy']).toBe('delete');
    expect(oneOf(objs, 'CacheParameterGroup').spec.cacheParameterGroupFamily).toBe('valkey8');
  });

  test('restoreFrom creates the replication group from the snapshot of that name (snapshotName); without it there is none', () => {
    const { objs } = build({ persistence: CachePersistence.DURABLE, restoreFrom: CacheSnapshot.named('automatic.sessions-2026-12-01-03-00') });
    expectValid(objs);
    expect(oneOf(objs, 'ReplicationGroup').spec.snapshotName).toBe('automatic.sessions-2026-12-01-03-00');
    expect(oneOf(build({ persistence: CachePersistence.DURABLE }).objs, 'ReplicationGroup').spec).not.toHaveProperty('snapshotName');
  });

  test('DURABLE takes daily snapshots with a replica, and is retained and adopted again by default', () => {
    const { objs } = build({ persistence: CachePersistence.DURABLE, memory: Size.gibibytes(300) }, { namePrefix: 'prod-' });
    expectValid(objs);
    const rg = oneOf(objs, 'ReplicationGroup');
    expect(rg.spec).toMatchObject({
      cacheNodeType: 'cache.r7g.16xlarge',
      replicasPerNodeGroup: 1,
      automaticFailoverEnabled: true,
      snapshotRetentionLimit: 7,
      snapshotWindow: '03:00-04:00',
    });
    // Applying the YAML again after `kubectl delete -f` adopts the kept replication group and parameter group
    // (the fields the elasticache-controller reads from the annotation) instead of failing "already exists".
    expect(ownAnnotations(rg)).toEqual({
      'services.k8s.aws/region': 'eu-west-1',
      'services.k8s.aws/deletion-policy': 'retain',
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
      'services.k8s.aws/adoption-fields': '{"replicationGroupID":"prod-sessions"}',
    });
    expect(ownAnnotations(oneOf(objs, 'CacheParameterGroup'))).toEqual({
      'services.k8s.aws/region': 'eu-west-1',
      'services.k8s.aws/deletion-policy': 'retain',
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
      'services.k8s.aws/adoption-fields': '{"cacheParameterGroupName":"prod-sessions-valkey7"}',
    });
  });

  test('a cache-only cache may still be retained (and is then adopted again)', () => {
    const { objs } = build({ deletionPolicy: DeletionPolicy.RETAIN });
    expect(oneOf(objs, 'ReplicationGroup').metadata.annotations).toMatchObject({
      'services.k8s.aws/deletion-policy': 'retain',
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
    });
  });

  test('DURABLE without a replica is refused: a replaced single node comes back empty', () => {
    expect(() => build({ persistence: CachePersistence.DURABLE, highAvailability: HighAvailability.NONE })).toThrow(
      'test/Sessions: invalid highAvailability "HighAvailability.NONE": allowed: HighAvailability.AUTO or REQUIRED for a DURABLE cache on ElastiCache: without a replica, a replaced node comes back empty '
      + '(ElastiCache has no append-only file for Valkey and does not restore a snapshot into a replaced node). '
      + 'Fix: use HighAvailability.AUTO (a replica in another zone), or CachePersistence.CACHE_ONLY for data that may be lost [PD200]');
  });

  test('the node type gives the declared memory once the 25 % reserved memory is taken off', () => {
    const nodeType = (memory: Size) => oneOf(build({ memory }).objs, 'ReplicationGroup').spec.cacheNodeType;
    // cache.t4g.micro has 0.5 GiB, 384 MiB of it for data; cache.t4g.medium 3.09 GiB, 2373 MiB for data.
    expect(nodeType(Size.mebibytes(384))).toBe('cache.t4g.micro');
    expect(nodeType(Size.mebibytes(385))).toBe('cache.t4g.small');
    expect(nodeType(Size.mebibytes(2373))).toBe('cache.t4g.medium');
    expect(nodeType(Size.gibibytes(3))).toBe('cache.r7g.large');
    expect(nodeType(Size.gibibytes(240))).toBe('cache.r7g.16xlarge');
    // From AWS's maxmemory table, not the pricing page's rounded GiB: cache.r7g.2xlarge has 56711183565 bytes
    // (52.82 GiB rounded), 40562 MiB of it for data; 40563 MiB needs the next type.
    expect(nodeType(Size.mebibytes(40562))).toBe('cache.r7g.2xlarge');
    expect(nodeType(Size.mebibytes(40563))).toBe('cache.r7g.4xlarge');
    expect(nodeType(Size.mebibytes(81260))).toBe('cache.r7g.4xlarge');
    expect(nodeType(Size.mebibytes(81261))).toBe('cache.r7g.8xlarge');
    // The catalog holds the largest portable memory.
    expect(dataMebibytes(CACHE_NODE_TYPES[CACHE_NODE_TYPES.length - 1][1])).toBeGreaterThanOrEqual(CACHE_MEMORY_RANGE_MIB.max);
  });

  test('identifiers fit ElastiCache\'s 40 characters without double hyphens', () => {
    expect(replicationGroupId('prod--', 'a')).toBe('prod-a');
    const long = replicationGroupId('platform-production-', 'a-very-long-service-name-of-forty-chars');
    expect(long).toHaveLength(40);
    expect(long).toMatch(/^platform-production-a-very-long-s-[0-9a-f]{6}$/);
  });

  test('fails when the profile has no cache subnet group', () => {
    expect(() => build({}, { cacheSubnetGroupName: undefined })).toThrow(
      'test/Sessions: invalid cacheSubnetGroupName (aws profile option) undefined: allowed: the name of an ElastiCache cache subnet group of private subnets (not "default"). '
      + 'Fix: create a cache subnet group and set cacheSubnetGroupName on the AWS profile, e.g. new AwsProfile({ ..., cacheSubnetGroupName: \'app-private\' })');
  });

  test('fails when the cache security groups are not security group IDs', () => {
    expect(() => build({}, { cacheSecurityGroupIds: ['default'] })).toThrow(
      'aws profile option cacheSecurityGroupIds: invalid cacheSecurityGroupIds "default": allowed: VPC security group IDs (sg-…; they must admit the workloads on port 6379)');
  });
});
