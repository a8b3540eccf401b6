/**
 * The portable Crossplane API for object stores (`XObjectStore`, claimed as `ObjectStore`): what the
 * `CrossplaneObjectStoreBackend` claims and the XRD and Compositions of `CrossplaneObjectStorePlatform` share. Its
 * parameter table generates the XRD's schema, the claims' `spec.parameters` and the names the Composition patches
 * read.
 */
import { Lazy } from 'cdk8s';
import { EXPIRATION_RANGE_DAYS } from '../../../services/object-store/object-store';
import { ObjectStoreSpec } from '../../../services/object-store/resolved-spec';
import { PortableApi } from '../api';
import { JsonSchema, deletionPolicyParameter, parameterTable } from '../parameters';

/** Bucket names every Composition accepts (the portable rules of `PortableObjectStore`, without reserved words). */
const BUCKET_NAME = '^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$';

/**
 * Placeholder days of a disabled lifecycle rule in the Compositions (the rule never applies; S3 and GCS need a
 * positive number).
 */
export const DISABLED_DAYS = 36500;

/** A lifecycle expiration of a claim: on with its days, or off. */
export interface ClaimExpiration {
  /** Whether the rule is on. */
  readonly enabled: boolean;
  /** Days after which objects (or noncurrent versions) are deleted; only when enabled. */
  readonly days?: number;
}

/** What the object store backend reads a claim's parameters from. */
export interface ObjectStoreClaimInput {
  /** The resolved declaration. */
  readonly spec: ObjectStoreSpec;
  /** The ServiceAccounts of the workloads bound to the bucket, known once every workload is bound. */
  readonly serviceAccounts: () => string[] | undefined;
}

function expirationSchema(): JsonSchema {
  return {
    'type': 'object',
    'required': ['enabled'],
    'properties': {
      enabled: { type: 'boolean' },
      days: { type: 'integer', minimum: EXPIRATION_RANGE_DAYS.min, maximum: EXPIRATION_RANGE_DAYS.max },
    },
    'x-kubernetes-validations': [{ rule: '!self.enabled || has(self.days)', message: 'an enabled expiration needs days' }],
  };
}

function expiration(days: number | undefined): ClaimExpiration {
  return days === undefined ? { enabled: false } : { enabled: true, days };
}

/** The parameters of an object store claim (`spec.parameters`): schema, and how the backend reads each. */
export const OBJECT_STORE_PARAMETERS = parameterTable<ObjectStoreClaimInput>()({
  bucketName: {
    schema: {
      'type': 'string',
      'pattern': BUCKET_NAME,
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'bucketName is immutable' }],
    },
    description: 'Name of the bucket (global on AWS and GCP).',
    read: ({ spec }) => spec.bucketName,
  },
  versioned: {
    schema: { type: 'boolean' },
    description: 'Keep noncurrent versions of overwritten and deleted objects.',
    read: ({ spec }) => spec.versioned,
  },
  expiration: {
    schema: expirationSchema(),
    description: 'Delete objects this many days after they were written.',
    read: ({ spec }) => expiration(spec.expiration?.toDays()),
  },
  noncurrentVersionExpiration: {
    schema: expirationSchema(),
    description: 'Delete noncurrent versions this many days after they became noncurrent.',
    read: ({ spec }) => expiration(spec.noncurrentVersionExpiration?.toDays()),
  },
  deletionPolicy: deletionPolicyParameter('Retain: orphaned when deleted. Delete: deleted with its objects.'),
  serviceAccounts: {
    schema: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 253 } },
    description: "ServiceAccounts (in the claim's namespace) of the workloads bound to the bucket.",
    optional: true,
    // Resolved at synth, after every workload is bound; left out when none is. No Composition of this library reads
    // it: it is for a Composition (or a step of another function) of the platform team that grants them access.
    read: ({ serviceAccounts }) => Lazy.any({ produce: serviceAccounts }) as unknown as string[] | undefined,
  },
});

/** The portable object store API. */
export const OBJECT_STORE_API: PortableApi<typeof OBJECT_STORE_PARAMETERS> = {
  noun: 'object store',
  xrKind: 'XObjectStore',
  xrPlural: 'xobjectstores',
  claimKind: 'ObjectStore',
  claimPlural: 'objectstores',
  connectionSecretKeys: ['endpoint', 'bucket', 'region'],
  description: 'Portable parameters of an S3-compatible bucket.',
  parameters: OBJECT_STORE_PARAMETERS,
  rules: () => [{
    rule: 'self.versioned || !self.noncurrentVersionExpiration.enabled',
    message: 'noncurrentVersionExpiration needs a versioned bucket',
  }],
};
