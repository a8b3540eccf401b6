import { DISABLED_DAYS, OBJECT_STORE_PARAMETERS as STORE } from './api';
import { invalid } from '../../../private/errors';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../../services/object-store/object-store';
import { partitionOf } from '../../aws/catalog/ids';
import { tlsOnlyBucketPolicy } from '../../aws/catalog/s3';
import { CloudComposition } from '../compositions';
import { combineParameters, fromParameter, orphanOnRetain } from '../parameters';
import {
  ComposedTemplate, EXTERNAL_NAME, Patch, booleanTransforms, fromFieldPath, fromValue, mapTransform,
} from '../patch-and-transform';
import { AWS_REGION, checkObjectName } from '../platform-skeleton';

const FP = 'spec.forProvider';

/**
 * Options of the AWS object store Composition (provider-upjet-aws `s3.aws.upbound.io`).
 */
export interface CrossplaneObjectStoreAwsOptions {
  /** AWS region of the buckets, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/** The AWS object store Composition: its options checked, its composed resources. */
export const AWS_OBJECT_STORE_COMPOSITION: CloudComposition<CrossplaneObjectStoreAwsOptions> = {
  compose: (scope, options) => {
    if (!options || typeof options.region !== 'string' || !AWS_REGION.test(options.region)) {
      invalid(scope, { prop: 'aws.region', value: options?.region, allowed: 'an AWS region such as "eu-west-1" (AWS options are required when the AWS Composition is included)', fix: 'pass aws: { region }, or clouds: [CrossplaneCloud.GCP]' });
    }
    if (options.providerConfigName !== undefined) checkObjectName(scope, 'aws.providerConfigName', options.providerConfigName);
    return awsObjectStoreResources(options);
  },
};

/**
 * The AWS Composition (provider-upjet-aws, cluster-scoped): a `Bucket` (`s3.aws.upbound.io/v1beta2`, the bucket
 * name as its external name, `forceDestroy` for `Delete`) and, bound to it with `bucketSelector.matchControllerRef`,
 * `BucketServerSideEncryptionConfiguration` (SSE-S3), `BucketPublicAccessBlock` (all four blocks),
 * `BucketOwnershipControls` (`BucketOwnerEnforced`), `BucketVersioning` (`Enabled` / `Suspended`) and
 * `BucketLifecycleConfiguration` (expiration, noncurrent version expiration: rules `Enabled` / `Disabled`;
 * incomplete uploads aborted after 7 days) and `BucketPolicy` (`s3.aws.upbound.io/v1beta1`: every request over plain
 * HTTP denied, `tlsOnlyBucketPolicy` of the bucket name, as the ACK backend). `Retain` orphans every resource.
 *
 * Connection details: `endpoint` `https://s3.<region>.amazonaws.com`, `region`, `bucket` ← `status.atProvider.id`.
 */
function awsObjectStoreResources(options: CrossplaneObjectStoreAwsOptions): ComposedTemplate[] {
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const region = options.region;
  const status = booleanTransforms('Enabled', 'Disabled');
  const child = (
    name: string, apiVersion: string, kind: string, forProvider: Record<string, unknown>, patches: Patch[] = [],
  ): ComposedTemplate => ({
    name,
    base: { apiVersion, kind, spec: { forProvider: { region, bucketSelector: { matchControllerRef: true }, ...forProvider }, providerConfigRef } },
    patches: [...patches, orphanOnRetain(STORE)],
  });
  // The ACK backend's policy with a Go fmt `%s` where it has the bucket name (twice: the bucket and its objects).
  const policyFormat = tlsOnlyBucketPolicy(`arn:${partitionOf(region)}:s3:::%s`);
  // The upjet lifecycle rule's blocks are lists of one element (Terraform blocks), in both served versions.
  const all = { status: 'Enabled', filter: [{ prefix: '' }] };
  return [
    {
      name: 's3-bucket',
      base: { apiVersion: 's3.aws.upbound.io/v1beta2', kind: 'Bucket', spec: { forProvider: { region, forceDestroy: false }, providerConfigRef } },
      patches: [
        fromParameter(STORE, 'bucketName', EXTERNAL_NAME),
        fromParameter(STORE, 'deletionPolicy', `${FP}.forceDestroy`, [mapTransform({ Retain: false, Delete: true })]),
        orphanOnRetain(STORE),
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
      fromParameter(STORE, 'versioned', `${FP}.versioningConfiguration.status`, booleanTransforms('Enabled', 'Suspended')),
    ]),
    child('s3-tls-only-policy', 's3.aws.upbound.io/v1beta1', 'BucketPolicy', {}, [
      combineParameters(STORE, ['bucketName', 'bucketName'], policyFormat, `${FP}.policy`),
    ]),
    child('s3-lifecycle', 's3.aws.upbound.io/v1beta2', 'BucketLifecycleConfiguration', {
      rule: [
        { ...all, id: 'abort-incomplete-uploads', abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }] },
        { ...all, id: 'expiration', status: 'Disabled', expiration: [{ days: DISABLED_DAYS }] },
        { ...all, id: 'noncurrent-version-expiration', status: 'Disabled', noncurrentVersionExpiration: [{ noncurrentDays: DISABLED_DAYS }] },
      ],
    }, [
      fromParameter(STORE, 'expiration.enabled', `${FP}.rule[1].status`, status),
      fromParameter(STORE, 'expiration.days', `${FP}.rule[1].expiration[0].days`),
      fromParameter(STORE, 'noncurrentVersionExpiration.enabled', `${FP}.rule[2].status`, status),
      fromParameter(STORE, 'noncurrentVersionExpiration.days', `${FP}.rule[2].noncurrentVersionExpiration[0].noncurrentDays`),
    ]),
  ];
}
