import { Construct } from 'constructs';
import { GCS_ENDPOINT } from './catalog/endpoints';
import { checkGcpLabels } from './labels';
import { ResolvedGcpOptions } from './validate';
import { WorkloadIdentityBinder } from './workload-identity';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import { StorageBucket, StorageBucketSpecLifecycleRule } from '../../imports/storage.cnrm.cloud.google.com';
import { IObjectStoreBackend, ObjectStoreBinding, ObjectStoreAnswers } from '../../services/object-store/backend';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../services/object-store/object-store';
import { ObjectStoreSpec } from '../../services/object-store/resolved-spec';

const PROJECT_ANNOTATION = 'cnrm.cloud.google.com/project-id';
const DELETION_POLICY_ANNOTATION = 'cnrm.cloud.google.com/deletion-policy';
/** Config Connector deletes a non-empty bucket (with its objects) only with this annotation. */
const FORCE_DESTROY_ANNOTATION = 'cnrm.cloud.google.com/force-destroy';

/**
 * Object stores on Google Cloud Storage through Config Connector: a `StorageBucket`
 * (`storage.cnrm.cloud.google.com/v1beta1`) per service in the profile's region, and, for each bound workload,
 * GKE Workload Identity for its ServiceAccount with `roles/storage.objectUser` on exactly this bucket (see
 * `WorkloadIdentityBinder`). No access keys exist: the application uses Application Default Credentials.
 *
 * | portable | StorageBucket |
 * |---|---|
 * | bucketName | `resourceID` (`metadata.name` is the service name) |
 * | versioned | `versioning.enabled` |
 * | expiration | lifecycle rule `Delete`, condition `age`, `withState: LIVE` |
 * | noncurrentVersionExpiration | lifecycle rule `Delete`, condition `daysSinceNoncurrentTime`, `withState: ARCHIVED` |
 * | deletionPolicy | RETAIN: `cnrm.cloud.google.com/deletion-policy: abandon`; DELETE: `force-destroy: "true"` (objects deleted too) |
 * | labels | `metadata.labels` (unprefixed ones become GCP labels) |
 *
 * Always: uniform bucket-level access, public access prevention `enforced`, Google-managed encryption, incomplete
 * multipart uploads aborted after 7 days. Endpoint `https://storage.googleapis.com`, region the profile's.
 *
 * Prerequisites: Config Connector with access to the project (storage and IAM), Workload Identity on the GKE
 * cluster and its node pools.
 */
export class GcsObjectStoreBackend implements IObjectStoreBackend {
  public readonly name = 'gcp-kcc';
  public readonly bucketNamePrefix: string;
  public readonly capabilities: ObjectStoreAnswers = {
    versioning: Support.honouredBy('versioning.enabled'),
    expiration: Support.honouredBy('a lifecycle rule Delete with condition age on live objects'),
    noncurrentVersionExpiration: Support.honouredBy('a lifecycle rule Delete with condition daysSinceNoncurrentTime'),
    deletionRetain: Support.honouredBy('the Config Connector deletion policy abandon: the bucket outlives the object, and Config Connector acquires it by its resourceID when it is applied again'),
    deletionDelete: Support.honouredBy('force-destroy: deleting the object deletes the bucket and its objects'),
    ...bindsEveryWorkload('the workload\'s ServiceAccount gets roles/storage.objectUser on the bucket through Workload Identity'),
  };

  /** @param options the profile's options, resolved once by the profile */
  constructor(private readonly options: ResolvedGcpOptions) {
    this.bucketNamePrefix = this.options.namePrefix;
  }

  public bind(scope: Construct, spec: ObjectStoreSpec): ObjectStoreBinding {
    const o = this.options;
    checkGcpLabels(scope, spec.labels, 'bucket labels');
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    new StorageBucket(scope, 'StorageBucket', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: {
          [PROJECT_ANNOTATION]: o.projectId,
          ...(retain ? { [DELETION_POLICY_ANNOTATION]: 'abandon' } : { [FORCE_DESTROY_ANNOTATION]: 'true' }),
        },
      },
      spec: {
        resourceId: spec.bucketName,
        location: o.region.toUpperCase(),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: spec.versioned },
        lifecycleRule: lifecycleRules(spec),
      },
    });
    return {
      provider: 'gcp-gcs',
      endpoint: GCS_ENDPOINT,
      region: o.region,
      workloadBinder: new WorkloadIdentityBinder({ projectId: o.projectId, bucketObjectName: spec.name, labels: spec.labels }),
    };
  }
}

function lifecycleRules(spec: ObjectStoreSpec): StorageBucketSpecLifecycleRule[] {
  const rules: StorageBucketSpecLifecycleRule[] = [
    { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: ABORT_INCOMPLETE_UPLOAD_DAYS } },
  ];
  if (spec.expiration) rules.push({ action: { type: 'Delete' }, condition: { age: spec.expiration.toDays(), withState: 'LIVE' } });
  if (spec.noncurrentVersionExpiration) {
    rules.push({ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: spec.noncurrentVersionExpiration.toDays(), withState: 'ARCHIVED' } });
  }
  return rules;
}

