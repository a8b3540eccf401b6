import { Construct } from 'constructs';
import { adoptRetained } from './adoption';
import { partitionOf } from './catalog/ids';
import { tlsOnlyBucketPolicy, WORKLOAD_OBJECT_ACTIONS } from './catalog/s3';
import { s3Imports } from './lazy-imports';
import { AwsObjectStoreOptions } from './object-store-options';
import { AwsOptions } from './options';
import { PodIdentityBinder } from './pod-identity';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import { Policy } from '../../imports/iam.services.k8s.aws';
import type { BucketSpecLifecycleRules } from '../../imports/s3.services.k8s.aws';
import { invalid } from '../../private/errors';
import { IObjectStoreBackend, ObjectStoreBinding, ObjectStoreAnswers } from '../../services/object-store/backend';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../services/object-store/object-store';
import { ObjectStoreSpec } from '../../services/object-store/resolved-spec';

const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
const ACK_DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const MAX_TAGS = 50;

/**
 * Properties of `AwsS3ObjectStoreBackend`: the AWS profile's options.
 */
export interface AwsS3ObjectStoreBackendProps extends AwsOptions, AwsObjectStoreOptions {}

/**
 * Object stores on Amazon S3 through AWS Controllers for Kubernetes (ACK): an `s3.services.k8s.aws/v1alpha1`
 * `Bucket` per service, an `iam.services.k8s.aws/v1alpha1` `Policy` granting access to exactly that bucket, and,
 * for each bound workload, an IAM `Role` of its ServiceAccount with an `eks.services.k8s.aws/v1alpha1`
 * `PodIdentityAssociation` (see `PodIdentityBinder`). No access keys exist: the application uses its SDK's default
 * credentials.
 *
 * | portable | Bucket (`spec`) |
 * |---|---|
 * | bucketName | `name`; `createBucketConfiguration.locationConstraint` = the profile's region (not for us-east-1) |
 * | versioned | `versioning.status` `Enabled` / `Suspended` |
 * | expiration | lifecycle rule `expiration.days` |
 * | noncurrentVersionExpiration | lifecycle rule `noncurrentVersionExpiration.noncurrentDays` |
 * | deletionPolicy | ACK `services.k8s.aws/deletion-policy` `retain` / `delete` (S3 deletes only empty buckets); with `retain`, `services.k8s.aws/adoption-policy: adopt-or-create` so applying the object again adopts the kept bucket |
 * | labels | `tagging.tagSet` |
 *
 * Always: default encryption SSE-S3 (`AES256`), every public access block on, object ownership
 * `BucketOwnerEnforced` (ACLs off), a bucket policy denying every request over plain HTTP (`tlsOnlyBucketPolicy`),
 * incomplete multipart uploads aborted after 7 days. Bound workloads read, write and delete objects but never
 * delete object versions (`WORKLOAD_OBJECT_ACTIONS`). Endpoint
 * `https://s3.<region>.amazonaws.com` (`.com.cn` in China), region the profile's.
 *
 * Prerequisites: the ACK S3 and IAM controllers (and the EKS controller to bind workloads), the EKS Pod Identity
 * Agent add-on in the cluster, and the profile's `eksClusterName`.
 */
export class AwsS3ObjectStoreBackend implements IObjectStoreBackend {
  public readonly name = 'aws-ack';
  public readonly bucketNamePrefix: string;
  public readonly capabilities: ObjectStoreAnswers = {
    versioning: Support.honouredBy('versioning status Enabled'),
    expiration: Support.honouredBy('a lifecycle rule expiration'),
    noncurrentVersionExpiration: Support.honouredBy('a lifecycle rule noncurrentVersionExpiration'),
    deletionRetain: Support.honouredBy('the ACK deletion policy retain: the bucket outlives the object; the adoption policy adopt-or-create takes it back when the object is applied again'),
    deletionDelete: Support.honouredBy('the ACK deletion policy delete (S3 deletes only an empty bucket)'),
    ...bindsEveryWorkload('an IAM role for the workload\'s ServiceAccount through EKS Pod Identity'),
  };

