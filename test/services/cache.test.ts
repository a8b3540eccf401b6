import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CachePersistence, DeletionPolicy, EvictionPolicy, HighAvailability, PortableCache, PortableCacheProps, ValkeyVersion } from '../../src';

function make(props: PortableCacheProps): PortableCache {
  return new PortableCache(Testing.chart(), 'Cache', props);
}

describe('PortableCache', () => {
  test('the kind\'s contract: servicebinding.io/redis, REDIS_ variables, rediss:// uri with an optional user name', () => {
    expect(PortableCache.KIND.secretType).toBe('servicebinding.io/redis');
    expect(PortableCache.KIND.contract).toEqual({
      type: 'redis',
      keys: ['type', 'provider', 'host', 'port', 'password', 'ssl', 'uri'],
      optionalKeys: ['username', 'ca.crt'],
      uriTemplate: 'rediss://[{username}]:{password}@{host}:{port}',
      envPrefix: 'REDIS_',
    });
  });

  test('defaults: Valkey 7.2, 1 GiB, HA AUTO, cache only with allkeys-lru, DELETE (nothing worth keeping)', () => {
    const cache = make({});
    expect(cache._spec).toMatchObject({
      version: ValkeyVersion.V7_2,
      memoryMebibytes: 1024,
      highAvailability: HighAvailability.AUTO,
      persistence: CachePersistence.CACHE_ONLY,
      evictionPolicy: EvictionPolicy.ALLKEYS_LRU,
      deletionPolicy: DeletionPolicy.DELETE,
      credentialsSecretName: 'test-cache-c8f016a1-credentials',
    });
  });

  test('a durable cache is retained by default; a cache-only one may still be retained', () => {
    expect(make({ persistence: CachePersistence.DURABLE })._spec.deletionPolicy).toBe(DeletionPolicy.RETAIN);
    expect(make({ deletionPolicy: DeletionPolicy.RETAIN })._spec.deletionPolicy).toBe(DeletionPolicy.RETAIN);
  });

  test('a durable cache never evicts by default', () => {
    expect(make({ persistence: CachePersistence.DURABLE })._spec.evictionPolicy).toBe(EvictionPolicy.NOEVICTION);
    const store = make({ persistence: CachePersistence.DURABLE, evictionPolicy: EvictionPolicy.VOLATILE_TTL });
    expect(store._spec.evictionPolicy).toBe(EvictionPolicy.VOLATILE_TTL);
  });

  test('binding injects the REDIS_ variables of the contract', () => {
    const chart = Testing.chart();
    const cache = new PortableCache(chart, 'Cache', { name: 'sessions' });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ name: 'app', image: 'example/shop:1.0.0' }] });
    cache.bind(web);
    const env = Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].env;
    expect(env.map((e: any) => e.name)).toEqual(['REDIS_TYPE', 'REDIS_PROVIDER', 'REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD', 'REDIS_SSL', 'REDIS_URI']);
    expect(env.every((e: any) => e.valueFrom.secretKeyRef.name === 'sessions-connection')).toBe(true);
  });

  test.each<[string, PortableCacheProps, string]>([
    ['the memory is below 256 MiB', { memory: Size.mebibytes(128) },
      'test/Cache: invalid memory "128 MiB": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
    ['the memory is above 300 GiB', { memory: Size.gibibytes(301) },
      'test/Cache: invalid memory "308224 MiB": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
    ['the memory is not a Size', { memory: 1024 as unknown as Size },
      'test/Cache: invalid memory "1024 (not a Size)": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
    ['the version is not in the catalog and not pinned', { version: ValkeyVersion.of('9.0') },
      'test/Cache: invalid version "9.0": allowed: one of the catalog\'s Valkey versions 7.2, 8.0, 8.1. Fix: use a catalog constant, or pin a version the catalog does not list with ValkeyVersion.of(major, fullVersion), e.g. ValkeyVersion.of(\'9.0\', \'9.0.0\')'],
    ['the full version is of another major', { version: ValkeyVersion.of('8.1', '8.0.2') },
      'test/Cache: invalid version "8.0.2": allowed: a full version of major 8.1 (e.g. 8.1.0). Fix: make the full version the major followed by the patch release'],
    ['the version is not a ValkeyVersion', { version: '8.1' as unknown as ValkeyVersion },
      'test/Cache: invalid version "8.1": allowed: a ValkeyVersion'],
    ['the persistence is unknown', { persistence: 'aof' as CachePersistence },
      'test/Cache: invalid persistence "aof": allowed: one of CachePersistence.CACHE_ONLY, CachePersistence.DURABLE. Fix: use CachePersistence.CACHE_ONLY'],
    ['the eviction policy is unknown', { evictionPolicy: 'lru' as EvictionPolicy },
      'test/Cache: invalid evictionPolicy "lru": allowed: one of EvictionPolicy.NOEVICTION, EvictionPolicy.ALLKEYS_LRU'],
    ['the high availability is unknown', { highAvailability: 'yes' as HighAvailability },
      'test/Cache: invalid highAvailability "yes": allowed: one of HighAvailability.AUTO, HighAvailability.NONE, HighAvailability.REQUIRED. Fix: use HighAvailability.AUTO'],
    ['the deletion policy is unknown', { deletionPolicy: 'keep' as DeletionPolicy },
      'test/Cache: invalid deletionPolicy "keep": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
    ['HA is required in the cluster', { highAvailability: HighAvailability.REQUIRED },
      'test/Cache: invalid highAvailability "required": allowed: not this value on the in-cluster backend of profile "in-cluster": the in-cluster cache is a single Valkey server (no replica, no failover). Fix: use HighAvailability.AUTO or NONE here, or a profile whose cache backend offers HA (ElastiCache, Memorystore)'],
    ['the name is not a DNS label', { name: 'Sessions' }, 'test/Cache: invalid name "Sessions"'],
  ])('fails when %s', (_, props, message) => {
    expect(() => make(props)).toThrow(message);
  });
});
