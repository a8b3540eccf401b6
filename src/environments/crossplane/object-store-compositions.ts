import {
  ComposedTemplate, EXTERNAL_NAME, convertTransform, fromComposite, fromFieldPath, fromValue, mapTransform,
} from './patch-and-transform';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../services/object-store/object-store';
import { GCS_ENDPOINT } from '../gcp/catalog/endpoints';

const P = 'spec.parameters';
const FP = 'spec.forProvider';
const RETAIN_ORPHAN = mapTransform({ Retain: 'Orphan', Delete: 'Delete' });
const DELETE_TRUE = mapTransform({ Retain: false, Delete: true });
const STATUS = [convertTransform('string'), mapTransform({ true: 'Enabled', false: 'Disabled' })];
/** Placeholder days of a disabled rule (the rule never applies; S3 and GCS need a positive number). */
const DISABLED_DAYS = 36500;

/** Options of the AWS object store Composition. */
export interface AwsObjectStoreCompositionOptions {
  readonly region: string;
  readonly providerConfigName?: string;
}

/** Options of the GCP object store Composition. */
export interface GcpObjectStoreCompositionOptions {
  readonly region: string;
  readonly project?: string;
  readonly providerConfigName?: string;
}

/**
 * The AWS Composition (provider-upjet-aws, cluster-scoped): a `Bucket` (`s3.aws.upbound.io/v1beta2`, the bucket
 * name as its external name, `forceDestroy` for `Delete`) and, bound to it with `bucketSelector.matchControllerRef`,
 * `BucketServerSideEncryptionConfiguration` (SSE-S3), `BucketPublicAccessBlock` (all four blocks),
 * `BucketOwnershipControls` (`BucketOwnerEnforced`), `BucketVersioning` (`Enabled` / `Suspended`) and
 * `BucketLifecycleConfiguration` (expiration, noncurrent version expiration: rules `Enabled` / `Disabled`;
 * incomplete uploads aborted after 7 days). `Retain` orphans every resource.
 *
 * Connection details: `endpoint` `https://s3.<region>.amazonaws.com`, `region`, `bucket` ← `status.atProvider.id`.
 */
export function awsObjectStoreResources(options: AwsObjectStoreCompositionOptions): ComposedTemplate[] {
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const region = options.region;
  const deletion = fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [RETAIN_ORPHAN]);
  const child = (
    name: string, apiVersion: string, kind: string, forProvider: Record<string, unknown>, patches: Record<string, unknown>[] = [],
  ): ComposedTemplate => ({
    name,
    base: { apiVersion, kind, spec: { forProvider: { region, bucketSelector: { matchControllerRef: true }, ...forProvider }, providerConfigRef } },
    patches: [...patches, deletion],
  });
  // The upjet lifecycle rule's blocks are lists of one element (Terraform blocks), in both served versions.
  const all = { status: 'Enabled', filter: [{ prefix: '' }] };
  return [
    {
      name: 's3-bucket',
      base: { apiVersion: 's3.aws.upbound.io/v1beta2', kind: 'Bucket', spec: { forProvider: { region, forceDestroy: false }, providerConfigRef } },
      patches: [
        fromComposite(`${P}.bucketName`, EXTERNAL_NAME),
        fromComposite(`${P}.deletionPolicy`, `${FP}.forceDestroy`, [DELETE_TRUE]),
        deletion,
      ],
      connectionDetails: [
        fromValue('endpoint', `https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`),
        fromValue('region', region),
        fromFieldPath('bucket', 'status.atProvider.id'),
      ],
    },
    child('s3-encryption', 's3.aws.upbound.io/v1beta2', 'BucketServerSideEncryptionConfiguration', {
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }),
    child('s3-public-access-block', 's3.aws.upbound.io/v1beta1', 'BucketPublicAccessBlock', {
      blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true,
    }),
    child('s3-ownership-controls', 's3.aws.upbound.io/v1beta2', 'BucketOwnershipControls', {
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    }),
    child('s3-versioning', 's3.aws.upbound.io/v1beta2', 'BucketVersioning', { versioningConfiguration: { status: 'Suspended' } }, [
      fromComposite(`${P}.versioned`, `${FP}.versioningConfiguration.status`, [convertTransform('string'), mapTransform({ true: 'Enabled', false: 'Suspended' })]),
    ]),
    child('s3-lifecycle', 's3.aws.upbound.io/v1beta2', 'BucketLifecycleConfiguration', {
      rule: [
        { ...all, id: 'abort-incomplete-uploads', abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }] },
        { ...all, id: 'expiration', status: 'Disabled', expiration: [{ days: DISABLED_DAYS }] },
        { ...all, id: 'noncurrent-version-expiration', status: 'Disabled', noncurrentVersionExpiration: [{ noncurrentDays: DISABLED_DAYS }] },
      ],
    }, [
      fromComposite(`${P}.expiration.enabled`, `${FP}.rule[1].status`, STATUS),
      fromComposite(`${P}.expiration.days`, `${FP}.rule[1].expiration[0].days`),
      fromComposite(`${P}.noncurrentVersionExpiration.enabled`, `${FP}.rule[2].status`, STATUS),
      fromComposite(`${P}.noncurrentVersionExpiration.days`, `${FP}.rule[2].noncurrentVersionExpiration[0].noncurrentDays`),
    ]),
  ];
}