  constructor(private readonly options: AwsS3ObjectStoreBackendProps) {
    this.bucketNamePrefix = options.namePrefix ?? '';
    const cluster = options.eksClusterName;
    if (cluster !== undefined && (typeof cluster !== 'string' || !CLUSTER_NAME.test(cluster))) {
      invalid('aws profile option eksClusterName', {
        prop: 'eksClusterName',
        value: cluster,
        allowed: 'an EKS cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit',
        fix: 'use the name shown by `aws eks list-clusters`',
      });
    }
  }

  public bind(scope: Construct, spec: ObjectStoreSpec): ObjectStoreBinding {
    const region = this.options.region;
    const partition = partitionOf(region);
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const bucketArn = `arn:${partition}:s3:::${spec.bucketName}`;
    new (s3Imports().Bucket)(scope, 'Bucket', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: {
          [ACK_REGION_ANNOTATION]: region,
          [ACK_DELETION_POLICY_ANNOTATION]: retain ? 'retain' : 'delete',
          ...(retain ? adoptRetained({ name: spec.bucketName }) : {}),
        },
      },
      spec: {
        name: spec.bucketName,
        createBucketConfiguration: region === 'us-east-1' ? undefined : { locationConstraint: region },
        encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
        publicAccessBlock: { blockPublicAcLs: true, ignorePublicAcLs: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
        policy: tlsOnlyBucketPolicy(bucketArn),
        versioning: { status: spec.versioned ? 'Enabled' : 'Suspended' },
        lifecycle: { rules: lifecycleRules(spec) },
        tagging: { tagSet: this.tagsOf(scope, spec) },
      },
    });

    const policyObjectName = `${spec.name}-access`;
    new Policy(scope, 'AccessPolicy', {
      metadata: { name: policyObjectName, labels: spec.labels, annotations: { [ACK_REGION_ANNOTATION]: region } },
      spec: {
        name: `${spec.bucketName}-access`,
        description: `Read and write access to the S3 bucket ${spec.bucketName} (cdk8s-portable-data)`,
        policyDocument: bucketAccessPolicy(bucketArn),
      },
    });

    return {
      provider: 'aws-s3',
      endpoint: `https://s3.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`,
      region,
      workloadBinder: new PodIdentityBinder({
        region,
        namePrefix: this.bucketNamePrefix,
        clusterName: this.options.eksClusterName,
        policyObjectName,
        bucketName: spec.bucketName,
      }),
    };
  }

  private tagsOf(scope: Construct, spec: ObjectStoreSpec): { key: string; value: string }[] {
    const keys = Object.keys(spec.labels).sort();
    const bad = keys.filter((k) => k.length > 128 || spec.labels[k].length > 256);
    if (keys.length > MAX_TAGS || bad.length > 0) {
      invalid(scope, {
        prop: 'labels',
        value: bad.length > 0 ? bad : `${keys.length} labels`,
        allowed: `at most ${MAX_TAGS} labels, keys of at most 128 and values of at most 256 characters (they become S3 tags)`,
        fix: 'drop labels from the service or the profile',
      });
    }
    return keys.map((key) => ({ key, value: spec.labels[key] }));
  }
}

/** The lifecycle rules of a bucket: the portable expirations and aborting incomplete uploads. */
function lifecycleRules(spec: ObjectStoreSpec): BucketSpecLifecycleRules[] {
  const all = { filter: { prefix: '' }, status: 'Enabled' };
  const rules: BucketSpecLifecycleRules[] = [
    { ...all, id: 'abort-incomplete-uploads', abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS } },
  ];
  if (spec.expiration) rules.push({ ...all, id: 'expiration', expiration: { days: spec.expiration.toDays() } });
  if (spec.noncurrentVersionExpiration) {
    rules.push({ ...all, id: 'noncurrent-version-expiration', noncurrentVersionExpiration: { noncurrentDays: spec.noncurrentVersionExpiration.toDays() } });
  }
  return rules;
}

/** Read and write access to the objects of one bucket (and listing it), nothing else: no object version is deleted. */
function bucketAccessPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Bucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation'],
        Resource: bucketArn,
      },
      {
        Sid: 'Objects',
        Effect: 'Allow',
        Action: WORKLOAD_OBJECT_ACTIONS,
        Resource: `${bucketArn}/*`,
      },
    ],
  });
}
