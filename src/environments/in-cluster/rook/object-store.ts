import { Construct } from 'constructs';
import { DeferredValue } from '../../../core/backend';
import { bindsEveryWorkload } from '../../../core/features';
import { DeletionPolicy } from '../../../core/policies';
import { Support } from '../../../core/support';
import { ObjectBucketClaim } from '../../../imports/objectbucket.io';
import { invalid } from '../../../private/errors';
import { KEEP_ON_PRUNE } from '../../../private/gitops';
import { IObjectStoreBackend, ObjectStoreBinding, ObjectStoreAnswers } from '../../../services/object-store/backend';
import { ObjectStoreSpec } from '../../../services/object-store/resolved-spec';
import { addBucketKeeper } from '../bucket-keeper';
import { InClusterObjectStoreOptions } from '../object-store-options';

const STORAGE_CLASS = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** Ceph RGW ignores the region when it checks signatures; Rook's own S3 clients use this one. */
export const ROOK_REGION = 'us-east-1';

/** Checks the profile's `bucketReclaimPolicy` (a `DeletionPolicy` value). */
export function checkReclaimPolicy(policy: unknown): DeletionPolicy {
  const policies = Object.values(DeletionPolicy) as string[];
  if (!policies.includes(policy as string)) {
    invalid('in-cluster profile option bucketReclaimPolicy', {
      prop: 'bucketReclaimPolicy',
      value: policy,
      allowed: policies.join(', '),
      fix: 'set the reclaimPolicy of the bucket StorageClass (retain or delete)',
    });
  }
  return policy as DeletionPolicy;
}

/** Checks the profile's `bucketStorageClassName` (required with Rook; checked whenever it is set). */
export function checkBucketStorageClass(storageClass: unknown): string {
  if (typeof storageClass !== 'string' || !STORAGE_CLASS.test(storageClass)) {
    invalid('in-cluster profile option bucketStorageClassName', {
      prop: 'bucketStorageClassName',
      value: storageClass,
      allowed: 'the name of a Rook bucket StorageClass (lower-case DNS subdomain), required with ObjectStoreOperator.ROOK',
      fix: 'set bucketStorageClassName to a StorageClass whose provisioner is <rook namespace>.ceph.rook.io/bucket',
    });
  }
  return storageClass;
}

/**
 * Object stores on Rook/Ceph: an `ObjectBucketClaim` (`objectbucket.io/v1alpha1`) per bucket, named after the
 * service, with the bucket name set and the profile's `bucketStorageClassName`. Rook creates the bucket in the
 * CephObjectStore of that StorageClass, a user owning it, and a ConfigMap and a Secret named like the claim.
 *
 * - Connection: the binder reads `BUCKET_HOST` and `BUCKET_PORT` (endpoint `http://host:port`, or `https://host`
 *   for port 443) and `BUCKET_NAME` from the ConfigMap, `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` from the
 *   Secret; region `us-east-1`.
 * - Versioning and lifecycle: a setup Job (the bucket keeper) sets the versioning status and puts the lifecycle
 *   rules (expiration, noncurrent version expiration, incomplete uploads aborted after 7 days) on the bucket with
 *   the claim's keys; Ceph RGW runs them.
 * - Deletion: Rook applies the StorageClass's `reclaimPolicy`, so the service's `deletionPolicy` must equal the
 *   profile's `bucketReclaimPolicy`; `RETAIN` also protects the claim from GitOps prunes.
 * - Public access: none is granted: the bucket belongs to the claim's user, with no bucket policy.
 *
 * Prerequisites: the Rook operator, a CephObjectStore and a bucket StorageClass
 * (`provisioner: <rook namespace>.ceph.rook.io/bucket`); the RGW endpoint must be reachable from the namespace.
 */
export class RookObjectStoreBackend implements IObjectStoreBackend {
  public readonly name = 'rook';
  public readonly bucketNamePrefix = '';

  public readonly capabilities: ObjectStoreAnswers;

  private readonly storageClassName: string;
  private readonly reclaimPolicy: DeletionPolicy;

  constructor(options: InClusterObjectStoreOptions = {}) {
    this.storageClassName = checkBucketStorageClass(options.bucketStorageClassName);
    this.reclaimPolicy = options.bucketReclaimPolicy ?? DeletionPolicy.DELETE;
    checkReclaimPolicy(this.reclaimPolicy);
    const reclaim = (policy: DeletionPolicy) => this.reclaimPolicy === policy
      ? Support.honouredBy(`the bucket StorageClass "${this.storageClassName}" has reclaimPolicy ${policy}`)
      : Support.refused(
        `Rook applies the reclaimPolicy of the bucket StorageClass "${this.storageClassName}" (the profile's bucketReclaimPolicy: ${this.reclaimPolicy}), not the claim's`,
        policy === DeletionPolicy.RETAIN
          ? 'use a bucket StorageClass with reclaimPolicy: Retain and set bucketReclaimPolicy: DeletionPolicy.RETAIN in the profile, or use DeletionPolicy.DELETE'
          : 'use DeletionPolicy.RETAIN, or a bucket StorageClass with reclaimPolicy: Delete (bucketReclaimPolicy: DeletionPolicy.DELETE)');
    this.capabilities = {
      versioning: Support.honouredBy('the bucket keeper sets the versioning status through the S3 API'),
      expiration: Support.honouredBy('lifecycle rules the bucket keeper puts on the bucket; Ceph RGW runs them'),
      noncurrentVersionExpiration: Support.honouredBy('lifecycle rules the bucket keeper puts on the bucket; Ceph RGW runs them'),
      deletionRetain: reclaim(DeletionPolicy.RETAIN),
      deletionDelete: reclaim(DeletionPolicy.DELETE),
      ...bindsEveryWorkload('the claim\'s access keys in the connection Secret'),
    };
  }

  public bind(scope: Construct, spec: ObjectStoreSpec): ObjectStoreBinding {
    new ObjectBucketClaim(scope, 'ObjectBucketClaim', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: spec.deletionPolicy === DeletionPolicy.RETAIN ? { ...KEEP_ON_PRUNE } : undefined,
      },
      spec: { bucketName: spec.bucketName, storageClassName: this.storageClassName },
    });

    addBucketKeeper(scope, spec, {
      image: spec.binderImage,
      endpoint: { configMap: spec.name, hostKey: 'BUCKET_HOST', portKey: 'BUCKET_PORT' },
      region: ROOK_REGION,
      keys: { secret: spec.name, accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' },
      create: false,
      serverLifecycle: true,
      podLabels: { 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/component': 'bucket-keeper' },
    });

    const configMap = (key: string): DeferredValue => ({ apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: spec.name, fieldPath: `data.${key}` });
    const secret = (key: string): DeferredValue => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: spec.name, fieldPath: `data.${key}`, base64: true });
    return {
      provider: 'rook-ceph',
      endpointHostPortFrom: { host: configMap('BUCKET_HOST'), port: configMap('BUCKET_PORT') },
      region: ROOK_REGION,
      bucketFrom: configMap('BUCKET_NAME'),
      accessKeyIdFrom: secret('AWS_ACCESS_KEY_ID'),
      secretAccessKeyFrom: secret('AWS_SECRET_ACCESS_KEY'),
    };
  }
}
