import { Size } from 'cdk8s';
import {
  CachePersistence, DeletionPolicy, GcpProfile, HighAvailability, PortableCache, PortableCacheProps, Profile, ValkeyVersion,
} from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

function build(props: PortableCacheProps = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', privateNetwork: 'projects/acme-prod-123/global/networks/apps' }));
  const cache = new PortableCache(chart, 'Sessions', { name: 'sessions', ...props });
  return { cache, objs: synth(chart) };
}

describe('GCP cache (Memorystore for Redis through Config Connector)', () => {
  test('a STANDARD_HA instance with AUTH and TLS; the AUTH string and the CA are read at deploy time', () => {
    // Retained explicitly: a cache-only cache defaults to DELETE (no abandon annotation).
    const { cache, objs } = build({ memory: Size.mebibytes(1536), deletionPolicy: DeletionPolicy.RETAIN });
    expectValid(objs);
    const instance = oneOf(objs, 'RedisInstance');
    expect(ownAnnotations(instance)).toEqual({ 'cnrm.cloud.google.com/project-id': 'acme-prod-123', 'cnrm.cloud.google.com/deletion-policy': 'abandon' });
    expect(ownAnnotations(oneOf(build({}).objs, 'RedisInstance'))).toEqual({ 'cnrm.cloud.google.com/project-id': 'acme-prod-123' });
    expect(instance.spec).toEqual({
      resourceID: 'sessions',
      region: 'europe-west1',
      tier: 'STANDARD_HA',
      memorySizeGb: 2,
      redisVersion: 'REDIS_7_2',
      authEnabled: true,
      transitEncryptionMode: 'SERVER_AUTHENTICATION',
      connectMode: 'PRIVATE_SERVICE_ACCESS',
      authorizedNetworkRef: { external: 'projects/acme-prod-123/global/networks/apps' },
      persistenceConfig: { persistenceMode: 'DISABLED' },
      redisConfigs: { 'maxmemory-policy': 'allkeys-lru' },
    });
    const job = byKind(objs, 'Job').find((j) => j.metadata.name === cache.connection.binderJobName);
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toEqual({ type: 'redis', provider: 'gcp-memorystore', ssl: 'true' });
    expect(Object.fromEntries(Object.entries(spec.deferred).map(([k, v]: [string, any]) => [k, v.fieldPath]))).toEqual({
      'host': 'status.host', 'port': 'status.port', 'password': 'status.observedState.authString', 'ca.crt': 'status.serverCaCerts[*].cert',
    });
    expect(spec.credentials).toBeUndefined();
    expect(cache.connection.keys).toEqual(['type', 'provider', 'host', 'port', 'password', 'ssl', 'uri', 'ca.crt']);
  });

  test('NONE is BASIC; DURABLE takes hourly RDB snapshots', () => {
    const instance = oneOf(build({ highAvailability: HighAvailability.NONE, persistence: CachePersistence.DURABLE }).objs, 'RedisInstance');
    expect(instance.spec).toMatchObject({ tier: 'BASIC', persistenceConfig: { persistenceMode: 'RDB', rdbSnapshotPeriod: 'ONE_HOUR' } });
  });

  test('fails when Valkey 8 is asked for (never a lower version)', () => {
    expect(() => build({ version: ValkeyVersion.V8_1 })).toThrow(
      'test/Sessions: invalid version "8.1": allowed: not this value on the gcp-memorystore backend of profile "gcp": Memorystore for Redis runs Redis 7.2 at most');
  });
});
