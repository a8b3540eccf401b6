import { Construct } from 'constructs';
import { checkGcpLabels } from './labels';
import { ResolvedGcpOptions } from './validate';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import { RedisInstance } from '../../imports/redis.cnrm.cloud.google.com';
import { sha256Hex } from '../../private/names';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../services/cache/backend';
import { CachePersistence } from '../../services/cache/policies';
import { CacheSpec } from '../../services/cache/resolved-spec';

const PROJECT_ANNOTATION = 'cnrm.cloud.google.com/project-id';
const DELETION_POLICY_ANNOTATION = 'cnrm.cloud.google.com/deletion-policy';
/** The largest instance Memorystore for Redis offers, in GB. */
const MAX_MEMORY_GB = 300;

/** The Memorystore instance ID (at most 40 characters): a hash keeps long ones apart. */
export function memorystoreInstanceId(prefix: string, name: string): string {
  const full = `${prefix}${name}`;
  if (full.length <= 40) return full;
  return `${full.slice(0, 33).replace(/-+$/, '')}-${sha256Hex(full).slice(0, 6)}`;
}

/**
 * Memorystore for Redis through Config Connector: one `RedisInstance` per cache. Memorystore for Valkey is not
 * used: it has no AUTH password (IAM tokens only) and Private Service Connect endpoints, so the portable contract
 * (a password, a host) cannot be met; Memorystore for Redis 7.2 speaks the same protocol as Valkey 7.2.
 *
 * | portable | RedisInstance |
 * |---|---|
 * | version | Valkey 7.2 → `redisVersion: REDIS_7_2`; Valkey 8 and later are refused (never a lower version) |
 * | memory | `memorySizeGb`: the memory rounded up to whole GB (1 to 300) |
 * | highAvailability AUTO/REQUIRED | `tier: STANDARD_HA` (a replica in another zone, automatic failover); NONE: `BASIC` |
 * | persistence DURABLE | `persistenceConfig` RDB snapshots every hour; CACHE_ONLY: `DISABLED` |
 * | evictionPolicy | `redisConfigs.maxmemory-policy` |
 * | deletionPolicy | RETAIN: `cnrm.cloud.google.com/deletion-policy: abandon` |
 *
 * AUTH is on (`authEnabled`); Memorystore generates the AUTH string and it cannot be set, so the binder reads it at
 * deploy time from `status.observedState.authString`. TLS is on (`transitEncryptionMode: SERVER_AUTHENTICATION`);
 * the server's certificate comes from a per-instance CA, read into `ca.crt` from `status.serverCaCerts[*].cert`: every
 * certificate Memorystore lists (two while it rotates its CA), one PEM after the other.
 * The instance is on the profile's `privateNetwork` (`authorizedNetworkRef`), or the project's `default` network.
 */
export class GcpMemorystoreCacheBackend implements ICacheBackend {
  public readonly name = 'gcp-memorystore';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.honouredBy('tier STANDARD_HA: a replica in another zone with automatic failover'),
    durable: Support.honouredBy('RDB snapshots every hour (persistenceConfig); writes since the last snapshot can be lost'),
    version: (v) => (Number(v.major.split('.')[0]) < 8 ? Support.honouredBy(`redisVersion REDIS_${v.major.replace('.', '_')}`) : Support.refused('Memorystore for Redis runs Redis 7.2 at most (protocol-compatible with Valkey 7.2), and Memorystore for Valkey has no AUTH password (IAM tokens only)',
      'use ValkeyVersion.V7_2 on this profile, or a profile whose cache backend runs Valkey 8')),
    restoreFromSnapshot: Support.refused('Config Connector\'s RedisInstance has no field to create an instance from a snapshot: Memorystore for Redis loads an RDB file only through its import operation',
      'create the cache without restoreFrom, then import the RDB file: gcloud redis instances import gs://BUCKET/FILE.rdb INSTANCE --region REGION'),
    transitEncryption: Support.honouredBy('transitEncryptionMode SERVER_AUTHENTICATION (TLS; the instance\'s CA in ca.crt)'),
    auth: Support.honouredBy('authEnabled: the AUTH string Memorystore generates, read by the binder at deploy time'),
    deletionRetain: Support.honouredBy('the Config Connector deletion policy abandon: the instance outlives the object'),
    deletionDelete: Support.honouredBy('deleting the object deletes the instance'),
    ...bindsEveryWorkload('the AUTH string, the TLS endpoint and its CA in the connection Secret'),
  };

  /** @param options the profile's options, resolved once by the profile */
  constructor(private readonly options: ResolvedGcpOptions) {
  }

  public bind(scope: Construct, spec: CacheSpec): CacheBinding {
    const o = this.options;
    checkGcpLabels(scope, spec.labels, 'instance labels');
    const ha = spec.highAvailability !== HighAvailability.NONE;
    const durable = spec.persistence === CachePersistence.DURABLE;
    new RedisInstance(scope, 'RedisInstance', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: {
          [PROJECT_ANNOTATION]: o.projectId,
          ...(spec.deletionPolicy === DeletionPolicy.RETAIN ? { [DELETION_POLICY_ANNOTATION]: 'abandon' } : {}),
        },
      },
      spec: {
        resourceId: memorystoreInstanceId(o.namePrefix, spec.name),
        region: o.region,
        tier: ha ? 'STANDARD_HA' : 'BASIC',
        memorySizeGb: Math.min(MAX_MEMORY_GB, Math.max(1, Math.ceil(spec.memoryMebibytes / 1024))),
        redisVersion: `REDIS_${spec.version.major.replace('.', '_')}`,
        authEnabled: true,
        transitEncryptionMode: 'SERVER_AUTHENTICATION',
        connectMode: 'PRIVATE_SERVICE_ACCESS',
        authorizedNetworkRef: o.privateNetwork !== undefined ? { external: o.privateNetwork } : undefined,
        persistenceConfig: durable ? { persistenceMode: 'RDB', rdbSnapshotPeriod: 'ONE_HOUR' } : { persistenceMode: 'DISABLED' },
        redisConfigs: { 'maxmemory-policy': spec.evictionPolicy },
      },
    });
    const status = (fieldPath: string) => ({ apiGroup: 'redis.cnrm.cloud.google.com', apiVersion: 'v1beta1', resource: 'redisinstances', name: spec.name, fieldPath });
    return {
      provider: 'gcp-memorystore',
      hostFrom: status('status.host'),
      portFrom: status('status.port'),
      tls: true,
      passwordFrom: status('status.observedState.authString'),
      caCertificateFrom: status('status.serverCaCerts[*].cert'),
    };
  }
}
