import { Construct } from 'constructs';
import { CACHE_API, CACHE_PARAMETERS, CACHE_VERSIONS } from './api';
import { ELASTICACHE_SNAPSHOT_RETENTION_DAYS } from './aws';
import { bindsEveryWorkload } from '../../../core/features';
import { HighAvailability } from '../../../core/policies';
import { Support } from '../../../core/support';
import { ERROR_CODES, invalid } from '../../../private/errors';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../../services/cache/backend';
import { CachePersistence } from '../../../services/cache/policies';
import { CacheSpec } from '../../../services/cache/resolved-spec';
import { PortableClaim } from '../claim';
import { claimNamePrefix, claimSecretName, claimSelector, fromClaimSecret } from '../claim-options';
import { CrossplaneClaimOptions } from '../options';
import { claimParameters } from '../parameters';

/**
 * Serves Redis-protocol caches with Crossplane: one claim (`portabledata.io/v1alpha1` `Cache`) per cache, answered
 * by the Composition the profile's `compositionSelector` picks among those `CrossplaneCachePlatform` installed
 * (ElastiCache for Valkey on AWS, Memorystore for Redis on GCP). The Composition publishes `host`, `port`,
 * `password` (the AUTH token or string the provider generates) and `ca.crt` to the Secret `<name>-crossplane`, where
 * the binder reads them. TLS and AUTH are always on.
 *
 * The claim may go to either cloud, so the API offers what both serve: Valkey 7.2 (Memorystore for Redis runs Redis
 * 7.2 at most). The cloud identifier is `namePrefix` + the service name (at most 40 characters; longer ones are
 * shortened with a hash): unique in the account or project, across namespaces.
 */
export class CrossplaneCacheBackend implements ICacheBackend {
  public readonly name = 'crossplane';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.honouredBy('the claim\'s highAvailability parameter: a Multi-AZ replica (AWS) or the STANDARD_HA tier (GCP), with automatic failover'),
    durable: Support.honouredBy(`the claim's durable parameter: daily snapshots kept ${ELASTICACHE_SNAPSHOT_RETENTION_DAYS} days (AWS) or RDB snapshots every hour (GCP), `
      + 'with a replica (HighAvailability.NONE is refused, as on ElastiCache through ACK); writes since the last snapshot can be lost'),
    version: (v) => (CACHE_VERSIONS.includes(v.major) ? Support.honouredBy('the claim\'s version parameter') : Support.refused('the portable Crossplane cache API serves Valkey 7.2 only, because its GCP Composition runs Memorystore for Redis (Redis 7.2 at most) and a claim may go to either cloud',
      'use ValkeyVersion.V7_2 on this profile, or an AwsProfile or in-cluster profile, which run Valkey 8')),
    restoreFromSnapshot: Support.refused('the portable Crossplane cache API has no snapshot parameter: its GCP Composition (Memorystore for Redis) cannot create an instance from a snapshot, and a claim may go to either cloud',
      'create the cache without restoreFrom and load the data with the cloud\'s import, or use an AwsProfile (ElastiCache through ACK restores snapshots)'),
    transitEncryption: Support.honouredBy('TLS in both Compositions (ElastiCache transitEncryptionEnabled, Memorystore SERVER_AUTHENTICATION); the CAs in ca.crt'),
    auth: Support.honouredBy('the AUTH token (AWS) or AUTH string (GCP) the provider generates, published to the claim\'s connection Secret'),
    deletionRetain: Support.honouredBy('the claim\'s deletionPolicy Retain: the composed resources are orphaned'),
    deletionDelete: Support.honouredBy('the claim\'s deletionPolicy Delete: deleting the claim deletes the cache'),
    ...bindsEveryWorkload('the password, the TLS endpoint and its CA in the connection Secret'),
  };

  constructor(private readonly options: CrossplaneClaimOptions) {}

  public bind(scope: Construct, spec: CacheSpec): CacheBinding {
    if (spec.persistence === CachePersistence.DURABLE && spec.highAvailability === HighAvailability.NONE) {
      invalid(scope, {
        prop: 'highAvailability',
        value: 'HighAvailability.NONE',
        allowed: 'HighAvailability.AUTO or REQUIRED for a DURABLE cache on Crossplane: a claim may go to the AWS Composition, where a single ElastiCache node that is replaced comes back empty (no append-only file, no snapshot restored into it)',
        fix: 'use HighAvailability.AUTO (a replica in another zone), or CachePersistence.CACHE_ONLY for data that may be lost',
        code: ERROR_CODES.REFUSED_BY_BACKEND,
      });
    }
    const selector = claimSelector(this.options);
    const prefix = claimNamePrefix(this.options);
    const secretName = claimSecretName(spec.name);
    const claim = new PortableClaim(scope, 'Claim', CACHE_API, {
      name: spec.name,
      labels: spec.labels,
      selector,
      parameters: claimParameters(CACHE_PARAMETERS, { spec, prefix }),
      secretName,
    });
    return {
      provider: this.name,
      conditions: [claim.binderRef],
      hostFrom: fromClaimSecret(secretName, 'host'),
      portFrom: fromClaimSecret(secretName, 'port'),
      passwordFrom: fromClaimSecret(secretName, 'password'),
      caCertificateFrom: fromClaimSecret(secretName, 'ca.crt'),
      tls: true,
    };
  }
}
