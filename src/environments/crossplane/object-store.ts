import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CONNECTION_SECRET_SUFFIX } from './api';
import { ObjectStoreClaim, ObjectStoreClaimExpiration } from './object-store-claim';
import { CrossplaneBackendOptions } from './options';
import { DeferredValue, IWorkloadBinder, WorkloadBindingContext } from '../../core/backend';
import { bindsEveryWorkload, ObjectStoreCapabilities, Support } from '../../core/capabilities';
import { DeletionPolicy } from '../../core/policies';
import { invalid } from '../../private/errors';
import { serviceAccountOf } from '../../private/service-accounts';
import { IObjectStoreBackend, ObjectStoreBinding, ObjectStoreSpec } from '../../services/object-store/backend';

const MAX_PREFIX_LENGTH = 23;
const PREFIX = /^[a-z][a-z0-9-]*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Serves object stores with Crossplane: one claim (`portabledata.io/v1alpha1` `ObjectStore`) per bucket, answered
 * by the Composition the profile's `compositionSelector` picks among those `CrossplaneObjectStorePlatform`
 * installed (S3 on AWS, Cloud Storage on GCP). The Composition publishes `endpoint`, `bucket` and `region` to the
 * Secret `<name>-crossplane`, where the binder reads them.
 *
 * No access keys: the workloads' identity is the platform's. Bound workloads must run as their own ServiceAccount;
 * the claim lists them in `spec.parameters.serviceAccounts` for the platform's Compositions to grant access.
 */
export class CrossplaneObjectStoreBackend implements IObjectStoreBackend {
  public readonly capabilities: ObjectStoreCapabilities = {
    versioning: Support.honoured('the claim\'s versioned parameter'),
    expiration: Support.honoured('the claim\'s expiration parameter'),
    noncurrentVersionExpiration: Support.honoured('the claim\'s noncurrentVersionExpiration parameter'),
    deletionRetain: Support.honoured('the claim\'s deletionPolicy Retain: the composed bucket is orphaned (Orphan), and a re-created claim re-attaches it by its external name (the bucket name)'),
    deletionDelete: Support.honoured('the claim\'s deletionPolicy Delete, passed to the composed bucket'),
    ...bindsEveryWorkload('the claim lists the workload\'s ServiceAccount; the Composition grants it the bucket'),
  };
  public readonly name = 'crossplane';

  constructor(private readonly options: CrossplaneBackendOptions) {}

  /** The profile's `namePrefix` (checked when first used, like the database backend's options). */
  public get bucketNamePrefix(): string {
    const prefix = this.options.namePrefix ?? '';
    if (prefix !== '' && (prefix.length > MAX_PREFIX_LENGTH || !PREFIX.test(prefix) || prefix.includes('--'))) {
      invalid('crossplane profile option namePrefix', {
        prop: 'namePrefix',
        value: prefix,
        allowed: `1 to ${MAX_PREFIX_LENGTH} lower-case letters, digits and single hyphens, starting with a letter`,
        fix: 'use a prefix such as "prod-"',
      });
    }
    return prefix;
  }

  public bind(scope: Construct, spec: ObjectStoreSpec): ObjectStoreBinding {
    const selector = this.selector();
    const secretName = `${spec.name}${CONNECTION_SECRET_SUFFIX}`;
    const access = new ServiceAccountList();
    new ObjectStoreClaim(scope, 'Claim', {
      metadata: { name: spec.name, labels: { ...spec.labels } },
      spec: {
        compositionSelector: { matchLabels: selector },
        parameters: {
          bucketName: spec.bucketName,
          versioned: spec.versioned,
          expiration: expiration(spec.expiration?.toDays()),
          noncurrentVersionExpiration: expiration(spec.noncurrentVersionExpiration?.toDays()),
          deletionPolicy: spec.deletionPolicy === DeletionPolicy.DELETE ? 'Delete' : 'Retain',
          serviceAccounts: Lazy.any({ produce: () => access.names() }) as unknown as string[],
        },
        writeConnectionSecretToRef: { name: secretName },
      },
    });
    const fromSecret = (key: string): DeferredValue => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: secretName, fieldPath: `data.${key}`, base64: true });
    return {
      provider: this.name,
      endpointFrom: fromSecret('endpoint'),
      regionFrom: fromSecret('region'),
      bucketFrom: fromSecret('bucket'),
      workloadBinder: access,
    };
  }

  /** The profile's `compositionSelector`, checked (shared with the cache backend). */
  public selector(): { [key: string]: string } {
    const selector = this.options.compositionSelector ?? {};
    const keys = typeof selector === 'object' && selector !== null && !Array.isArray(selector) ? Object.keys(selector).sort() : [];
    const bad = keys.find((k) => !LABEL_KEY.test(k) || k.length > 316 || typeof selector[k] !== 'string' || selector[k].length > 63 || !LABEL_VALUE.test(selector[k]));
    if (keys.length === 0 || bad !== undefined) {
      invalid('crossplane profile option compositionSelector', {
        prop: 'compositionSelector',
        value: selector,
        allowed: 'at least one label with a valid key and value, e.g. { provider: "aws" }',
        fix: 'use the labels of a Composition installed by CrossplanePlatform / CrossplaneObjectStorePlatform (provider: aws or gcp)',
      });
    }
    return Object.fromEntries(keys.map((k) => [k, selector[k]]));
  }
}

function expiration(days: number | undefined): ObjectStoreClaimExpiration {
  return days === undefined ? { enabled: false } : { enabled: true, days };
}

/** Records the ServiceAccounts of the bound workloads (each once, sorted; omitted when none). */
class ServiceAccountList implements IWorkloadBinder {
  private readonly accounts = new Set<string>();

  public bindWorkload(_scope: Construct, context: WorkloadBindingContext): void {
    this.accounts.add(serviceAccountOf(context.workload, 'access granted by the platform\'s Composition with access to the bucket'));
  }

  public names(): string[] | undefined {
    return this.accounts.size === 0 ? undefined : [...this.accounts].sort();
  }
}