/**
 * The GCP Composition (provider-upjet-gcp, cluster-scoped): a `Bucket` (`storage.gcp.upbound.io/v1beta2`) in the
 * region, the bucket name as its external name, uniform bucket-level access, public access prevention
 * `enforced`, `versioning.enabled`, and three lifecycle rules: incomplete uploads aborted after 7 days, `Delete`
 * of live objects by `age`, and of noncurrent versions by `daysSinceNoncurrentTime`. GCS rules have no status, so
 * a disabled rule gets the extra condition `createdBefore: 1970-01-01`, which no object meets (an enabled one
 * `9999-12-31`, which every object meets). `Retain` orphans it; `Delete` sets `forceDestroy`.
 *
 * Connection details: `endpoint` `https://storage.googleapis.com`, `region`, `bucket` ← `status.atProvider.id`.
 */
export function gcpObjectStoreResources(options: GcpObjectStoreCompositionOptions): ComposedTemplate[] {
  const RULES = `${FP}.lifecycleRule`;
  const createdBefore = [convertTransform('string'), mapTransform({ true: '9999-12-31', false: '1970-01-01' })];
  return [{
    name: 'gcs-bucket',
    base: {
      apiVersion: 'storage.gcp.upbound.io/v1beta2',
      kind: 'Bucket',
      spec: {
        forProvider: {
          location: options.region.toUpperCase(),
          ...(options.project ? { project: options.project } : {}),
          uniformBucketLevelAccess: true,
          publicAccessPrevention: 'enforced',
          forceDestroy: false,
          versioning: { enabled: false },
          lifecycleRule: [
            { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: ABORT_INCOMPLETE_UPLOAD_DAYS } },
            { action: { type: 'Delete' }, condition: { age: DISABLED_DAYS, withState: 'LIVE', createdBefore: '1970-01-01' } },
            { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: DISABLED_DAYS, withState: 'ARCHIVED', createdBefore: '1970-01-01' } },
          ],
        },
        providerConfigRef: { name: options.providerConfigName ?? 'default' },
      },
    },
    patches: [
      fromComposite(`${P}.bucketName`, EXTERNAL_NAME),
      fromComposite(`${P}.versioned`, `${FP}.versioning.enabled`),
      fromComposite(`${P}.expiration.enabled`, `${RULES}[1].condition.createdBefore`, createdBefore),
      fromComposite(`${P}.expiration.days`, `${RULES}[1].condition.age`),
      fromComposite(`${P}.noncurrentVersionExpiration.enabled`, `${RULES}[2].condition.createdBefore`, createdBefore),
      fromComposite(`${P}.noncurrentVersionExpiration.days`, `${RULES}[2].condition.daysSinceNoncurrentTime`),
      fromComposite(`${P}.deletionPolicy`, `${FP}.forceDestroy`, [DELETE_TRUE]),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [RETAIN_ORPHAN]),
    ],
    connectionDetails: [
      fromValue('endpoint', GCS_ENDPOINT),
      fromValue('region', options.region),
      fromFieldPath('bucket', 'status.atProvider.id'),
    ],
  }];
}
