import { Size } from 'cdk8s';
import { azureProfile, RG } from './fixture';
import {
  CachePersistence, DeletionPolicy, EvictionPolicy, HighAvailability, PortableCache, PortableCacheProps, Profile, ValkeyVersion,
} from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

function build(props: PortableCacheProps = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, azureProfile());
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

  test('fails when Valkey 8 is asked for', () => {
    expect(() => build({ version: ValkeyVersion.V8_1 })).toThrow(
      'test/Sessions: invalid version "8.1": allowed: not this value on the azure-managed-redis backend of profile "azure": Azure Managed Redis runs Redis 7.4, not Valkey 8 or later');
  });
});
