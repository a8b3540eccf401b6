import { Construct } from 'constructs';
import { azureServerName, azureTags, reconcilePolicy } from './aso';
import { azureRedisSkuFor } from './catalog/checks';
import { ResolvedAzureOptions } from './validate';
import { bindsEveryWorkload } from '../../core/features';
import { HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import * as cache from '../../imports/cache.azure.com';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../services/cache/backend';
import { CachePersistence, EvictionPolicy } from '../../services/cache/policies';
import { CacheSpec } from '../../services/cache/resolved-spec';

/** The port of every Azure Managed Redis database (TLS). */
const PORT = 10000;

const EVICTION: { [policy: string]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy } = {
  [EvictionPolicy.NOEVICTION]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.NO_EVICTION,
  [EvictionPolicy.ALLKEYS_LRU]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.ALL_KEYS_LRU,
  [EvictionPolicy.ALLKEYS_LFU]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.ALL_KEYS_LFU,
  [EvictionPolicy.ALLKEYS_RANDOM]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.ALL_KEYS_RANDOM,
  [EvictionPolicy.VOLATILE_LRU]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.VOLATILE_LRU,
  [EvictionPolicy.VOLATILE_LFU]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.VOLATILE_LFU,
  [EvictionPolicy.VOLATILE_RANDOM]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.VOLATILE_RANDOM,
  [EvictionPolicy.VOLATILE_TTL]: cache.RedisEnterpriseDatabaseSpecEvictionPolicy.VOLATILE_TTL,
};

/**
 * Azure Managed Redis through Azure Service Operator v2: a `RedisEnterprise` (the cluster) and its
 * `RedisEnterpriseDatabase` (always named `default`), `cache.azure.com/v1api20250401`. The retiring Azure Cache for
 * Redis (`Redis`; Basic/Standard/Premium retire on 2028-09-30) is not used.
 *
 * | portable | RedisEnterprise / RedisEnterpriseDatabase |
 * |---|---|
 * | version | Valkey 7.2 → Azure Managed Redis (Redis 7.4, protocol-compatible); Valkey 8 and later refused |
 * | memory | `sku.name`: the smallest Balanced SKU with at least that memory (`Balanced_B0` 0.5 GiB … `Balanced_B1000` 960 GiB) |
 * | highAvailability AUTO/REQUIRED | `highAvailability: Enabled` (a replica); NONE: `Disabled` |
 * | persistence DURABLE | `persistence.aofEnabled`, `aofFrequency: 1s`; CACHE_ONLY: none |
 * | evictionPolicy | `evictionPolicy` (`AllKeysLRU`, …) |
 * | deletionPolicy | `serviceoperator.azure.com/reconcile-policy`: RETAIN `detach-on-delete`, DELETE `manage` |
 *
 * TLS only (`clientProtocol: Encrypted`, `minimumTlsVersion: 1.2`, port 10000, a publicly trusted certificate), one
 * endpoint (`clusteringPolicy: EnterpriseCluster`, so plain Redis clients work). The password is the database's
 * access key, which ASO exports (`operatorSpec.secrets.primaryKey` → Secret `<name>-azure-keys`); the host is the
 * cluster's `status.hostName`, which ASO writes to the ConfigMap `<name>-azure` (`operatorSpec.configMapExpressions`).
 * The binder reads both. The cache's endpoint is public (TLS and the key): a private endpoint is not composed.
 */
export class AzureManagedRedisCacheBackend implements ICacheBackend {
  public readonly name = 'azure-managed-redis';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.honouredBy('highAvailability Enabled: a replica with automatic failover'),
    durable: Support.honouredBy('AOF persistence written every second (persistence.aofFrequency 1s): writes of the last second can be lost'),
    version: (v) => (Number(v.major.split('.')[0]) < 8 ? Support.honouredBy('Azure Managed Redis (Redis 7.4, protocol-compatible with Valkey 7.2)')
      : Support.refused('Azure Managed Redis runs Redis 7.4, not Valkey 8 or later',
        'use ValkeyVersion.V7_2 on this profile, or a profile whose cache backend runs Valkey 8')),
    restoreFromSnapshot: Support.refused('the RedisEnterpriseDatabase of Azure Service Operator has no field to create a database from a snapshot: Azure Managed Redis loads an RDB file only through its import operation',
      'create the cache without restoreFrom, then import the RDB file: az redisenterprise database import --cluster-name NAME --resource-group GROUP --sas-uris BLOB_SAS_URI'),
    transitEncryption: Support.honouredBy('clientProtocol Encrypted, minimumTlsVersion 1.2 (a publicly trusted certificate)'),
    auth: Support.honouredBy('the database\'s access key, exported by ASO and read by the binder at deploy time'),
    deletionRetain: Support.honouredBy('the ASO reconcile policy detach-on-delete: the cache outlives the objects; ASO adopts it when they are applied again'),
    deletionDelete: Support.honouredBy('the ASO reconcile policy manage: deleting the objects deletes the cache'),
    ...bindsEveryWorkload('the access key and the TLS endpoint in the connection Secret'),
  };

  /** @param options the profile's options, resolved once by the profile */
  constructor(private readonly options: ResolvedAzureOptions) {}

  public bind(scope: Construct, spec: CacheSpec): CacheBinding {
    const o = this.options;
    const azureName = azureServerName(scope, o.namePrefix, spec.name, 60);
    // The portable memory is at most 300 GiB; the largest Balanced SKU has 960 GiB.
    const skuName = azureRedisSkuFor(spec.memoryMebibytes)!;
    const metadata = { name: spec.name, labels: spec.labels, annotations: reconcilePolicy(spec.deletionPolicy) };
    const hostConfigMap = `${spec.name}-azure`;
    const keysSecret = `${spec.name}-azure-keys`;
    new cache.RedisEnterprise(scope, 'RedisEnterprise', {
      metadata,
      spec: {
        azureName,
        owner: { armId: o.resourceGroupId },
        location: o.location,
        tags: azureTags(scope, spec.labels),
        sku: { name: skuName as cache.RedisEnterpriseSpecSkuName },
        highAvailability: spec.highAvailability === HighAvailability.NONE
          ? cache.RedisEnterpriseSpecHighAvailability.DISABLED : cache.RedisEnterpriseSpecHighAvailability.ENABLED,
        minimumTlsVersion: cache.RedisEnterpriseSpecMinimumTlsVersion.VALUE_1_2,
        operatorSpec: { configMapExpressions: [{ name: hostConfigMap, key: 'host', value: 'self.status.hostName' }] },
      },
    });
    new cache.RedisEnterpriseDatabase(scope, 'RedisEnterpriseDatabase', {
      metadata,
      spec: {
        azureName: 'default',
        owner: { name: spec.name },
        clientProtocol: cache.RedisEnterpriseDatabaseSpecClientProtocol.ENCRYPTED,
        clusteringPolicy: cache.RedisEnterpriseDatabaseSpecClusteringPolicy.ENTERPRISE_CLUSTER,
        port: PORT,
        evictionPolicy: EVICTION[spec.evictionPolicy],
        accessKeysAuthentication: cache.RedisEnterpriseDatabaseSpecAccessKeysAuthentication.ENABLED,
        persistence: spec.persistence === CachePersistence.DURABLE
          ? { aofEnabled: true, aofFrequency: cache.RedisEnterpriseDatabaseSpecPersistenceAofFrequency.VALUE_1S }
          : undefined,
        operatorSpec: { secrets: { primaryKey: { name: keysSecret, key: 'primaryKey' } } },
      },
    });
    return {
      provider: 'azure-managed-redis',
      hostFrom: { apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: hostConfigMap, fieldPath: 'data.host' },
      port: PORT,
      tls: true,
      passwordFrom: { apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: keysSecret, fieldPath: 'data.primaryKey', base64: true },
    };
  }
}
