import { DELETION_POLICIES } from './api';
import { claimSchema } from './platform-skeleton';
import { EXPIRATION_RANGE_DAYS } from '../../services/object-store/object-store';

/** Bucket names every Composition accepts (the portable rules of `PortableObjectStore`, without reserved words). */
const BUCKET_NAME = '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$';

function expirationSchema(description: string): any {
  return {
    'type': 'object',
    description,
    'required': ['enabled'],
    'properties': {
      enabled: { type: 'boolean' },
      days: { type: 'integer', minimum: EXPIRATION_RANGE_DAYS.min, maximum: EXPIRATION_RANGE_DAYS.max },
    },
    'x-kubernetes-validations': [{ rule: '!self.enabled || has(self.days)', message: 'an enabled expiration needs days' }],
  };
}

/**
 * The OpenAPI v3 schema of the object store composite resource and claim (`spec.parameters`), strict: every field
 * typed, with ranges and CEL rules the Compositions rely on.
 */
export function objectStoreSchema(): any {
  return claimSchema({
    'type': 'object',
    'description': 'Portable parameters of an S3-compatible bucket.',
    'required': ['bucketName', 'versioned', 'expiration', 'noncurrentVersionExpiration', 'deletionPolicy'],
    'properties': {
      bucketName: {
        'type': 'string',
        'pattern': BUCKET_NAME,
        'description': 'Name of the bucket (global on AWS and GCP).',
        'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'bucketName is immutable' }],
      },
      versioned: { type: 'boolean', description: 'Keep noncurrent versions of overwritten and deleted objects.' },
      expiration: expirationSchema('Delete objects this many days after they were written.'),
      noncurrentVersionExpiration: expirationSchema('Delete noncurrent versions this many days after they became noncurrent.'),
      deletionPolicy: {
        type: 'string',
        enum: [...DELETION_POLICIES],
        description: 'Retain: orphaned when deleted. Delete: deleted with its objects.',
      },
      serviceAccounts: {
        type: 'array',
        description: "ServiceAccounts (in the claim's namespace) of the workloads bound to the bucket.",
        items: { type: 'string', minLength: 1, maxLength: 253 },
      },
    },
    'x-kubernetes-validations': [{
      rule: 'self.versioned || !self.noncurrentVersionExpiration.enabled',
      message: 'noncurrentVersionExpiration needs a versioned bucket',
    }],
  });
}
