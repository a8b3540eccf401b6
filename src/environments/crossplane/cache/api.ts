/**
 * The portable Crossplane API for Redis-protocol caches (`XCache`, claimed as `Cache`): what the
 * `CrossplaneCacheBackend` claims and the XRD and Compositions of `CrossplaneCachePlatform` share. Its parameter
 * table generates the XRD's schema, the claims' `spec.parameters` and the names the Composition patches read.
 */
import { HighAvailability } from '../../../core/policies';
import { CACHE_MEMORY_RANGE_MIB } from '../../../services/cache/cache';
import { CachePersistence, EvictionPolicy } from '../../../services/cache/policies';
import { CacheSpec } from '../../../services/cache/resolved-spec';
import { replicationGroupId } from '../../aws/catalog/elasticache';
import { PortableApi } from '../api';
import { deletionPolicyParameter, parameterTable } from '../parameters';

/** The Valkey majors the API serves (`spec.parameters.version`): what both Compositions run (Memorystore for Redis 7.2). */
export const CACHE_VERSIONS = ['7.2'];
/** The port of both Compositions' endpoints. */
export const CACHE_PORT = 6379;

/** Cloud identifiers both clouds accept (ElastiCache: 40 characters, no `--`; Memorystore: 40 characters). */
const IDENTIFIER = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/** What the cache backend reads a claim's parameters from. */
export interface CacheClaimInput {
  /** The resolved declaration. */
  readonly spec: CacheSpec;
  /** The profile's `namePrefix` (checked). */
  readonly prefix: string;
}

/** The parameters of a cache claim (`spec.parameters`): schema, and how the backend reads each. */
export const CACHE_PARAMETERS = parameterTable<CacheClaimInput>()({
  identifier: {
    schema: {
      'type': 'string',
      'pattern': IDENTIFIER,
      'maxLength': 40,
      'x-kubernetes-validations': [
        { rule: 'self == oldSelf', message: 'identifier is immutable' },
        { rule: "!self.contains('--')", message: 'identifier must not contain two consecutive hyphens' },
      ],
    },
    description: 'Cloud identifier of the cache (ElastiCache replication group ID, Memorystore instance ID).',
    read: ({ spec, prefix }) => replicationGroupId(prefix, spec.name),
  },
  version: {
    schema: { type: 'string', enum: [...CACHE_VERSIONS] },
    description: 'Valkey major version (Memorystore for Redis runs the protocol-compatible Redis of the same major).',
    read: ({ spec }) => spec.version.major,
  },
  memoryMiB: {
    schema: { type: 'integer', minimum: CACHE_MEMORY_RANGE_MIB.min, maximum: CACHE_MEMORY_RANGE_MIB.max },
    description: 'Memory for data in MiB.',
    read: ({ spec }) => spec.memoryMebibytes,
  },
  memoryGiB: {
    schema: { type: 'integer', minimum: 1, maximum: CACHE_MEMORY_RANGE_MIB.max / 1024 },
    description: 'memoryMiB in whole GiB, rounded up.',
    read: ({ spec }) => Math.ceil(spec.memoryMebibytes / 1024),
  },
  highAvailability: {
    schema: { type: 'boolean' },
    description: 'A replica in another zone with automatic failover.',
    read: ({ spec }) => spec.highAvailability !== HighAvailability.NONE,
  },
  durable: {
    schema: { type: 'boolean' },
    description: 'Snapshots of the data (AWS daily, GCP every hour).',
    read: ({ spec }) => spec.persistence === CachePersistence.DURABLE,
  },
  evictionPolicy: {
    schema: { type: 'string', enum: Object.values(EvictionPolicy) },
    description: 'maxmemory-policy of the server.',
    read: ({ spec }) => spec.evictionPolicy as string,
  },
  deletionPolicy: deletionPolicyParameter('Retain: orphaned when deleted. Delete: deleted with its data.'),
});

/** The portable cache API. */
export const CACHE_API: PortableApi<typeof CACHE_PARAMETERS> = {
  noun: 'cache',
  xrKind: 'XCache',
  xrPlural: 'xcaches',
  claimKind: 'Cache',
  claimPlural: 'caches',
  // The TLS endpoint, the AUTH password the provider generates and the PEM of the CAs that sign the server's
  // certificate.
  connectionSecretKeys: ['host', 'port', 'password', 'ca.crt'],
  description: 'Portable parameters of a Redis-protocol cache (TLS and AUTH always on).',
  parameters: CACHE_PARAMETERS,
  rules: () => [{
    rule: 'self.memoryGiB * 1024 >= self.memoryMiB && (self.memoryGiB - 1) * 1024 < self.memoryMiB',
    message: 'memoryGiB must be memoryMiB in GiB, rounded up',
  }],
};
