import { Construct } from 'constructs';
import { azureServerName, azureTags, reconcilePolicy } from './aso';
import { azureRedisSkuFor } from './catalog/checks';
import { REDIS_PRIVATE_DNS_ZONE, ResolvedAzureOptions } from './validate';
import { bindsEveryWorkload } from '../../core/features';
import { HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import * as cache from '../../imports/cache.azure.com';
import * as network from '../../imports/network.azure.com';
import { ERROR_CODES, invalid } from '../../private/errors';
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
 * | deletionPolicy | `serviceoperator.azure.com/reconcile-policy`: RETAIN `detach-on-delete`, DELETE `manage` (the private endpoint too) |
 *
 * TLS only (`clientProtocol: Encrypted`, `minimumTlsVersion: 1.2`, port 10000, a publicly trusted certificate), one
 * endpoint (`clusteringPolicy: EnterpriseCluster`, so plain Redis clients work). The password is the database's
 * access key, which ASO exports (`operatorSpec.secrets.primaryKey` → Secret `<name>-azure-keys`); the host is the
 * cluster's `status.hostName`, which ASO writes to the ConfigMap `<name>-azure` (`operatorSpec.configMapExpressions`).
 * The binder reads both.
 *
 * Private by default: a `network.azure.com` `PrivateEndpoint` (`v20250301`) in the profile's `cacheSubnetId`, connected
 * to the cluster (group `redisEnterprise`), and its `PrivateEndpointsPrivateDnsZoneGroup`, which writes the cache's A
 * record into the profile's `privatelink.redis.azure.net` zone: the host name ASO exports resolves to the private
 * address inside the virtual network, so the binder's host stays the cache's host name. Without `cacheSubnetId` a
 * cache fails at synth unless the profile says `cachePublicNetworkAccess: true`. The cluster's own
 * `publicNetworkAccess` flag arrived in the ARM API 2025-07-01; ASO v2.19.0 serves `RedisEnterprise` up to 2025-04-01,
 * which has no such field (Azure/azure-service-operator#5157), so the library cannot write `Disabled`: `plan` lists
 * turning it off as a prerequisite (`az redisenterprise update --public-network-access Disabled`).
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
    deletionRetain: Support.honouredBy('the ASO reconcile policy detach-on-delete: the cache (and its private endpoint, where composed) '
      + 'outlives the objects; ASO adopts them when they are applied again'),
    deletionDelete: Support.honouredBy('the ASO reconcile policy manage: deleting the objects deletes the cache (and its private endpoint, where composed)'),
    ...bindsEveryWorkload('the access key and the TLS endpoint in the connection Secret'),
  };

  /** @param options the profile's options, resolved once by the profile */
  constructor(private readonly options: ResolvedAzureOptions) {}

  public bind(scope: Construct, spec: CacheSpec): CacheBinding {
    const o = this.options;
    if (o.cacheNetwork === undefined && !o.cachePublicNetworkAccess) {
      invalid(scope, {
        prop: 'profile',
        value: 'azure',
        allowed: 'an azure profile with cacheSubnetId and cachePrivateDnsZoneId: Azure Managed Redis is reached through a private endpoint, never on its public endpoint unless the profile says so',
        fix: 'set cacheSubnetId and cachePrivateDnsZoneId on the azure profile, or cachePublicNetworkAccess: true to reach the cache on its public endpoint (TLS and the access key)',
        code: ERROR_CODES.REFUSED_BY_BACKEND,
      });
    }
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
    if (o.cacheNetwork !== undefined) {
      // Same policy as the cache: a retained cache keeps its private path, and ASO adopts both when applied again.
      new network.PrivateEndpoint(scope, 'PrivateEndpoint', {
        metadata,
        spec: {
          azureName: `${azureName}-pe`,
          owner: { armId: o.resourceGroupId },
          location: o.location,
          tags: azureTags(scope, spec.labels),
          subnet: { reference: { armId: o.cacheNetwork.subnetId } },
          privateLinkServiceConnections: [{
            name: azureName,
            groupIds: ['redisEnterprise'],
            privateLinkServiceReference: { group: 'cache.azure.com', kind: 'RedisEnterprise', name: spec.name },
          }],
        },
      });
      new network.PrivateEndpointsPrivateDnsZoneGroup(scope, 'PrivateDnsZoneGroup', {
        metadata,
        spec: {
          azureName: 'default',
          owner: { name: spec.name },
          privateDnsZoneConfigs: [{ name: REDIS_PRIVATE_DNS_ZONE.replace(/\./g, '-'), privateDnsZoneReference: { armId: o.cacheNetwork.privateDnsZoneId } }],
        },
      });
    }
    return {
      provider: 'azure-managed-redis',
      hostFrom: { apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: hostConfigMap, fieldPath: 'data.host' },
      port: PORT,
      tls: true,
      passwordFrom: { apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: keysSecret, fieldPath: 'data.primaryKey', base64: true },
    };
  }
}
