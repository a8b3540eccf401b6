import { DISABLED_DAYS, OBJECT_STORE_PARAMETERS as STORE } from './api';
import { invalid } from '../../../private/errors';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../../services/object-store/object-store';
import { GCS_ENDPOINT } from '../../gcp/catalog/endpoints';
import { CloudComposition } from '../compositions';
import { checkGcpProject } from '../gcp-names';
import { fromParameter, orphanOnRetain } from '../parameters';
import { ComposedTemplate, EXTERNAL_NAME, booleanTransforms, fromFieldPath, fromValue, mapTransform } from '../patch-and-transform';
import { GCP_REGION, checkObjectName } from '../platform-skeleton';

const FP = 'spec.forProvider';

/**
 * Options of the GCP object store Composition (provider-upjet-gcp `storage.gcp.upbound.io`).
 */
export interface CrossplaneObjectStoreGcpOptions {
  /** Region (bucket location) of the buckets, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * GCP project of the buckets.
   * @default - the project of the ProviderConfig
   */
  readonly project?: string;
  /**
   * Name of the provider-upjet-gcp ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/** The GCP object store Composition: its options checked, its composed resources. */
export const GCP_OBJECT_STORE_COMPOSITION: CloudComposition<CrossplaneObjectStoreGcpOptions> = {
  compose: (scope, options) => {
    if (!options || typeof options.region !== 'string' || !GCP_REGION.test(options.region)) {
      invalid(scope, { prop: 'gcp.region', value: options?.region, allowed: 'a GCP region such as "europe-west1" (GCP options are required when the GCP Composition is included)', fix: 'pass gcp: { region }, or clouds: [CrossplaneCloud.AWS]' });
    }
    checkGcpProject(scope, options.project);
    if (options.providerConfigName !== undefined) checkObjectName(scope, 'gcp.providerConfigName', options.providerConfigName);
    return gcpObjectStoreResources(options);
  },
};

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
function gcpObjectStoreResources(options: CrossplaneObjectStoreGcpOptions): ComposedTemplate[] {
  const RULES = `${FP}.lifecycleRule`;
  const createdBefore = booleanTransforms('9999-12-31', '1970-01-01');
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
      fromParameter(STORE, 'bucketName', EXTERNAL_NAME),
      fromParameter(STORE, 'versioned', `${FP}.versioning.enabled`),
      fromParameter(STORE, 'expiration.enabled', `${RULES}[1].condition.createdBefore`, createdBefore),
      fromParameter(STORE, 'expiration.days', `${RULES}[1].condition.age`),
      fromParameter(STORE, 'noncurrentVersionExpiration.enabled', `${RULES}[2].condition.createdBefore`, createdBefore),
      fromParameter(STORE, 'noncurrentVersionExpiration.days', `${RULES}[2].condition.daysSinceNoncurrentTime`),
      fromParameter(STORE, 'deletionPolicy', `${FP}.forceDestroy`, [mapTransform({ Retain: false, Delete: true })]),
      orphanOnRetain(STORE),
    ],
    connectionDetails: [
      fromValue('endpoint', GCS_ENDPOINT),
      fromValue('region', options.region),
      fromFieldPath('bucket', 'status.atProvider.id'),
    ],
  }];
}
