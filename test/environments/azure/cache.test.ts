import { Size } from 'cdk8s';
import { AZURE_OPTIONS, azureProfile, RG } from './fixture';
import {
  CachePersistence, DeletionPolicy, EvictionPolicy, HighAvailability, PortableCache, PortableCacheProps, Profile, ValkeyVersion,
} from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

function build(props: PortableCacheProps = {}, profile: Parameters<typeof azureProfile>[0] = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, azureProfile(profile));
  const cache = new PortableCache(chart, 'Sessions', { name: 'sessions', ...props });
  return { cache, objs: synth(chart) };
}

describe('Azure cache (Azure Managed Redis through ASO v2)', () => {
  test('a RedisEnterprise and its default database, TLS only; the host and the access key are what ASO exports', () => {
    const { cache, objs } = build({ memory: Size.mebibytes(1536) });
    expectValid(objs);
    const cluster = oneOf(objs, 'RedisEnterprise');
    expect(cluster.apiVersion).toBe('cache.azure.com/v1api20250401');
    // A cache-only cache is deleted with its objects by default: the reconcile policy manage.
    expect(ownAnnotations(cluster)).toEqual({ 'serviceoperator.azure.com/reconcile-policy': 'manage' });
    expect(cluster.spec).toEqual({
      azureName: 'sessions',
      owner: { armId: RG },
      location: 'westeurope',
      sku: { name: 'Balanced_B3' },
      highAvailability: 'Enabled',
      minimumTlsVersion: '1.2',
      operatorSpec: { configMapExpressions: [{ name: 'sessions-azure', key: 'host', value: 'self.status.hostName' }] },
    });
    expect(oneOf(objs, 'RedisEnterpriseDatabase').spec).toEqual({
      azureName: 'default',
      owner: { name: 'sessions' },
      clientProtocol: 'Encrypted',
      clusteringPolicy: 'EnterpriseCluster',
      port: 10000,
      evictionPolicy: 'AllKeysLRU',
      accessKeysAuthentication: 'Enabled',
      operatorSpec: { secrets: { primaryKey: { name: 'sessions-azure-keys', key: 'primaryKey' } } },
    });
    const job = byKind(objs, 'Job').find((j) => j.metadata.name === cache.connection.binderJobName);
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toMatchObject({ type: 'redis', provider: 'azure-managed-redis', port: '10000', ssl: 'true' });
    expect(spec.deferred.host).toEqual({ apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: 'sessions-azure', fieldPath: 'data.host' });
    expect(spec.deferred.password).toEqual({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'sessions-azure-keys', fieldPath: 'data.primaryKey', base64: true });
  });

  test('NONE disables HA; DURABLE is AOF every second and retained (detach-on-delete); the eviction policy maps', () => {
    const { objs } = build({
      highAvailability: HighAvailability.NONE,
      persistence: CachePersistence.DURABLE,
      deletionPolicy: DeletionPolicy.RETAIN,
      evictionPolicy: EvictionPolicy.VOLATILE_TTL,
    });
    expect(oneOf(objs, 'RedisEnterprise').spec.highAvailability).toBe('Disabled');
    expect(oneOf(objs, 'RedisEnterpriseDatabase').spec).toMatchObject({ persistence: { aofEnabled: true, aofFrequency: '1s' }, evictionPolicy: 'VolatileTTL' });
    expect(ownAnnotations(oneOf(objs, 'RedisEnterpriseDatabase'))).toEqual({ 'serviceoperator.azure.com/reconcile-policy': 'detach-on-delete' });
  });

  test('private by default: a private endpoint in the profile\'s subnet, its A record in privatelink.redis.azure.net', () => {
    const { cache, objs } = build({ deletionPolicy: DeletionPolicy.RETAIN });
    expectValid(objs);
    const endpoint = oneOf(objs, 'PrivateEndpoint');
    expect(endpoint.apiVersion).toBe('network.azure.com/v20250301');
    expect(endpoint.metadata.name).toBe('sessions');
    // Retained with the cache, so a retained cache keeps its private path and ASO adopts both again.
    expect(ownAnnotations(endpoint)).toEqual({ 'serviceoperator.azure.com/reconcile-policy': 'detach-on-delete' });
    expect(endpoint.spec).toEqual({
      azureName: 'sessions-pe',
      owner: { armId: RG },
      location: 'westeurope',
      subnet: { reference: { armId: AZURE_OPTIONS.cacheSubnetId } },
      privateLinkServiceConnections: [{
        name: 'sessions',
        groupIds: ['redisEnterprise'],
        privateLinkServiceReference: { group: 'cache.azure.com', kind: 'RedisEnterprise', name: 'sessions' },
      }],
    });
    const group = oneOf(objs, 'PrivateEndpointsPrivateDnsZoneGroup');
    expect(group.apiVersion).toBe('network.azure.com/v20250301');
    expect(group.spec).toEqual({
      azureName: 'default',
      owner: { name: 'sessions' },
      privateDnsZoneConfigs: [{ name: 'privatelink-redis-azure-net', privateDnsZoneReference: { armId: AZURE_OPTIONS.cachePrivateDnsZoneId } }],
    });
    // The binder's host stays the cache's host name, which the zone resolves to the private address.
    const job = byKind(objs, 'Job').find((j) => j.metadata.name === cache.connection.binderJobName);
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.deferred.host).toEqual({ apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: 'sessions-azure', fieldPath: 'data.host' });
  });

  test('public access only when the profile says so: cachePublicNetworkAccess composes no endpoint', () => {
    const { objs } = build({}, { cacheSubnetId: undefined, cachePrivateDnsZoneId: undefined, cachePublicNetworkAccess: true });
    expectValid(objs);
    expect(oneOf(objs, 'RedisEnterprise').spec.azureName).toBe('sessions');
    expect(byKind(objs, 'PrivateEndpoint')).toEqual([]);
    expect(byKind(objs, 'PrivateEndpointsPrivateDnsZoneGroup')).toEqual([]);
  });

  test('fails when the profile has neither the cache subnet nor cachePublicNetworkAccess', () => {
    expect(() => build({}, { cacheSubnetId: undefined, cachePrivateDnsZoneId: undefined })).toThrow(
      'test/Sessions: invalid profile "azure": allowed: an azure profile with cacheSubnetId and cachePrivateDnsZoneId: Azure Managed Redis is reached through a private endpoint, never on its public endpoint unless the profile says so. '
      + 'Fix: set cacheSubnetId and cachePrivateDnsZoneId on the azure profile, or cachePublicNetworkAccess: true to reach the cache on its public endpoint (TLS and the access key) [PD200]');
  });

  test('fails when Valkey 8 is asked for', () => {
    expect(() => build({ version: ValkeyVersion.V8_1 })).toThrow(
      'test/Sessions: invalid version "8.1": allowed: not this value on the azure-managed-redis backend of profile "azure": Azure Managed Redis runs Redis 7.4, not Valkey 8 or later');
  });
});
