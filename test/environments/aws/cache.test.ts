import { Size } from 'cdk8s';
import { AwsProfile, AwsProfileOptions, CachePersistence, DeletionPolicy, HighAvailability, PortableCache, PortableCacheProps, Profile, ValkeyVersion } from '../../../src';
import { replicationGroupId } from '../../../src/environments/aws/cache';
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
    expect(ownAnnotations(rg)).toEqual({ 'services.k8s.aws/region': 'eu-west-1', 'services.k8s.aws/deletion-policy': 'retain' });
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
      cacheParameterGroupRef: { from: { name: 'sessions' } },
      snapshotRetentionLimit: 0,
    });
    expect(rg.spec.userGroupIDs).toBeUndefined();
    const pg = oneOf(objs, 'CacheParameterGroup');
    expect(pg.spec).toMatchObject({
      cacheParameterGroupName: 'sessions',
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

  test('NONE is one node; DURABLE takes daily snapshots; Valkey 8.1 uses the valkey8 family; DELETE deletes', () => {
    const { objs } = build({
      highAvailability: HighAvailability.NONE,
      persistence: CachePersistence.DURABLE,
      version: ValkeyVersion.V8_1,
      deletionPolicy: DeletionPolicy.DELETE,
      memory: Size.gibibytes(300),
    }, { namePrefix: 'prod-', cacheSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] });
    const rg = oneOf(objs, 'ReplicationGroup');
    expect(rg.spec).toMatchObject({
      replicationGroupID: 'prod-sessions',
      engineVersion: '8.1',
      cacheNodeType: 'cache.r7g.12xlarge',
      replicasPerNodeGroup: 0,
      automaticFailoverEnabled: false,
      multiAZEnabled: false,
      snapshotRetentionLimit: 7,
      snapshotWindow: '03:00-04:00',
      securityGroupIDs: ['sg-0aaaaaaaaaaaaaaaa'],
    });
    expect(rg.metadata.annotations['services.k8s.aws/deletion-policy']).toBe('delete');
    expect(oneOf(objs, 'CacheParameterGroup').spec.cacheParameterGroupFamily).toBe('valkey8');
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
