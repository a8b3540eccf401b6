import { DELETION_POLICIES } from './api';
import { CACHE_VERSIONS } from './cache-api';
import { claimSchema } from './platform-skeleton';
import { CACHE_MEMORY_RANGE_MIB } from '../../services/cache/cache';
import { EvictionPolicy } from '../../services/cache/policies';

/** Cloud identifiers both clouds accept (ElastiCache: 40 characters, no `--`; Memorystore: 40 characters). */
const IDENTIFIER = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/**
 * The OpenAPI v3 schema of the cache composite resource and claim (`spec.parameters`), strict: every field typed,
 * with enums, ranges and the CEL rules the Compositions rely on (`memoryGiB` is `memoryMiB` rounded up).
 */
export function cacheSchema(): any {
  return claimSchema({
    'type': 'object',
    'description': 'Portable parameters of a Redis-protocol cache (TLS and AUTH always on).',
    'required': ['identifier', 'version', 'memoryMiB', 'memoryGiB', 'highAvailability', 'durable', 'evictionPolicy', 'deletionPolicy'],
    'properties': {
      identifier: {
        'type': 'string',
        'pattern': IDENTIFIER,
        'maxLength': 40,
        'description': 'Cloud identifier of the cache (ElastiCache replication group ID, Memorystore instance ID).',
        'x-kubernetes-validations': [
          { rule: 'self == oldSelf', message: 'identifier is immutable' },
          { rule: "!self.contains('--')", message: 'identifier must not contain two consecutive hyphens' },
        ],
      },
      version: {
        type: 'string',
        enum: [...CACHE_VERSIONS],
        description: 'Valkey major version (Memorystore for Redis runs the protocol-compatible Redis of the same major).',
      },
      memoryMiB: {
        type: 'integer',
        minimum: CACHE_MEMORY_RANGE_MIB.min,
        maximum: CACHE_MEMORY_RANGE_MIB.max,
        description: 'Memory for data in MiB.',
      },
      memoryGiB: {
        type: 'integer',
        minimum: 1,
        maximum: CACHE_MEMORY_RANGE_MIB.max / 1024,
        description: 'memoryMiB in whole GiB, rounded up.',
      },
      highAvailability: { type: 'boolean', description: 'A replica in another zone with automatic failover.' },
      durable: { type: 'boolean', description: 'Snapshots of the data (AWS daily, GCP every hour).' },
      evictionPolicy: {
        type: 'string',
        enum: Object.values(EvictionPolicy),
        description: 'maxmemory-policy of the server.',
      },
      deletionPolicy: {
        type: 'string',
        enum: [...DELETION_POLICIES],
        description: 'Retain: orphaned when deleted. Delete: deleted with its data.',
      },
    },
    'x-kubernetes-validations': [{
      rule: 'self.memoryGiB * 1024 >= self.memoryMiB && (self.memoryGiB - 1) * 1024 < self.memoryMiB',
      message: 'memoryGiB must be memoryMiB in GiB, rounded up',
    }],
  });
}
